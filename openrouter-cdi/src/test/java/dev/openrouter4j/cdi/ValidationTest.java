package dev.openrouter4j.cdi;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.Map;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every mistake is a definition error naming the property, its environment variable and its source, never its
 * value; several mistakes are reported together. The canary key is set in every case and must appear nowhere.
 */
@SuppressWarnings("try") // a TestConfig is registered for the try block and released after it
class ValidationTest {

    static final String SOURCE = "from test-config,";

    @Dependent
    static class NeedsDefault {
        @Inject
        ChatModel chat;
    }

    @Dependent
    static class NeedsSmart {
        @Inject
        NeedsSmart(@OpenRouterModel("smart") StreamingChatModel smart) {
        }
    }

    @Dependent
    static class NeedsFast {
        @Inject
        @OpenRouterModel("fast")
        ChatModel fast;
    }

    @Dependent
    static class NeedsConcreteClass {
        @Inject
        OpenRouterChatModel chat;
    }

    @RequestScoped
    static class RequestListener implements ChatModelListener {
    }

    @Dependent
    static class SessionListenerProducer {
        @Produces
        @SessionScoped
        SerializableListener listener() {
            return new SerializableListener();
        }
    }

    static class SerializableListener implements ChatModelListener, Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A model the application produces itself satisfies the injection point; no OpenRouter model is needed. */
    @Dependent
    static class OwnDefaultModel {
        @Produces
        ChatModel own() {
            return new ChatModel() {
            };
        }
    }

