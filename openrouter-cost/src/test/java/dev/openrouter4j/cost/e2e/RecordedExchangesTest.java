package dev.openrouter4j.cost.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostEstimate;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.TokenCounts;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.Recording;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real recorded exchange goes through the real model (sync or streaming, as recorded) with a CostListener, and
 * the ledger entry must match what OpenRouter said: its reported {@code usage.cost} exactly (plus the upstream charge
 * when BYOK), else an estimate at the answering model's price or UNKNOWN; HTTP errors with zero tokens.
 */
class RecordedExchangesTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final java.util.Map<String, Integer> SEEN = new java.util.concurrent.ConcurrentSkipListMap<>();

    @TestFactory
    List<DynamicTest> everyRecordedExchangeIsRecordedExactly() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : FakeOpenRouter.recordingNames()) {
            tests.add(DynamicTest.dynamicTest(name, () -> replay(name)));
        }
        return tests;
    }

    @org.junit.jupiter.api.AfterAll
    static void summary() {
        System.out.println("recorded exchanges by outcome/source: " + SEEN);
        assertThat(SEEN.getOrDefault("OK/REPORTED", 0)).isGreaterThan(15);
        assertThat(SEEN).containsKeys("ERROR/NOT_BILLED", "ERROR/REPORTED", "OK/ESTIMATED", "OK/UNKNOWN");
    }

    private void replay(String name) throws Exception {
        List<Recording.Exchange> exchanges = Recording.load(name).exchanges();
        CostLedger ledger = new CostLedger();
        CostListener listener = new CostListener(ledger, PriceTable.defaults());
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            fake.replay(name);
            for (int i = 0; i < exchanges.size(); i++) {
                Recording.Exchange x = exchanges.get(i);
                String model = x.requestBody().path("model").asText("openai/gpt-4o-mini");
                Throwable error = call(fake, listener, model, x.sse());
                List<CostEntry> entries = ledger.entries();
                assertThat(entries).as(name + " #" + (i + 1) + " recorded").hasSize(i + 1);
                check(name + " #" + (i + 1), x, entries.get(i), error);
                SEEN.merge(entries.get(i).outcome() + "/" + entries.get(i).source(), 1, Integer::sum);
            }
        }
    }

    /** Makes one call; returns the error it ended with, or null. */
    private static Throwable call(FakeOpenRouter fake, CostListener listener, String model, boolean stream)
            throws Exception {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Hello"))
                .parameters(ChatRequestParameters.builder().modelName(model).build()).build();
        if (!stream) {
            try (OpenRouterChatModel m = OpenRouterChatModel.builder().apiKey("sk-or-v1-test").baseUrl(fake.baseUrl())
                    .modelName(model).listeners(List.of(listener)).maxRetries(0).timeout(Duration.ofSeconds(10))
                    .build()) {
                m.chat(request);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }
        OpenRouterStreamingChatModel m = OpenRouterStreamingChatModel.builder().apiKey("sk-or-v1-test")
                .baseUrl(fake.baseUrl()).modelName(model).listeners(List.of(listener)).timeout(Duration.ofSeconds(10))
                .build();
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        m.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(null);
            }

            @Override
            public void onError(Throwable error) {
                done.complete(error);
            }
        });
        Throwable t = done.get(20, TimeUnit.SECONDS);
        closeQuietly(m);
        return t;
    }

    private static void closeQuietly(Object model) {
        if (model instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing to do
            }
        }
    }

    private static void check(String what, Recording.Exchange x, CostEntry e, Throwable error) throws Exception {
        if (x.status() >= 400) {
            assertThat(error).as(what).isNotNull();
            assertThat(e.outcome()).as(what).isEqualTo(CallOutcome.ERROR);
            assertThat(e.inputTokens() + e.outputTokens()).as(what + " tokens").isZero();
            assertThat(e.source()).as(what).isEqualTo(CostSource.NOT_BILLED);
            assertThat(e.cost()).as(what).isEqualByComparingTo("0");
            assertThat(e.error()).as(what).contains(String.valueOf(x.status()));
            return;
        }
        JsonNode last = lastBody(x);
        JsonNode usage = last.path("usage");
        boolean midStreamError = last.has("error");
        assertThat(e.outcome()).as(what).isEqualTo(midStreamError ? CallOutcome.ERROR : CallOutcome.OK);
        assertThat(e.streaming()).as(what + " streaming").isEqualTo(x.sse());
        assertThat(e.generationId()).as(what).isEqualTo(last.path("id").asText());
        assertThat(e.model()).as(what).isEqualTo(last.path("model").asText());
        assertThat(e.inputTokens()).as(what + " input").isEqualTo(usage.path("prompt_tokens").asInt());
        assertThat(e.outputTokens()).as(what + " output").isEqualTo(usage.path("completion_tokens").asInt());
        assertThat(e.cachedTokens()).as(what + " cached")
                .isEqualTo(usage.path("prompt_tokens_details").path("cached_tokens").asInt());
        assertThat(e.reasoningTokens()).as(what + " reasoning")
                .isEqualTo(usage.path("completion_tokens_details").path("reasoning_tokens").asInt());
        JsonNode cost = usage.get("cost");
        if (cost != null && cost.isNumber()) {
            BigDecimal reported = cost.decimalValue();
            boolean byok = usage.path("is_byok").asBoolean(false);
            JsonNode upstream = usage.path("cost_details").path("upstream_inference_cost");
            BigDecimal expected = byok && upstream.isNumber() ? reported.add(upstream.decimalValue()) : reported;
            assertThat(e.source()).as(what).isEqualTo(CostSource.REPORTED);
            assertThat(e.reportedCost()).as(what + " reported").isEqualByComparingTo(reported);
            assertThat(e.cost()).as(what + " cost").isEqualByComparingTo(expected);
            assertThat(e.byok()).as(what).isEqualTo(byok);
            if (byok) {
                assertThat(e.upstreamCost()).as(what).isEqualByComparingTo(upstream.decimalValue());
            }
        } else {
            CostEstimate estimate = PriceTable.defaults().estimate(e.model(), TokenCounts.of(e.inputTokens(),
                    e.outputTokens(), e.cachedTokens(), e.cacheWriteTokens(), e.reasoningTokens()));
            assertThat(e.source()).as(what).isEqualTo(estimate.source());
            if (estimate.isKnown()) {
                assertThat(e.cost()).as(what).isEqualByComparingTo(estimate.cost());
            } else {
                assertThat(e.cost()).as(what + ": unknown, never zero").isNull();
            }
        }
    }

    /** The JSON body, or for a stream the last chunk (the one with the usage, or the error). */
    private static JsonNode lastBody(Recording.Exchange x) throws Exception {
        if (!x.sse()) {
            return JSON.readTree(x.body());
        }
        JsonNode last = null;
        JsonNode withUsage = null;
        for (String line : x.body().split("\n")) {
            if (!line.startsWith("data:")) continue;
            String data = line.substring(5).trim();
            if (data.isEmpty() || data.equals("[DONE]")) continue;
            JsonNode chunk = JSON.readTree(data);
            last = chunk;
            if (chunk.has("usage") && !chunk.get("usage").isNull()) withUsage = chunk;
        }
        return withUsage != null ? withUsage : last;
    }
}
