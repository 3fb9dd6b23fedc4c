package dev.openrouter4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.exception.InsufficientCreditsException;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import dev.openrouter4j.testkit.OpenRouterSchemas;
import dev.openrouter4j.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class ChatModelTest {

    static final String KEY = StreamingChatModelTest.KEY;
    static FakeOpenRouter fake;
    CountingListener listener;
    OpenRouterChatModel model;

    @BeforeAll
    static void startFake() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void setUp() {
        fake.reset();
        listener = new CountingListener();
        model = builder().build();
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    OpenRouterChatModel.Builder builder() {
        return OpenRouterChatModel.builder()
                .apiKey(KEY)
                .baseUrl(fake.baseUrl())
                .modelName("openai/gpt-4o-mini")
                .appUrl("https://example.test/app")
                .appTitle("openrouter4j tests")
                .timeout(Duration.ofSeconds(2))
                .maxRetries(2)
                .listeners(listener);
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    @Test
    void answers_with_openrouter_metadata_and_sends_attribution_headers() {
        ChatResponse r = model.chat(ask("Tell me about Venus"));

        assertThat(r.aiMessage().text()).isNotBlank();
        OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) r.metadata();
        assertThat(m.generationId()).startsWith("gen-");
        assertThat(m.provider()).isEqualTo("OpenAI");
        assertThat(m.cost()).isPositive();
        assertThat(m.isByok()).isFalse();
        assertThat(m.tokenUsage().cachedTokens()).isZero();
        assertThat(listener.responses).hasValue(1);

        RecordedRequest sent = fake.takeRequest();
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(sent.header("HTTP-Referer")).isEqualTo("https://example.test/app");
        assertThat(sent.header("X-OpenRouter-Title")).isEqualTo("openrouter4j tests");
        assertThat(sent.header("X-Title")).isEqualTo("openrouter4j tests");
        OpenRouterSchemas.assertValidChatRequest(sent.body());
    }

    @Test
    void every_openrouter_parameter_reaches_the_wire_and_validates_against_the_spec() {
        OpenRouterChatRequestParameters p = OpenRouterChatRequestParameters.builder()
                .modelName("anthropic/claude-3-haiku")
                .temperature(0.3).topP(0.9).topK(40).maxOutputTokens(100).seed(7).stopSequences("END")
                .fallbackModels("openai/gpt-4o-mini", "meta-llama/llama-3-8b-instruct")
                .provider(ProviderPreferences.builder().order("anthropic", "amazon-bedrock").allowFallbacks(true)
                        .requireParameters(true).dataCollection("deny").zdr(true).only(List.of("anthropic"))
                        .ignore(List.of("azure")).quantizations(List.of("fp8")).sort("throughput", "model")
                        .maxPrice(ProviderPreferences.MaxPrice.of("5", "20")).preferredMinThroughput(50.0)
                        .preferredMaxLatency(2.0).build())
                .reasoning(new Reasoning("high", null, false, null))
                .plugins(OpenRouterPlugin.webSearch("exa", 3, null), OpenRouterPlugin.fileParser("native"),
                        OpenRouterPlugin.responseHealing(), OpenRouterPlugin.contextCompression(),
                        OpenRouterPlugin.moderation())
                .cacheControl(CacheControl.ephemeral("1h"))
                .promptCacheKey("k1").preset("@preset/demo").sessionId("s-1").user("user-42").verbosity("low")
                .metadata(Map.of("team", "a"))
                .extraBody(Map.of("debug", Map.of("echo_upstream_body", false)))
                .build();
        model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).parameters(p).build());

        JsonNode body = fake.takeRequest().json();
        OpenRouterSchemas.assertValidChatRequest(body.toString());
        assertThat(body.get("model").asText()).isEqualTo("anthropic/claude-3-haiku");
        assertThat(body.get("models")).hasSize(2);
        assertThat(body.at("/provider/sort/by").asText()).isEqualTo("throughput");
        assertThat(body.at("/provider/max_price/prompt").asText()).isEqualTo("5");
        assertThat(body.at("/provider/data_collection").asText()).isEqualTo("deny");
        assertThat(body.at("/reasoning/effort").asText()).isEqualTo("high");
        assertThat(body.get("plugins")).hasSize(5);
        assertThat(body.at("/plugins/0/engine").asText()).isEqualTo("exa");
        assertThat(body.at("/cache_control/ttl").asText()).isEqualTo("1h");
        assertThat(body.get("top_k").asInt()).isEqualTo(40);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.get("session_id").asText()).isEqualTo("s-1");
        assertThat(body.get("preset").asText()).isEqualTo("@preset/demo");
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(body.has("transforms")).isFalse();
    }

    @Test
    void reasoning_details_are_kept_and_sent_back_unchanged() throws Exception {
        String details = "[{\"type\":\"reasoning.text\",\"text\":\"think\",\"signature\":\"sig==\",\"format\":\"anthropic-claude-v1\",\"index\":0}]";
        fake.enqueue(FakeResponse.json(200, "{\"id\":\"gen-9\",\"model\":\"anthropic/claude-sonnet-4.5\",\"provider\":\"Anthropic\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"4\",\"reasoning\":\"think\",\"reasoning_details\":" + details + "}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5,\"cost\":0.000669}}"));
        OpenRouterChatModel thinking = builder().returnThinking(true).build();
        try {
            ChatResponse first = thinking.chat(ask("2+2?"));
            AiMessage ai = first.aiMessage();
            assertThat(ai.thinking()).isEqualTo("think");
            assertThat(ai.attributes()).containsKey("reasoning_details");
            fake.takeRequest();

            thinking.chat(ChatRequest.builder().messages(UserMessage.from("2+2?"), ai, UserMessage.from("and 3+3?"))
                    .build());
            JsonNode sent = fake.takeRequest().json();
            assertThat(sent.at("/messages/1/reasoning_details")).isEqualTo(new ObjectMapper().readTree(details));
            OpenRouterSchemas.assertValidChatRequest(sent.toString());
        } finally {
            thinking.close();
        }
    }

    @Test
    void rate_limit_with_retry_after_is_retried_and_clears() {
        fake.enqueue(FakeResponse.rateLimited(1));
        fake.enqueue(FakeResponse.rateLimited(1));
        long start = System.nanoTime();
        ChatResponse r = model.chat(ask("hi"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.aiMessage().text()).isNotBlank();
        assertThat(ms).isGreaterThanOrEqualTo(1_900L);
        assertThat(fake.requests()).hasSize(3);
        assertThat(listener.requests).hasValue(1);
        assertThat(listener.responses).hasValue(1);
    }

    @Test
    void rate_limit_that_does_not_clear_exposes_retry_after() {
        OpenRouterChatModel noRetry = builder().maxRetries(0).build();
        try {
            fake.enqueue(FakeResponse.rateLimited(5));
            Throwable e = catchThrowable(() -> noRetry.chat(ask("hi")));
            assertThat(e).isInstanceOf(OpenRouterRateLimitException.class);
            assertThat(((OpenRouterFailure) e).retryAfter()).isEqualTo(Duration.ofSeconds(5));
        } finally {
            noRetry.close();
        }
    }

    @Test
    void insufficient_credits_is_never_retried() {
        fake.enqueue(FakeResponse.insufficientCredits());
        assertThatThrownBy(() -> model.chat(ask("hi"))).isInstanceOf(InsufficientCreditsException.class)
                .hasMessageContaining("credits");
        assertThat(fake.requests()).hasSize(1);
        assertThat(listener.errors).hasValue(1);
    }

    @Test
    void unknown_model_names_it_and_suggests_from_the_suggester() {
        OpenRouterChatModel m = builder().modelName("openai/gpt-9-ultra")
                .modelSuggester(id -> List.of("openai/gpt-4-turbo", "openai/gpt-4o")).build();
        try {
            Throwable e = catchThrowable(() -> m.chat(ask("hi")));
            assertThat(e).isInstanceOf(OpenRouterModelNotFoundException.class)
                    .hasMessageContaining("openai/gpt-9-ultra").hasMessageContaining("Did you mean: openai/gpt-4-turbo");
        } finally {
            m.close();
        }
    }

    @Test
    void a_body_that_stalls_fails_within_timeout_plus_two_seconds() {
        fake.enqueue(FakeResponse.stallAfter(1, Duration.ofSeconds(30)));
        long start = System.nanoTime();
        Throwable e = catchThrowable(() -> model.chat(ask("hi")));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e).isInstanceOf(OpenRouterTimeoutException.class);
        assertThat(ms).isLessThan(4_000L);
        assertThat(fake.requests()).hasSize(1); // a read timeout may have been billed: not retried
    }

    @Test
    void html_502_says_so_without_the_page_and_is_retried() {
        fake.enqueue(FakeResponse.htmlPage(502));
        fake.enqueue(FakeResponse.htmlPage(502));
        fake.enqueue(FakeResponse.htmlPage(502));
        Throwable e = catchThrowable(() -> model.chat(ask("hi")));
        assertThat(e).isInstanceOf(OpenRouterServerException.class).hasMessageContaining("502 from the server")
                .hasMessageNotContaining("<html");
        assertThat(fake.requests()).hasSize(3);
    }

    @Test
    void http_200_error_bodies_and_choice_errors_are_errors() {
        fake.enqueue(FakeResponse.ok200ErrorBody());
        assertThat(catchThrowable(() -> model.chat(ask("hi")))).isInstanceOf(OpenRouterFailure.class);
        fake.enqueue(FakeResponse.choiceError());
        Throwable e = catchThrowable(() -> model.chat(ask("hi")));
        assertThat(e).isInstanceOf(OpenRouterFailure.class);
        assertThat(((OpenRouterFailure) e).partialResponse()).isNotNull();
    }

    @Test
    void truncated_json_is_a_typed_error_and_the_next_call_works() {
        fake.enqueue(FakeResponse.truncatedJson());
        assertThat(catchThrowable(() -> model.chat(ask("hi")))).isInstanceOf(OpenRouterServerException.class)
                .hasMessageContaining("not valid JSON");
        assertThat(model.chat(ask("again")).aiMessage().text()).isNotBlank();
    }

    @Test
    void a_ten_megabyte_answer_succeeds() {
        fake.enqueue(FakeResponse.large(10 * 1024 * 1024));
        ChatResponse r = model.chat(ask("hi"));
        assertThat(r.aiMessage().text().length()).isGreaterThan(9 * 1024 * 1024);
    }

    @Test
    void connection_refused_is_typed_and_retried_as_a_connect_failure() {
        OpenRouterChatModel nowhere = OpenRouterChatModel.builder().apiKey(KEY).baseUrl("http://127.0.0.1:1/api/v1")
                .modelName("x/y").maxRetries(1).build();
        try {
            assertThatThrownBy(() -> nowhere.chat(ask("hi"))).isInstanceOf(OpenRouterConnectionException.class)
                    .hasMessageContaining("refused");
        } finally {
            nowhere.close();
        }
    }

    @Test
    void cost_is_read_from_the_json_text_exactly() {
        fake.enqueue(FakeResponse.json(200, "{\"id\":\"gen-1\",\"model\":\"a/b\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2,\"cost\":9.25e-06,\"is_byok\":true,\"cost_details\":{\"upstream_inference_cost\":0.00019325},\"server_tool_use_details\":{\"web_search_requests\":2}}}"));
        OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) model.chat(ask("hi")).metadata();
        assertThat(m.cost()).isEqualTo(new BigDecimal("9.25e-06"));
        assertThat(m.isByok()).isTrue();
        assertThat(m.costDetails().upstreamInferenceCost()).isEqualTo(new BigDecimal("0.00019325"));
        assertThat(m.tokenUsage().webSearchRequests()).isEqualTo(2);
    }

    @Test
    void upstream_inference_cost_is_returned_for_byok_calls_only_so_adding_it_never_charges_twice() {
        String usage = "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2,\"cost\":0.0002,"
                + "\"is_byok\":%s,\"cost_details\":{\"upstream_inference_cost\":%s}}";
        String body = "{\"id\":\"gen-1\",\"model\":\"a/b\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}],";
        fake.enqueue(FakeResponse.json(200, body + String.format(usage, "false", "0.0002") + "}"));
        OpenRouterChatResponseMetadata ordinary = (OpenRouterChatResponseMetadata) model.chat(ask("hi")).metadata();
        assertThat(ordinary.tokenUsage().upstreamInferenceCost()).isNull();
        assertThat(ordinary.costDetails().upstreamInferenceCost()).isEqualByComparingTo("0.0002");

        fake.enqueue(FakeResponse.json(200, body + String.format(usage, "true", "0.003") + "}"));
        OpenRouterChatResponseMetadata byok = (OpenRouterChatResponseMetadata) model.chat(ask("hi")).metadata();
        assertThat(byok.tokenUsage().upstreamInferenceCost()).isEqualByComparingTo("0.003");
    }
}
