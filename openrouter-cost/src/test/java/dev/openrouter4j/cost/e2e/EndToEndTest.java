package dev.openrouter4j.cost.e2e;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostContext;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostReport;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.budget.Budget;
import dev.openrouter4j.cost.budget.BudgetExceededException;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.cost.budget.BudgetPeriod;
import dev.openrouter4j.cost.reconcile.CostReconciler;
import dev.openrouter4j.cost.reconcile.ReconcileResult;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The module against the real models and the fake OpenRouter: AI Services, streams, cancels, reconciliation. */
class EndToEndTest {

    interface Assistant {
        String chat(String message);
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    private FakeOpenRouter fake;
    private CostLedger ledger;
    private CostListener listener;

    @BeforeEach
    void start() {
        fake = FakeOpenRouter.start();
        ledger = new CostLedger();
        listener = new CostListener(ledger, PriceTable.defaults());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private OpenRouterChatModel chatModel(String model) {
        return OpenRouterChatModel.builder().apiKey("sk-or-v1-test").baseUrl(fake.baseUrl()).modelName(model)
                .listeners(List.of(listener)).timeout(Duration.ofSeconds(10)).maxRetries(0).build();
    }

    private OpenRouterStreamingChatModel streamingModel(String model) {
        return OpenRouterStreamingChatModel.builder().apiKey("sk-or-v1-test").baseUrl(fake.baseUrl()).modelName(model)
                .listeners(List.of(listener)).timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void tenant_attribution_through_an_ai_service() {
        try (OpenRouterChatModel model = chatModel("openai/gpt-4o-mini")) {
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).build();
            CostContext.with("tenant", "acme").run(() -> assistant.chat("Hello"));
            CostContext.with("tenant", "acme").and("user", "u-7").run(() -> assistant.chat("Again"));
            String answer = CostContext.with("tenant", "globex").get(() -> assistant.chat("Hi"));
            assertThat(answer).isNotBlank();
            assistant.chat("no tenant");
        }
        assertThat(ledger.total().calls()).isEqualTo(4);
        assertThat(ledger.byAttribute("tenant")).containsOnlyKeys("acme", "globex");
        assertThat(ledger.byAttribute("tenant").get("acme").calls()).isEqualTo(2);
        assertThat(ledger.byAttribute("user").get("u-7").calls()).isEqualTo(1);
        BigDecimal acme = ledger.entries().stream().filter(e -> "acme".equals(e.attributes().get("tenant")))
                .map(CostEntry::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(ledger.byAttribute("tenant").get("acme").cost()).isEqualByComparingTo(acme);
        assertThat(ledger.entries()).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(CostSource.REPORTED);
            assertThat(e.cost()).isPositive();
            assertThat(e.generationId()).isNotNull();
        });
        String report = CostReport.of(ledger).toText();
        System.out.println(report);
        assertThat(report).contains("by tenant").contains("acme").contains("globex");
    }

    @Test
    void tenant_attribution_through_a_streaming_ai_service() throws Exception {
        OpenRouterStreamingChatModel model = streamingModel("anthropic/claude-sonnet-4.5");
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class).streamingChatModel(model).build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        CostContext.with("tenant", "acme").run(() -> assistant.chat("Hello")
                .onPartialResponse(t -> { })
                .onCompleteResponse(done::complete)
                .onError(done::completeExceptionally)
                .start());
        ChatResponse response = done.get(10, TimeUnit.SECONDS);
        waitForEntries(1);
        CostEntry e = ledger.entries().get(0);
        assertThat(e.attributes()).containsEntry("tenant", "acme");
        assertThat(e.streaming()).isTrue();
        assertThat(e.source()).isEqualTo(CostSource.REPORTED);
        assertThat(e.cost()).isEqualByComparingTo(((OpenRouterChatResponseMetadata) response.metadata()).cost());
    }

    @Test
    void failures_are_recorded_too() throws Exception {
        fake.enqueue(FakeResponse.error(429)).enqueue(FakeResponse.midStreamError("Once upon a"));
        try (OpenRouterChatModel model = chatModel("openai/gpt-4o-mini")) {
            assertThatThrownBy(() -> model.chat("Hello")).isInstanceOf(RuntimeException.class);
        }
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        streamingModel("openai/gpt-4o-mini").chat("Tell me a story", handler(failed));
        assertThat(failed.get(10, TimeUnit.SECONDS)).isNotNull();
        waitForEntries(2);
        CostEntry http = ledger.entries().get(0);
        assertThat(http.outcome()).isEqualTo(CallOutcome.ERROR);
        assertThat(http.inputTokens()).isZero();
        assertThat(http.source()).isEqualTo(CostSource.NOT_BILLED);
        assertThat(http.error()).contains("429");
        CostEntry mid = ledger.entries().get(1);
        assertThat(mid.outcome()).isEqualTo(CallOutcome.ERROR);
        assertThat(mid.streaming()).isTrue();
        assertThat(mid.source()).isNotEqualTo(CostSource.NOT_BILLED);
        System.out.println("mid-stream error entry: " + mid);
    }

