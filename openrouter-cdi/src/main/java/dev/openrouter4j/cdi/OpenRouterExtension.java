package dev.openrouter4j.cdi;

import dev.openrouter4j.cdi.internal.Deployment;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.enterprise.inject.spi.ProcessProducerField;
import jakarta.enterprise.inject.spi.ProcessProducerMethod;
import jakarta.enterprise.inject.spi.ProcessSyntheticBean;

/**
 * The portable CDI extension that turns {@code openrouter.*} MicroProfile Config properties into beans. It is
 * registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}, so adding the jar is enough on
 * WildFly, Open Liberty (with mpConfig), Payara and Weld SE with a MicroProfile Config implementation; add it
 * explicitly only where discovery is off (e.g. {@code new Weld().disableDiscovery().addExtension(new
 * OpenRouterExtension())}).
 * <p>
 * What it registers, when {@code openrouter.enabled} is not {@code false}:
 * <ul>
 *   <li>when {@code openrouter.model} is set, an {@code @ApplicationScoped @Default} pair of {@code ChatModel} and
 *       {@code StreamingChatModel} beans;</li>
 *   <li>for each name in {@code openrouter.model-names}, an {@code @ApplicationScoped} pair qualified
 *       {@link OpenRouterModel @OpenRouterModel("name")} (not {@code @Default});</li>
 *   <li>when {@code openrouter.embedding.model}, {@code openrouter.rerank.model}, {@code openrouter.image.model},
 *       {@code openrouter.speech.model} or {@code openrouter.transcription.model} is set, an
 *       {@code @ApplicationScoped @Default} {@code EmbeddingModel}, {@code ScoringModel}, {@code ImageModel},
 *       {@code TextToSpeechModel} or {@code AudioTranscriptionModel}; a listed name whose
 *       {@code openrouter.models.<name>.kind} is one of those kinds gets that bean instead of the chat pair, qualified
 *       {@code @OpenRouterModel("name")} and {@code @Named("name")};</li>
 *   <li>{@code @Singleton} beans of {@code OpenRouterTransport} (the one HTTP client and thread pools every model and
 *       the catalog share), {@code OpenRouterModelCatalog}, {@code PriceTable}, {@code CostLedger} and, with
 *       budgets, {@code BudgetGuard}, each unless the application has a bean of that type, which then replaces
 *       it (an application's {@code OpenRouterTransport} bean sets proxy, TLS or the callback executor).</li>
 * </ul>
 * The model beans' types are the interfaces only; they are closed when the container shuts down. Every
 * {@code ChatModelListener} bean of the application is attached to every chat model once, with the library's cost
 * listener ({@code EmbeddingModelListener} and {@code OpenRouterCallListener} beans likewise to the other kinds, with
 * theirs); every model is guarded by the {@code BudgetGuard} bean when there is one, and every recorded cost is fired
 * as a {@link CostRecorded} event.
 * <p>
 * All mistakes (missing key, malformed values, unknown provider settings, injection points asking for a model that
 * is not configured, listener beans in thread-bound scopes) are reported together as one
 * {@link OpenRouterConfigException} definition error, naming each property, its environment variable and its
 * source, never its value.
 */
public class OpenRouterExtension implements Extension {

    private Deployment deployment;

    /** Created by the container through {@code ServiceLoader}, or by a test or an SE bootstrap. */
    public OpenRouterExtension() {
    }

    void beforeBeanDiscovery(@Observes BeforeBeanDiscovery bbd) {
        deployment = Deployment.start(OpenRouterExtension.class);
    }

    void injectionPoint(@Observes ProcessInjectionPoint<?, ?> pip) {
        if (active()) {
            deployment.injectionPoint(pip.getInjectionPoint());
        }
    }

    void bean(@Observes ProcessBean<?> pb) {
        if (!active() || pb instanceof ProcessSyntheticBean<?> s && s.getSource() == this) {
            return;
        }
        String kind = pb instanceof ProcessProducerMethod<?, ?> ? "producer method"
                : pb instanceof ProcessProducerField<?, ?> ? "producer field" : null;
        deployment.bean(pb.getBean(), kind);
    }

    void costObserver(@Observes ProcessObserverMethod<CostRecorded, ?> pom) {
        if (active()) {
            deployment.costObserver(pom.getObserverMethod().isAsync());
        }
    }

    void afterBeanDiscovery(@Observes AfterBeanDiscovery abd) {
        if (active()) {
            deployment.afterBeanDiscovery(abd);
        }
    }

    void afterDeploymentValidation(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        if (active()) {
            deployment.afterDeploymentValidation(adv, bm);
        }
    }

    private boolean active() {
        return deployment != null && deployment.enabled();
    }
}