    static Map<String, String> valid(String... more) {
        Map<String, String> m = props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", "http://127.0.0.1:9/api/v1",
                "openrouter.model", "openai/gpt-4o-mini");
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) m.remove(more[i]);
            else m.put(more[i], more[i + 1]);
        }
        return m;
    }

    static OpenRouterConfigException fails(Map<String, String> config, Class<?>... beans) {
        try (TestConfig c = TestConfig.of(config)) {
            return Containers.failure(beans);
        }
    }

    @Test
    void missing_key() {
        OpenRouterConfigException e = fails(valid("openrouter.api-key", null,
                "openrouter.models.unused.api-key", CANARY));
        assertThat(e.problems()).containsExactly("openrouter.api-key (env OPENROUTER_API_KEY) is required but is"
                + " not set in any config source: create a key at https://openrouter.ai/keys");
        assertThat(e.getMessage()).startsWith("The OpenRouter configuration has 1 problem (values are never shown):");
    }

    @Test
    void missing_key_of_a_named_model_names_its_own_key_too() {
        OpenRouterConfigException e = fails(props(
                "openrouter.model-names", "fast",
                "openrouter.models.fast.model", "google/gemini-2.5-flash",
                "openrouter.models.other.api-key", CANARY));
        assertThat(e.problems()).singleElement().asString()
                .contains("model 'fast' needs an API key")
                .contains("openrouter.models.fast.api-key (env OPENROUTER_MODELS_FAST_API_KEY)")
                .contains("openrouter.api-key (env OPENROUTER_API_KEY)");
    }

    @Test
    void key_with_white_space() {
        OpenRouterConfigException e = fails(valid("openrouter.api-key", CANARY + "\n"));
        assertThat(e.problems()).singleElement().asString()
                .contains("openrouter.api-key (env OPENROUTER_API_KEY), " + SOURCE)
                .contains("contains white space");
    }

    @Test
    void malformed_numbers() {
        OpenRouterConfigException e = fails(valid(
                "openrouter.temperature", "warm",
                "openrouter.max-retries", "-1",
                "openrouter.models.x.unused", "1",
                "openrouter.top-p", "1.5",
                "openrouter.max-tokens", "1e3"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "openrouter.temperature (env OPENROUTER_TEMPERATURE), " + SOURCE + " is not a number",
                "openrouter.max-retries (env OPENROUTER_MAX_RETRIES), " + SOURCE + " must be 0 or more",
                "openrouter.top-p (env OPENROUTER_TOP_P), " + SOURCE + " must be between 0 and 1",
                "openrouter.max-tokens (env OPENROUTER_MAX_TOKENS), " + SOURCE + " is not a whole number");
        assertThat(e.getMessage()).doesNotContain("warm", "1.5", "1e3");
    }

    @Test
    void malformed_boolean() {
        OpenRouterConfigException e = fails(valid("openrouter.log-requests", "sometimes"));
        assertThat(e.problems()).containsExactly("openrouter.log-requests (env OPENROUTER_LOG_REQUESTS), " + SOURCE
                + " is not a boolean: use true or false");
        assertThat(e.getMessage()).doesNotContain("sometimes");
    }

    @Test
    void malformed_duration() {
        OpenRouterConfigException e = fails(valid("openrouter.timeout", "30 seconds"));
        assertThat(e.problems()).containsExactly("openrouter.timeout (env OPENROUTER_TIMEOUT), " + SOURCE
                + " is not a duration: use 500ms, 30s, 2m, 1h or ISO-8601 such as PT30S");
    }

    @Test
    void durations_in_every_accepted_form() {
        for (String ok : new String[]{"30s", "2m", "500ms", "PT30S", "pt1m30s", "45"}) {
            try (TestConfig c = TestConfig.of(valid("openrouter.timeout", ok));
                 WeldContainer weld = Containers.boot()) {
                assertThat(weld.select(ChatModel.class).get().toString()).as(ok).contains("timeout=PT");
            }
        }
    }

    @Test
    void unknown_enum_values() {
        OpenRouterConfigException e = fails(valid(
                "openrouter.provider.sort", "cheapest",
                "openrouter.provider.data-collection", "maybe",
                "openrouter.reasoning.effort", "extreme",
                "openrouter.cost.budget.period", "fortnight"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "openrouter.provider.sort (env OPENROUTER_PROVIDER_SORT), " + SOURCE
                        + " is not one of price, throughput, latency, exacto",
                "openrouter.provider.data-collection (env OPENROUTER_PROVIDER_DATA_COLLECTION), " + SOURCE
                        + " is not one of allow, deny",
                "openrouter.reasoning.effort (env OPENROUTER_REASONING_EFFORT), " + SOURCE
                        + " is not one of max, xhigh, high, medium, low, minimal, none",
                "openrouter.cost.budget.period (env OPENROUTER_COST_BUDGET_PERIOD), " + SOURCE
                        + " is not one of day, week, month, none");
        assertThat(e.getMessage()).doesNotContain("cheapest", "maybe", "extreme", "fortnight");
    }

    @Test
    void named_model_without_model_id() {
        OpenRouterConfigException e = fails(valid("openrouter.model-names", "fast,smart",
                "openrouter.models.fast.model", "google/gemini-2.5-flash"));
        assertThat(e.problems()).containsExactly("model 'smart' is listed in openrouter.model-names"
                + " (env OPENROUTER_MODEL_NAMES) but openrouter.models.smart.model (env OPENROUTER_MODELS_SMART_MODEL)"
                + " is not set: set it to an OpenRouter model id such as openai/gpt-4o-mini");
    }

    @Test
    void provider_key_typos() {
        OpenRouterConfigException e = fails(valid(
                "openrouter.provider.allow-fallback", "false",
                "openrouter.model-names", "fast",
                "openrouter.models.fast.model", "google/gemini-2.5-flash",
                "openrouter.models.fast.provider.data_colection", "deny",
                "openrouter.provider.favourite", "openai"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "openrouter.provider.allow-fallback (env OPENROUTER_PROVIDER_ALLOW_FALLBACK), " + SOURCE
                        + " is not a known provider setting; did you mean openrouter.provider.allow-fallbacks?"
                        + " (known: order, only, ignore, allow-fallbacks, require-parameters, data-collection, zdr, sort)",
                "openrouter.models.fast.provider.data_colection (env OPENROUTER_MODELS_FAST_PROVIDER_DATA_COLECTION), "
                        + SOURCE + " is not a known provider setting; did you mean"
                        + " openrouter.models.fast.provider.data-collection? (known: order, only, ignore,"
                        + " allow-fallbacks, require-parameters, data-collection, zdr, sort)",
                "openrouter.provider.favourite (env OPENROUTER_PROVIDER_FAVOURITE), " + SOURCE
                        + " is not a known provider setting (known: order, only, ignore, allow-fallbacks,"
                        + " require-parameters, data-collection, zdr, sort)");
    }

    @Test
    void injection_point_for_a_name_that_is_not_configured() {
        OpenRouterConfigException e = fails(valid("openrouter.model-names", "fast",
                "openrouter.models.fast.model", "google/gemini-2.5-flash",
                "openrouter.models.smart.model", "anthropic/claude-sonnet-4.5"), NeedsSmart.class, NeedsFast.class);
        assertThat(e.problems()).singleElement().asString()
                .startsWith("parameter 0 of " + NeedsSmart.class.getName() + " (constructor) injects"
                        + " @OpenRouterModel(\"smart\") StreamingChatModel, but no model named 'smart' is configured:"
                        + " list it in openrouter.model-names (env OPENROUTER_MODEL_NAMES) and set"
                        + " openrouter.models.smart.model (env OPENROUTER_MODELS_SMART_MODEL)")
                .contains("(it has openrouter.models.smart.* settings but is not listed)")
                .endsWith("; configured: fast");
    }

    @Test
    void injection_point_for_the_default_model_when_openrouter_model_is_unset() {
        OpenRouterConfigException e = fails(valid("openrouter.model", null), NeedsDefault.class);
        assertThat(e.problems()).containsExactly("field " + NeedsDefault.class.getName() + ".chat injects ChatModel"
                + " without a qualifier, but openrouter.model (env OPENROUTER_MODEL) is not set: set it to the default"
                + " model's id (e.g. openai/gpt-4o-mini)");
    }

    @Test
    void injection_point_for_the_default_model_is_satisfied_by_an_application_model() {
        try (TestConfig c = TestConfig.of(valid("openrouter.model", null));
             WeldContainer weld = Containers.boot(NeedsDefault.class, OwnDefaultModel.class)) {
            assertThat(weld.select(NeedsDefault.class).get().chat).isNotNull();
        }
    }

    @Test
    void injection_point_for_the_concrete_class() {
        OpenRouterConfigException e = fails(valid(), NeedsConcreteClass.class);
        assertThat(e.problems()).singleElement().asString().contains("injects OpenRouterChatModel")
                .contains("inject ChatModel");
    }

    @Test
    void listener_in_a_scope_not_active_on_http_threads() {
        OpenRouterConfigException e = fails(valid(), RequestListener.class, SessionListenerProducer.class);
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "ChatModelListener bean " + RequestListener.class.getName() + " is @RequestScoped, a scope that is"
                        + " not active on the HTTP-client and callback threads where OpenRouter models notify their"
                        + " listeners: make it @ApplicationScoped or @Dependent",
                "ChatModelListener bean " + SessionListenerProducer.class.getName() + " (producer method) is"
                        + " @SessionScoped, a scope that is not active on the HTTP-client and callback threads where"
                        + " OpenRouter models notify their listeners: make it @ApplicationScoped or @Dependent");
    }

    @Test
    void malformed_base_url_and_ledger() {
        OpenRouterConfigException e = fails(valid("openrouter.base-url", "openrouter.ai",
                "openrouter.cost.ledger", "s3://bucket"));
        assertThat(e.problems()).containsExactly(
                "openrouter.base-url (env OPENROUTER_BASE_URL), " + SOURCE
                        + " is not an absolute http(s) URL such as https://openrouter.ai/api/v1",
                "openrouter.cost.ledger (env OPENROUTER_COST_LEDGER), " + SOURCE
                        + " is not one of memory, file:<path>, jdbc:<data source JNDI name>");
    }

    @Test
    void several_problems_reported_together_without_any_value() {
        // every malformed value is the canary itself, so any echo of a value would show
        OpenRouterConfigException e = fails(props(
                "openrouter.models.fast.api-key", CANARY,
                "openrouter.timeout", CANARY,
                "openrouter.temperature", CANARY,
                "openrouter.log-responses", CANARY,
                "openrouter.provider.sort", CANARY,
                "openrouter.provider.typo", CANARY,
                "openrouter.model-names", "fast,smart",
                "openrouter.models.fast.model", "google/gemini-2.5-flash",
                "openrouter.cost.budget.total", CANARY), NeedsDefault.class, NeedsSmart.class);
        assertThat(e.problems()).hasSize(10);
        assertThat(e.getMessage())
                .contains("has 10 problems")
                .contains("openrouter.timeout (env OPENROUTER_TIMEOUT)")
                .contains("openrouter.temperature (env OPENROUTER_TEMPERATURE)")
                .contains("openrouter.log-responses (env OPENROUTER_LOG_RESPONSES)")
                .contains("openrouter.provider.sort (env OPENROUTER_PROVIDER_SORT)")
                .contains("openrouter.provider.typo (env OPENROUTER_PROVIDER_TYPO)")
                .contains("openrouter.models.smart.model (env OPENROUTER_MODELS_SMART_MODEL) is not set")
                .contains("openrouter.cost.budget.total (env OPENROUTER_COST_BUDGET_TOTAL)")
                .contains("field " + NeedsDefault.class.getName() + ".chat injects ChatModel")
                .contains("openrouter.api-key (env OPENROUTER_API_KEY) is required")
                .doesNotContain("sk-or");
        // numbered, one per line
        assertThat(e.getMessage()).contains("  1. ").contains(" 10. ");
    }

    @Test
    void disabled_registers_no_beans_and_checks_nothing() {
        try (TestConfig c = TestConfig.of(props("openrouter.enabled", "false", "openrouter.timeout", "never"));
             WeldContainer weld = Containers.boot()) {
            assertThat(weld.select(ChatModel.class).isResolvable()).isFalse();
            for (Class<?> type : new Class<?>[]{StreamingChatModel.class, CostLedger.class, PriceTable.class,
                    OpenRouterModelCatalog.class}) {
                assertThat(weld.getBeanManager().getBeans(type)).as(type.getSimpleName()).isEmpty();
            }
        }
    }
}