    @Test
    void a_cancelled_stream_is_recorded_as_cancelled_then_reconciled_through_the_account_client() throws Exception {
        fake.enqueue(FakeResponse.dribble(100, Duration.ofMillis(20)));
        CountDownLatch cancelled = new CountDownLatch(1);
        streamingModel("openai/gpt-4o-mini").chat("Count", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                context.streamingHandle().cancel();
                cancelled.countDown();
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
            }

            @Override
            public void onError(Throwable error) {
            }
        });
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        waitForEntries(1);
        CostEntry e = ledger.entries().get(0);
        assertThat(e.outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(e.source()).isEqualTo(CostSource.UNKNOWN);
        assertThat(e.cost()).isNull();
        assertThat(e.generationId()).startsWith("gen-");
        assertThat(ledger.unknownCount()).isEqualTo(1);

        ObjectNode generation = new ObjectMapper().createObjectNode();
        generation.put("id", e.generationId());
        generation.put("model", "openai/gpt-4o-mini");
        generation.put("provider_name", "OpenAI");
        generation.put("total_cost", new BigDecimal("0.0000123"));
        generation.put("tokens_prompt", 12);
        generation.put("tokens_completion", 7);
        generation.put("native_tokens_prompt", 11);
        generation.put("native_tokens_completion", 8);
        generation.put("streamed", true);
        generation.put("cancelled", true);
        generation.put("is_byok", false);
        fake.putGeneration(e.generationId(), generation).generationLookupMisses(2);
        try (OpenRouterAccountClient client = OpenRouterAccountClient.builder().baseUrl(fake.baseUrl())
                .apiKey("sk-or-v1-test").generationRetry(5, Duration.ofMillis(10)).build()) {
            ReconcileResult result = new CostReconciler(ledger, client).reconcile();
            assertThat(result.settled()).isEqualTo(1);
            assertThat(result.settledCost()).isEqualByComparingTo("0.0000123");
        }
        CostEntry settled = ledger.entry(e.id()).orElseThrow();
        assertThat(settled.source()).isEqualTo(CostSource.REPORTED);
        assertThat(settled.cost()).isEqualByComparingTo("0.0000123");
        assertThat(settled.inputTokens()).isEqualTo(11);
        assertThat(settled.outputTokens()).isEqualTo(8);
        assertThat(settled.outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(ledger.unknownCount()).isZero();
        assertThat(ledger.totalCost()).isEqualByComparingTo("0.0000123");
    }

    @Test
    void a_budget_guard_in_front_of_an_ai_service_refuses_per_tenant() {
        try (OpenRouterChatModel model = chatModel("openai/gpt-4o-mini")) {
            BudgetGuard guard = BudgetGuard.builder()
                    .budget(Budget.perAttribute("tenant-daily", "tenant", new BigDecimal("0.000001"), BudgetPeriod.DAY))
                    .ledger(ledger).build();
            ChatModel guarded = guard.guard(model);
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(guarded).build();
            CostContext.with("tenant", "acme").run(() -> assistant.chat("Hello"));
            assertThatThrownBy(() -> CostContext.with("tenant", "acme").run(() -> assistant.chat("Hello")))
                    .isInstanceOf(BudgetExceededException.class).hasMessageContaining("tenant=acme");
            CostContext.with("tenant", "globex").run(() -> assistant.chat("Hello"));
            assertThat(guard.status("tenant-daily", "tenant=acme").spent())
                    .isEqualByComparingTo(ledger.byAttribute("tenant").get("acme").cost());
        }
        assertThat(fake.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count()).isEqualTo(2);
        assertThat(ledger.byAttribute("tenant").get("acme").refused()).isEqualTo(1);
    }

    @Test
    void a_live_catalog_prices_models_the_offline_tables_do_not_know() {
        try (OpenRouterModelCatalog catalog = OpenRouterModelCatalog.builder().baseUrl(fake.baseUrl())
                .ttl(Duration.ofMinutes(5)).build()) {
            PriceTable prices = PriceTable.builder().catalog(catalog).build();
            assertThat(prices.find("openai/gpt-4o-mini").orElseThrow().source())
                    .isEqualTo(dev.openrouter4j.cost.PriceSource.LIVE_CATALOG);
            // the live catalog comes before the seed
            assertThat(prices.find("openai/gpt-3.5-turbo").orElseThrow().source())
                    .isEqualTo(dev.openrouter4j.cost.PriceSource.LIVE_CATALOG);
            assertThat(prices.find("anthropic/claude-4.5-sonnet-20250929").orElseThrow().modelId())
                    .isEqualTo("anthropic/claude-sonnet-4.5");
        }
        // a catalog that cannot be reached falls back to the offline tables
        OpenRouterModelCatalog broken = OpenRouterModelCatalog.builder().baseUrl("http://127.0.0.1:1")
                .timeout(Duration.ofSeconds(2)).build();
        PriceTable fallback = PriceTable.builder().catalog(broken).build();
        assertThat(fallback.find("openai/gpt-4o-mini").orElseThrow().source())
                .isEqualTo(dev.openrouter4j.cost.PriceSource.SNAPSHOT);
        broken.close();
    }

    private void waitForEntries(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ledger.entries().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ledger.entries()).hasSizeGreaterThanOrEqualTo(n);
    }

    private static StreamingChatResponseHandler handler(CompletableFuture<Throwable> done) {
        return new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(null);
            }

            @Override
            public void onError(Throwable error) {
                done.complete(error);
            }
        };
    }
}
