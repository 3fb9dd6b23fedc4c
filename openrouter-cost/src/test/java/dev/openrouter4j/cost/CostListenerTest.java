package dev.openrouter4j.cost;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException;
import dev.openrouter4j.langchain4j.exception.StreamCancelledException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener against hand-made contexts, exactly as LangChain4j calls it. */
class CostListenerTest {

    private final CostLedger ledger = new CostLedger();
    private final CostListener listener = new CostListener(ledger, PriceTable.defaults());

    private static ChatRequest request(String model) {
        return ChatRequest.builder().messages(UserMessage.from("Hello"))
                .parameters(ChatRequestParameters.builder().modelName(model).build()).build();
    }

    private Map<Object, Object> start(ChatRequest request, Map<Object, Object> seed) {
        Map<Object, Object> attributes = new ConcurrentHashMap<>(seed);
        listener.onRequest(new ChatModelRequestContext(request, ModelProvider.OTHER, attributes));
        return attributes;
    }

    private CostEntry respond(ChatRequest request, ChatResponse response) {
        Map<Object, Object> a = start(request, Map.of());
        listener.onResponse(new ChatModelResponseContext(response, request, ModelProvider.OTHER, a));
        return last();
    }

    private CostEntry fail(ChatRequest request, Throwable error) {
        Map<Object, Object> a = start(request, Map.of());
        listener.onError(new ChatModelErrorContext(error, request, ModelProvider.OTHER, a));
        return last();
    }

    private CostEntry last() {
        List<CostEntry> entries = ledger.entries();
        return entries.get(entries.size() - 1);
    }

    @Test
    void takes_the_reported_cost() {
        CostEntry e = respond(request("openai/gpt-5-mini"),
                Responses.response("gen-1", "openai/gpt-5-mini-2025-08-07", "OpenAI", 17, 2177, 0, null, 960,
                        "0.00435825", null, false));
        assertThat(e.id()).isEqualTo("gen-1");
        assertThat(e.generationId()).isEqualTo("gen-1");
        assertThat(e.cost()).isEqualByComparingTo("0.00435825");
        assertThat(e.reportedCost()).isEqualByComparingTo("0.00435825");
        assertThat(e.upstreamCost()).isNull();
        assertThat(e.source()).isEqualTo(CostSource.REPORTED);
        assertThat(e.model()).isEqualTo("openai/gpt-5-mini-2025-08-07");
        assertThat(e.requestedModel()).isEqualTo("openai/gpt-5-mini");
        assertThat(e.provider()).isEqualTo("OpenAI");
        assertThat(e.inputTokens()).isEqualTo(17);
        assertThat(e.outputTokens()).isEqualTo(2177);
        assertThat(e.reasoningTokens()).isEqualTo(960);
        assertThat(e.outcome()).isEqualTo(CallOutcome.OK);
        assertThat(e.streaming()).isFalse();
        assertThat(e.duration()).isPositive();
    }

    @Test
    void byok_adds_the_upstream_charge_and_keeps_both_parts() {
        CostEntry e = respond(request("google/gemini-2.5-flash"),
                Responses.response("gen-2", "google/gemini-2.5-flash", "Google AI Studio", 326, 91, 0, null, 0,
                        "0", "0.0003253", true));
        assertThat(e.cost()).isEqualByComparingTo("0.0003253");
        assertThat(e.reportedCost()).isEqualByComparingTo("0");
        assertThat(e.upstreamCost()).isEqualByComparingTo("0.0003253");
        assertThat(e.byok()).isTrue();
        assertThat(e.source()).isEqualTo(CostSource.REPORTED);
    }

    @Test
    void non_byok_upstream_cost_is_not_added_again() {
        CostEntry e = respond(request("openai/gpt-4o-mini"),
                Responses.response("gen-3", "openai/gpt-4o-mini", "OpenAI", 900, 69, 0, 0, 0,
                        "0.0160614", "0.0001764", false));
        assertThat(e.cost()).isEqualByComparingTo("0.0160614");
        assertThat(e.upstreamCost()).isNull();
    }

