package dev.openrouter4j.cdi;

import dev.langchain4j.model.chat.ChatModel;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.RecordedRequest;
import io.smallrye.config.EnvConfigSource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration from environment variables only, named models included: MicroProfile maps
 * {@code openrouter.models.fast.api-key} to {@code OPENROUTER_MODELS_FAST_API_KEY}, and the names come from
 * {@code OPENROUTER_MODEL_NAMES}. Run against a source that implements MicroProfile's lookup rules and against
 * SmallRye's own {@code EnvConfigSource}.
 */
@SuppressWarnings("try") // a TestConfig is registered for the try block and released after it
class EnvironmentOnlyTest {

    static final String FAST_KEY = "sk-or-v1-fast" + "e".repeat(56);

    final FakeOpenRouter fake = FakeOpenRouter.start();

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Dependent
    static class Service {
        @Inject
        ChatModel standard;
        @Inject
        @OpenRouterModel("fast")
        ChatModel fast;
        @Inject
        @OpenRouterModel("long-thinker")
        ChatModel thinker;
    }

    static ConfigSource source(String kind, Map<String, String> env) {
        return kind.equals("smallrye") ? new EnvConfigSource(env, 300) : new TestConfig.EnvSource(env);
    }

    @ParameterizedTest
    @ValueSource(strings = {"microprofile-rules", "smallrye"})
    void everythingFromEnvironmentVariables(String kind) {
        Map<String, String> env = props(
                "OPENROUTER_API_KEY", CANARY,
                "OPENROUTER_BASE_URL", fake.baseUrl(),
                "OPENROUTER_MODEL", "openai/gpt-4o-mini",
                "OPENROUTER_APP_TITLE", "From Env",
                "OPENROUTER_TIMEOUT", "PT20S",
                "OPENROUTER_PROVIDER_ALLOW_FALLBACKS", "false",
                "OPENROUTER_MODEL_NAMES", "fast,long-thinker",
                "OPENROUTER_MODELS_FAST_MODEL", "google/gemini-2.5-flash",
                "OPENROUTER_MODELS_FAST_API_KEY", FAST_KEY,
                "OPENROUTER_MODELS_FAST_PROVIDER_SORT", "latency",
                "OPENROUTER_MODELS_LONG_THINKER_MODEL", "anthropic/claude-sonnet-4.5",
                "OPENROUTER_MODELS_LONG_THINKER_REASONING_EFFORT", "high",
                "PATH", "/usr/bin");
        try (TestConfig c = TestConfig.of(source(kind, env));
             WeldContainer weld = Containers.boot(Service.class)) {
            Service s = weld.select(Service.class).get();
            s.standard.chat("a");
            s.fast.chat("b");
            s.thinker.chat("c");

            RecordedRequest standard = fake.takeRequest();
            RecordedRequest fast = fake.takeRequest();
            RecordedRequest thinker = fake.takeRequest();
            assertThat(standard.header("Authorization")).isEqualTo("Bearer " + CANARY);
            assertThat(standard.header("X-Title")).isEqualTo("From Env");
            assertThat(standard.json().get("provider").get("allow_fallbacks").asBoolean()).isFalse();
            assertThat(fast.header("Authorization")).isEqualTo("Bearer " + FAST_KEY);
            assertThat(fast.header("X-Title")).isEqualTo("From Env");
            assertThat(fast.json().get("model").asText()).isEqualTo("google/gemini-2.5-flash");
            assertThat(fast.json().get("provider").get("sort").asText()).isEqualTo("latency");
            assertThat(fast.json().get("provider").get("allow_fallbacks").asBoolean()).isFalse();
            assertThat(thinker.json().get("model").asText()).isEqualTo("anthropic/claude-sonnet-4.5");
            assertThat(thinker.json().get("reasoning").get("effort").asText()).isEqualTo("high");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"microprofile-rules", "smallrye"})
    void mistakesInEnvironmentVariablesNameTheVariableAndItsSource(String kind) {
        Map<String, String> env = props(
                "OPENROUTER_API_KEY", CANARY,
                "OPENROUTER_MODEL", "openai/gpt-4o-mini",
                "OPENROUTER_MODEL_NAMES", "fast",
                "OPENROUTER_MODELS_FAST_TIMEOUT", "soon",
                "OPENROUTER_MODELS_FAST_PROVIDER_SROT", "price");
        try (TestConfig c = TestConfig.of(source(kind, env))) {
            OpenRouterConfigException e = Containers.failure();
            String sourceName = source(kind, env).getName();
            assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                    .contains("openrouter.models.fast.timeout (env OPENROUTER_MODELS_FAST_TIMEOUT)")
                    .contains(sourceName).contains("is not a duration").doesNotContain("soon"));
            assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                    .contains("openrouter.models.fast.model (env OPENROUTER_MODELS_FAST_MODEL) is not set"));
            assertThat(e.problems()).filteredOn(p -> p.toUpperCase().contains("PROVIDER_SROT")).hasSize(1);
            assertThat(e.problems()).hasSize(3);
            assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                    .contains("OPENROUTER_MODELS_FAST_PROVIDER_SROT").contains("not a known provider setting")
                    .contains("; did you mean OPENROUTER_MODELS_FAST_PROVIDER_SORT?"));
            assertThat(e.getMessage()).doesNotContain("price");
        }
    }

}
