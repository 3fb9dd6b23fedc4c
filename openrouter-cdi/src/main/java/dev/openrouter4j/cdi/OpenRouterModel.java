package dev.openrouter4j.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Selects a named OpenRouter model, one listed in {@code openrouter.model-names} and configured under
 * {@code openrouter.models.<name>.*}:
 * <pre>{@code
 * @Inject @OpenRouterModel("fast") ChatModel fast;
 * @Inject @OpenRouterModel("fast") StreamingChatModel fastStreaming;
 * }</pre>
 * The model configured by {@code openrouter.model} has no name: inject it without a qualifier ({@code @Default}).
 * A named model is not {@code @Default}. Asking for a name that is not configured stops the deployment with a message
 * that says which property to set. Look a model up programmatically with {@link Literal#of(String)}:
 * {@code CDI.current().select(ChatModel.class, OpenRouterModel.Literal.of("fast")).get()}.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface OpenRouterModel {

    /** The model's name, as listed in {@code openrouter.model-names} (case-sensitive). */
    String value();

    /** An instance of the qualifier, for {@code Instance.select}, {@code BeanManager} and synthetic beans. */
    final class Literal extends AnnotationLiteral<OpenRouterModel> implements OpenRouterModel {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /** The qualifier {@code @OpenRouterModel(name)}. */
        public static Literal of(String name) {
            return new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