    @Test
    void estimates_from_the_model_that_answered_not_the_one_requested() {
        // asked the router; OpenAI's gpt-4o-mini answered: priced as gpt-4o-mini
        CostEntry e = respond(request("openrouter/auto"),
                Responses.response("gen-4", "openai/gpt-4o-mini", "OpenAI", 1000, 500, 800, 0, 0, null, null, false));
        assertThat(e.source()).isEqualTo(CostSource.ESTIMATED);
        assertThat(e.cost()).isEqualByComparingTo("0.00039");
        assertThat(e.priceVersion()).isEqualTo("SNAPSHOT 2026-05-22");
        assertThat(e.cachedTokens()).isEqualTo(800);
    }

    @Test
    void unpriced_model_is_unknown_never_zero() {
        CostEntry e = respond(request("x-ai/grok-4"),
                Responses.response("gen-5", "x-ai/grok-4", "xAI", 687, 240, 682, null, 165, null, null, false));
        assertThat(e.source()).isEqualTo(CostSource.UNKNOWN);
        assertThat(e.cost()).isNull();
        assertThat(ledger.unknownCount()).isEqualTo(1);
        assertThat(ledger.totalCost()).isEqualByComparingTo("0");
    }

    @Test
    void plain_token_usage_is_estimated() {
        ChatResponse plain = ChatResponse.builder().aiMessage(AiMessage.from("hi"))
                .metadata(ChatResponseMetadata.builder().id("chatcmpl-1").modelName("openai/gpt-4")
                        .tokenUsage(new TokenUsage(1000, 1000)).build()).build();
        CostEntry e = respond(request("openai/gpt-4"), plain);
        assertThat(e.cost()).isEqualByComparingTo("0.09");
        assertThat(e.priceVersion()).isEqualTo("SEED 2024-05-01");
    }

    @Test
    void http_errors_are_recorded_with_zero_tokens_and_the_error() {
        OpenRouterErrorDetails d = new OpenRouterErrorDetails(429, "429", null, "Provider returned error", "Google",
                "google/gemini-2.0-flash-exp:free", null, List.of(), null, null);
        CostEntry e = fail(request("google/gemini-2.0-flash-exp:free"),
                new OpenRouterRateLimitException("rate limited sk-or-v1-0123456789abcdef", d, null));
        assertThat(e.outcome()).isEqualTo(CallOutcome.ERROR);
        assertThat(e.inputTokens()).isZero();
        assertThat(e.outputTokens()).isZero();
        assertThat(e.cost()).isEqualByComparingTo("0");
        assertThat(e.source()).isEqualTo(CostSource.NOT_BILLED);
        assertThat(e.error()).contains("HTTP 429").contains("Provider returned error").doesNotContain("sk-or-v1");
        assertThat(e.id()).startsWith("call-");
    }

    @Test
    void plain_langchain_4j_http_errors_too() {
        CostEntry e = fail(request("openai/gpt-4o-mini"), new HttpException(500, "boom"));
        assertThat(e.source()).isEqualTo(CostSource.NOT_BILLED);
        assertThat(e.error()).contains("boom");
    }

    @Test
    void mid_stream_error_keeps_the_partial_usage_and_cost() {
        ChatResponse partial = Responses.response("gen-6", "minimax/minimax-m2:free", "Minimax", 43, 10, 0, null, 11,
                "0", null, false);
        OpenRouterErrorDetails d = new OpenRouterErrorDetails(400, "400", null, "Token limit reached", "Minimax",
                "minimax/minimax-m2:free", null, List.of(), "gen-6", partial);
        CostEntry e = fail(request("minimax/minimax-m2:free"), new OpenRouterServerException("Token limit reached", d, null));
        assertThat(e.outcome()).isEqualTo(CallOutcome.ERROR);
        assertThat(e.id()).isEqualTo("gen-6");
        assertThat(e.inputTokens()).isEqualTo(43);
        assertThat(e.outputTokens()).isEqualTo(10);
        assertThat(e.cost()).isEqualByComparingTo("0");
        assertThat(e.source()).isEqualTo(CostSource.REPORTED);
        assertThat(e.streaming()).isFalse().as("ended on the thread that started it");
    }

