package dev.openrouter4j.cdi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.RecordedRequest;
import jakarta.enterprise.context.Dependent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Named;
import java.util.concurrent.CompletableFuture;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;

/** Several models by name, each inheriting every default it does not set. */
@SuppressWarnings("try") // a TestConfig is registered for the try block and released after it
class NamedModelsTest {

    static final String FAST_KEY = "sk-or-v1-fast" + "f".repeat(56);

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
        @OpenRouterModel("smart")
        ChatModel smart;
        @Inject
        @OpenRouterModel("smart")
        StreamingChatModel smartStreaming;
    }

    @Dependent
    static class NamedOnly {
        @Inject
        @OpenRouterModel("fast")
        ChatModel fast;
    }

    @Test
    void default_and_named_models_are_distinct_beans_with_their_own_model_ids() {
        try (TestConfig c = TestConfig.of(props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.model-names", "fast, smart",
                "openrouter.models.fast.model", "google/gemini-2.5-flash",
                "openrouter.models.smart.model", "anthropic/claude-sonnet-4.5"));
             WeldContainer weld = Containers.boot(Service.class)) {
            Service s = weld.select(Service.class).get();

            s.standard.chat("a");
            s.fast.chat("b");
            s.smart.chat("c");

            assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("openai/gpt-4o-mini");
            assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("google/gemini-2.5-flash");
            assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("anthropic/claude-sonnet-4.5");
            assertThat(weld.select(ChatModel.class, Any.Literal.INSTANCE).stream().count()).isEqualTo(3);
            assertThat(weld.select(StreamingChatModel.class, OpenRouterModel.Literal.of("fast")).isResolvable()).isTrue();
        }
    }

    @Test
    void named_models_are_not_default() {
        try (TestConfig c = TestConfig.of(props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model-names", "fast",
                "openrouter.models.fast.model", "google/gemini-2.5-flash"));
             WeldContainer weld = Containers.boot(NamedOnly.class)) {
            BeanManager bm = weld.getBeanManager();
            assertThat(bm.getBeans(ChatModel.class)).isEmpty();
            Bean<?> fast = bm.resolve(bm.getBeans(ChatModel.class, OpenRouterModel.Literal.of("fast")));
            assertThat(fast.getQualifiers()).containsExactlyInAnyOrder(OpenRouterModel.Literal.of("fast"),
                    NamedLiteral.of("fast"), Any.Literal.INSTANCE);

            weld.select(NamedOnly.class).get().fast.chat("hi");
            assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("google/gemini-2.5-flash");
        }
    }

    /** How langchain4j-cdi's {@code @RegisterAIService(chatModelName = ...)} finds a model: "#default" or by name. */
    static <T> Instance<T> lookupLikeLangChain4jCdi(Instance<Object> lookup, Class<T> type, String name) {
        return "#default".equals(name) ? lookup.select(type) : lookup.select(type, NamedLiteral.of(name));
    }

    @Dependent
    static class NamedInjection {
        @Inject
        @Named("fast")
        ChatModel fast;
    }

    @Test
    void named_models_are_found_by_named_and_the_default_one_by_default() {
        try (TestConfig c = TestConfig.of(props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.model-names", "fast,smart",
                "openrouter.models.fast.model", "google/gemini-2.5-flash",
                "openrouter.models.smart.model", "anthropic/claude-sonnet-4.5"));
             WeldContainer weld = Containers.boot(NamedInjection.class)) {
            Instance<Object> lookup = weld.select(Object.class);

            lookupLikeLangChain4jCdi(lookup, ChatModel.class, "#default").get().chat("a");
            lookupLikeLangChain4jCdi(lookup, ChatModel.class, "fast").get().chat("b");
            StringBuilder streamed = new StringBuilder();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            lookupLikeLangChain4jCdi(lookup, StreamingChatModel.class, "smart").get().chat("c",
                    new StreamingChatResponseHandler() {
                        @Override
                        public void onPartialResponse(String partial) {
                            streamed.append(partial);
                        }

                        @Override
                        public void onCompleteResponse(ChatResponse response) {
                            done.complete(response);
                        }

                        @Override
                        public void onError(Throwable error) {
                            done.completeExceptionally(error);
                        }
                    });
            assertThat(done.join().aiMessage().text()).isEqualTo(streamed.toString()).isNotEmpty();
            weld.select(NamedInjection.class).get().fast.chat("d");

            assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("openai/gpt-4o-mini");
            assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("google/gemini-2.5-flash");
            assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("anthropic/claude-sonnet-4.5");
            assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("google/gemini-2.5-flash");
            assertThat(lookupLikeLangChain4jCdi(lookup, ChatModel.class, "nope").isUnsatisfied()).isTrue();
            assertThat(lookup.select(ChatModel.class, NamedLiteral.of("fast")).isResolvable()).isTrue();
        }
    }

    @Dependent
    static class ApplicationNamedFast {
        @Produces
        @Named("fast")
        ChatModel own = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from("own")).build();
            }
        };
    }

    @Test
    void an_applications_own_named_model_keeps_its_name_unambiguous() {
        try (TestConfig c = TestConfig.of(props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model-names", "fast",
                "openrouter.models.fast.model", "google/gemini-2.5-flash"));
             WeldContainer weld = Containers.boot(ApplicationNamedFast.class)) {
            Instance<ChatModel> named = weld.select(ChatModel.class, NamedLiteral.of("fast"));
            assertThat(named.isResolvable()).isTrue();
            assertThat(named.get().chat("hi")).isEqualTo("own");
            assertThat(weld.select(ChatModel.class, OpenRouterModel.Literal.of("fast")).isResolvable()).isTrue();
            assertThat(weld.select(StreamingChatModel.class, NamedLiteral.of("fast")).isResolvable()).isTrue();
        }
    }

    @Test
    void named_models_inherit_every_default_they_do_not_set() {
        try (TestConfig c = TestConfig.of(props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.app-title", "Inherited Title",
                "openrouter.app-url", "https://example.com/app",
                "openrouter.timeout", "30s",
                "openrouter.temperature", "0.2",
                "openrouter.top-p", "0.9",
                "openrouter.max-tokens", "300",
                "openrouter.fallback-models", "openai/gpt-4o, openai/gpt-4.1-mini",
                "openrouter.provider.order", "openai,azure",
                "openrouter.provider.allow-fallbacks", "false",
                "openrouter.provider.data-collection", "deny",
                "openrouter.provider.sort", "throughput",
                "openrouter.reasoning.effort", "low",
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.model-names", "fast,smart",
                "openrouter.models.fast.model", "google/gemini-2.5-flash",
                "openrouter.models.fast.api-key", FAST_KEY,
                "openrouter.models.fast.temperature", "0.7",
                "openrouter.models.fast.provider.sort", "latency",
                "openrouter.models.fast.reasoning.max-tokens", "1000",
                "openrouter.models.smart.model", "anthropic/claude-sonnet-4.5",
                "openrouter.models.smart.app-title", "Smart Title"));
             WeldContainer weld = Containers.boot(Service.class)) {
            Service s = weld.select(Service.class).get();
            s.standard.chat("a");
            s.fast.chat("b");
            s.smart.chat("c");

            RecordedRequest standard = fake.takeRequest();
            RecordedRequest fast = fake.takeRequest();
            RecordedRequest smart = fake.takeRequest();

            JsonNode d = standard.json();
            assertThat(standard.header("Authorization")).isEqualTo("Bearer " + CANARY);
            assertThat(standard.header("X-Title")).isEqualTo("Inherited Title");
            assertThat(standard.header("HTTP-Referer")).isEqualTo("https://example.com/app");
            assertThat(d.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(d.get("top_p").asDouble()).isEqualTo(0.9);
            assertThat(d.get("max_tokens").asInt()).isEqualTo(300);
            assertThat(d.get("models").toString()).contains("openai/gpt-4o", "openai/gpt-4.1-mini");
            assertThat(d.get("provider").get("order").toString()).isEqualTo("[\"openai\",\"azure\"]");
            assertThat(d.get("provider").get("allow_fallbacks").asBoolean()).isFalse();
            assertThat(d.get("provider").get("data_collection").asText()).isEqualTo("deny");
            assertThat(d.get("provider").get("sort").asText()).isEqualTo("throughput");
            assertThat(d.get("reasoning").get("effort").asText()).isEqualTo("low");

            // fast: own key, temperature, sort and reasoning budget; everything else inherited
            JsonNode f = fast.json();
            assertThat(fast.header("Authorization")).isEqualTo("Bearer " + FAST_KEY);
            assertThat(fast.header("X-Title")).isEqualTo("Inherited Title");
            assertThat(f.get("model").asText()).isEqualTo("google/gemini-2.5-flash");
            assertThat(f.get("temperature").asDouble()).isEqualTo(0.7);
            assertThat(f.get("top_p").asDouble()).isEqualTo(0.9);
            assertThat(f.get("max_tokens").asInt()).isEqualTo(300);
            assertThat(f.get("provider").get("order").toString()).isEqualTo("[\"openai\",\"azure\"]");
            assertThat(f.get("provider").get("data_collection").asText()).isEqualTo("deny");
            assertThat(f.get("provider").get("sort").asText()).isEqualTo("latency");
            assertThat(f.get("reasoning").get("max_tokens").asInt()).isEqualTo(1000);
            assertThat(f.get("reasoning").has("effort")).as("effort and max-tokens are one choice").isFalse();

            // smart: own title, the default key
            JsonNode m = smart.json();
            assertThat(smart.header("Authorization")).isEqualTo("Bearer " + CANARY);
            assertThat(smart.header("X-Title")).isEqualTo("Smart Title");
            assertThat(m.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(m.get("reasoning").get("effort").asText()).isEqualTo("low");
        }
    }

    @Test
    void expressions_and_micro_profile_features_still_apply() {
        try (TestConfig c = TestConfig.of(props(
                "my.key", CANARY,
                "openrouter.api-key", "${my.key}",
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model", "openai/gpt-4o-mini"));
             WeldContainer weld = Containers.boot()) {
            weld.select(ChatModel.class).get().chat("hi");
            assertThat(fake.takeRequest().header("Authorization")).isEqualTo("Bearer " + CANARY);
        }
    }

}