    @Test
    void mid_stream_error_without_cost_is_estimated_from_partial_usage() {
        ChatResponse partial = Responses.response("gen-7", "openai/gpt-4o-mini", "OpenAI", 1000, 500, 0, 0, 0, null,
                null, false);
        OpenRouterErrorDetails d = new OpenRouterErrorDetails(502, null, null, "upstream died", null, null, null,
                List.of(), "gen-7", partial);
        CostEntry e = fail(request("openai/gpt-4o-mini"), new OpenRouterServerException("upstream died", d, null));
        assertThat(e.source()).isEqualTo(CostSource.ESTIMATED);
        assertThat(e.cost()).isEqualByComparingTo("0.00045");
    }

    @Test
    void cancelled_stream_is_unknown_until_reconciled() {
        ChatResponse partial = ChatResponse.builder().aiMessage(AiMessage.from("Hel"))
                .metadata(ChatResponseMetadata.builder().id("gen-8").modelName("openai/gpt-4o-mini").build()).build();
        OpenRouterErrorDetails d = new OpenRouterErrorDetails(-1, null, null, "cancelled", null, null, null,
                List.of(), "gen-8", partial);
        CostEntry e = fail(request("openai/gpt-4o-mini"), new StreamCancelledException("cancelled", d));
        assertThat(e.outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(e.source()).isEqualTo(CostSource.UNKNOWN);
        assertThat(e.cost()).isNull();
        assertThat(e.generationId()).isEqualTo("gen-8");
        assertThat(e.streaming()).isTrue();
        assertThat(ledger.unresolved()).extracting(CostEntry::id).containsExactly("gen-8");
    }

    @Test
    void timeout_without_generation_id_is_unknown() {
        OpenRouterErrorDetails d = OpenRouterErrorDetails.transport("read timed out", "openai/gpt-4o-mini");
        CostEntry e = fail(request("openai/gpt-4o-mini"), new OpenRouterTimeoutException("timed out", d, null));
        assertThat(e.source()).isEqualTo(CostSource.UNKNOWN);
        assertThat(e.cost()).isNull();
    }

    @Test
    void captures_context_and_string_listener_attributes_on_the_callers_thread_and_carries_them_to_another_thread()
            throws Exception {
        ChatRequest request = request("openai/gpt-4o-mini");
        Map<Object, Object> attributes = CostContext.with("tenant", "acme").and("user", "u-1")
                .get(() -> start(request, Map.of("feature", "search", "user", "u-2", "notAString", 42,
                        List.of("not", "a", "key"), "x")));
        // the stream ends on another thread, where no context is in effect
        CompletableFuture.runAsync(() -> listener.onResponse(new ChatModelResponseContext(
                Responses.reported("gen-9", "openai/gpt-4o-mini", 10, 10, "0.01"), request, ModelProvider.OTHER,
                attributes))).get();
        CostEntry e = last();
        assertThat(e.attributes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("tenant", "acme", "user", "u-2", "feature", "search"));
        assertThat(e.streaming()).isTrue();
        assertThat(ledger.byAttribute("tenant").get("acme").cost()).isEqualByComparingTo("0.01");
        assertThat(CostContext.current()).isEmpty();
    }

    @Test
    void contexts_nest_and_restore() {
        CostContext.with("tenant", "a").run(() -> {
            assertThat(CostContext.current()).containsEntry("tenant", "a");
            CostContext.with("tenant", "b").and("user", "x").run(() ->
                    assertThat(CostContext.current()).containsExactlyInAnyOrderEntriesOf(Map.of("tenant", "b", "user", "x")));
            CostContext.with("tenant", null).run(() -> assertThat(CostContext.current()).isEmpty());
            assertThat(CostContext.current()).containsExactlyEntriesOf(Map.of("tenant", "a"));
            Runnable wrapped = CostContext.wrap(() -> assertThat(CostContext.current()).containsEntry("tenant", "a"));
            CompletableFuture.runAsync(wrapped).join();
        });
        assertThat(CostContext.current()).isEmpty();
    }
}
