package dev.openrouter4j.cost.budget;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostContext;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.PriceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetGuardTest {

    private static final String MODEL = "openai/gpt-4o-mini";

    private static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    /**
     * 16 callers hammer one budget until it refuses them. Reports the largest overshoot seen over several rounds; with
     * reserve-then-settle it must stay below one call's worst case ({@link Admission#WHILE_REMAINING}) or be zero
     * ({@link Admission#WORST_CASE_FITS}). Without reservations, every call in flight could overshoot.
     */
    @ParameterizedTest
    @EnumSource(Admission.class)
    void concurrent_callers_overshoot_by_at_most_what_is_in_flight(Admission admission) throws Exception {
        BigDecimal limit = new BigDecimal("0.01");
        BigDecimal largestOvershoot = BigDecimal.ZERO;
        BigDecimal worstCase = null;
        int rounds = 5;
        int threads = 16;
        for (int round = 0; round < rounds; round++) {
            CostLedger ledger = new CostLedger();
            StubChatModel stub = new StubChatModel(List.of(new CostListener(ledger, PriceTable.defaults())), MODEL,
                    500, 5);
            BudgetGuard guard = BudgetGuard.builder().budget(Budget.total("all", limit, BudgetPeriod.DAY))
                    .ledger(ledger).admission(admission).build();
            ChatModel model = guard.guard(stub);
            worstCase = guard.worstCase(ChatRequest.builder().messages(UserMessage.from("What is the capital of France?"))
                    .parameters(stub.defaultRequestParameters()).build());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> refusals = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                refusals.add(pool.submit(() -> {
                    start.await();
                    while (true) {
                        try {
                            model.chat(ask("What is the capital of France?"));
                        } catch (BudgetExceededException e) {
                            return 1;
                        }
                    }
                }));
            }
            start.countDown();
            int refused = 0;
            for (Future<Integer> f : refusals) refused += f.get(2, TimeUnit.MINUTES);
            pool.shutdown();

            BigDecimal spent = ledger.totalCost();
            BigDecimal overshoot = spent.subtract(limit).max(BigDecimal.ZERO);
            largestOvershoot = largestOvershoot.max(overshoot);
            BudgetStatus status = guard.status("all", "*");
            assertThat(status.reserved()).as("nothing left reserved").isEqualByComparingTo("0");
            assertThat(status.spent()).as("the guard's spend equals the ledger's").isEqualByComparingTo(spent);
            assertThat(refused).isEqualTo(threads);
            assertThat(ledger.total().refused()).isEqualTo(threads);
            assertThat(ledger.total().ok()).isEqualTo(stub.calls.get());
            if (admission == Admission.WHILE_REMAINING) {
                assertThat(spent).as("the budget is used up").isGreaterThanOrEqualTo(limit.subtract(worstCase));
            }
        }
        System.out.printf("budget %s: limit $%s, worst case per call $%s, 16 callers x %d rounds, largest overshoot $%s%n",
                admission, limit.toPlainString(), worstCase.toPlainString(), rounds, largestOvershoot.toPlainString());
        if (admission == Admission.WHILE_REMAINING) {
            assertThat(largestOvershoot).isLessThan(worstCase);
        } else {
            assertThat(largestOvershoot).isEqualByComparingTo("0");
        }
    }

    @Test
    void refuses_before_sending_with_a_clear_message_and_records_the_refusal() {
        CostLedger ledger = new CostLedger();
        StubChatModel stub = new StubChatModel(List.of(new CostListener(ledger, PriceTable.defaults())), MODEL, 100, 0);
        BudgetGuard guard = BudgetGuard.builder()
                // below the cheapest answer the stub gives (20 tokens in, 1 out: $0.0000036), so one call spends it
                .budget(Budget.perAttribute("tenant-daily", "tenant", new BigDecimal("0.000003"), BudgetPeriod.DAY))
                .ledger(ledger).build();
        ChatModel model = guard.guard(stub);
        CostContext.with("tenant", "acme").run(() -> model.chat(ask("hi")));
        int before = stub.calls.get();
        assertThatThrownBy(() -> CostContext.with("tenant", "acme").run(() -> model.chat(ask("hi"))))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("Budget 'tenant-daily'")
                .hasMessageContaining("tenant=acme")
                .hasMessageContaining("limit $0.000003")
                .hasMessageContaining("spent $")
                .hasMessageContaining("(UTC)");
        assertThat(stub.calls.get()).as("never sent").isEqualTo(before);
        // another tenant has its own budget; calls without a tenant are not limited by it
        CostContext.with("tenant", "globex").run(() -> model.chat(ask("hi")));
        model.chat(ask("hi"));
        CostEntry refused = ledger.entries().stream().filter(e -> e.outcome() == CallOutcome.REFUSED).findFirst().orElseThrow();
        assertThat(refused.attributes()).containsEntry("tenant", "acme");
        assertThat(refused.cost()).isEqualByComparingTo("0");
        assertThat(refused.source()).isEqualTo(CostSource.NOT_BILLED);
        assertThat(refused.error()).contains("tenant-daily");
        assertThat(ledger.byAttribute("tenant").get("acme").refused()).isEqualTo(1);
    }

    @Test
    void per_model_budgets_and_windows_roll_over_at_utc_midnight() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-22T23:59:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        StubChatModel stub = new StubChatModel(List.of(), MODEL, 100, 0);
        BudgetGuard guard = BudgetGuard.builder()
                .budget(Budget.forModel("mini", MODEL, new BigDecimal("0.0000001"), BudgetPeriod.DAY))
                .clock(clock).build();
        ChatModel model = guard.guard(stub);
        model.chat(ask("hi"));
        assertThatThrownBy(() -> model.chat(ask("hi"))).isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("day 2026-05-22 (UTC)");
        // another model is not limited by it
        model.chat(ChatRequest.builder().messages(UserMessage.from("hi"))
                .parameters(ChatRequestParameters.builder().modelName("openai/gpt-4").build()).build());
        now.set(Instant.parse("2026-05-23T00:00:01Z"));
        model.chat(ask("hi"));
        assertThat(stub.calls.get()).isEqualTo(3);
        assertThat(BudgetPeriod.WEEK.windowStart(Instant.parse("2026-05-22T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-18T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.windowStart(Instant.parse("2026-05-22T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    }

    @Test
    void worst_case_uses_max_tokens_else_the_catalog_else_the_default() {
        BudgetGuard guard = BudgetGuard.builder().budget(Budget.total("t", BigDecimal.ONE, BudgetPeriod.FOREVER))
                .defaultMaxOutputTokens(1000).build();
        // "x" * 300 = 100 tokens + 4 per message + 3 = 107 prompt tokens
        ChatRequest withMax = ChatRequest.builder().messages(UserMessage.from("x".repeat(300)))
                .parameters(ChatRequestParameters.builder().modelName(MODEL).maxOutputTokens(200).build()).build();
        assertThat(guard.worstCase(withMax)).isEqualByComparingTo(new BigDecimal("0.00000015").multiply(BigDecimal.valueOf(107))
                .add(new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(200))));
        ChatRequest fromCatalog = ChatRequest.builder().messages(UserMessage.from("x".repeat(300)))
                .parameters(ChatRequestParameters.builder().modelName(MODEL).build()).build();
        assertThat(guard.worstCase(fromCatalog)).isEqualByComparingTo(new BigDecimal("0.00000015").multiply(BigDecimal.valueOf(107))
                .add(new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(16384))));
        ChatRequest unknownLimits = ChatRequest.builder().messages(UserMessage.from("x".repeat(300)))
                .parameters(ChatRequestParameters.builder().modelName("google/gemini-pro-1.5").build()).build();
        assertThat(guard.worstCase(unknownLimits)).isEqualByComparingTo(new BigDecimal("0.0000005").multiply(BigDecimal.valueOf(107))
                .add(new BigDecimal("0.0000015").multiply(BigDecimal.valueOf(1000))));
        ChatRequest unpriced = ChatRequest.builder().messages(UserMessage.from("x"))
                .parameters(ChatRequestParameters.builder().modelName("acme/unknown").build()).build();
        assertThat(guard.worstCase(unpriced)).isEqualByComparingTo("0");
    }

    @Test
    void forwards_the_wrapped_models_configuration() {
        CostLedger ledger = new CostLedger();
        CostListener listener = new CostListener(ledger, PriceTable.defaults());
        StubChatModel stub = new StubChatModel(List.of(listener), MODEL, 100, 0);
        ChatModel guarded = BudgetGuard.builder().budget(Budget.total("t", BigDecimal.ONE, BudgetPeriod.DAY)).build()
                .guard(stub);
        assertThat(guarded.defaultRequestParameters()).isSameAs(stub.defaultRequestParameters());
        assertThat(guarded.listeners()).containsExactly(listener);
        assertThat(guarded.provider()).isEqualTo(stub.provider());
        assertThat(guarded.supportedCapabilities()).containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        guarded.chat("hi");
        assertThat(ledger.total().calls()).as("listeners run once per call").isEqualTo(1);
    }

    @Test
    void streams_settle_on_completion_and_keep_the_worst_case_when_cancelled() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        StreamingChatModel stub = new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                sent.incrementAndGet();
                CompletableFuture.runAsync(() -> {
                    StreamingHandle handle = new StreamingHandle() {
                        volatile boolean cancelled;

                        @Override
                        public void cancel() {
                            cancelled = true;
                        }

                        @Override
                        public boolean isCancelled() {
                            return cancelled;
                        }
                    };
                    PartialResponseContext ctx = new PartialResponseContext(handle);
                    handler.onPartialResponse(new PartialResponse("Hel"), ctx);
                    if (!handle.isCancelled()) {
                        handler.onCompleteResponse(StubChatModel.response("gen-s", MODEL, 10, 10));
                    }
                });
            }

            @Override
            public ChatRequestParameters defaultRequestParameters() {
                return ChatRequestParameters.builder().modelName(MODEL).maxOutputTokens(100).build();
            }
        };
        BudgetGuard guard = BudgetGuard.builder().budget(Budget.total("t", BigDecimal.ONE, BudgetPeriod.DAY)).build();
        StreamingChatModel model = guard.guard(stub);
        BigDecimal worstCase = guard.worstCase(ChatRequest.builder().messages(UserMessage.from("hi"))
                .parameters(stub.defaultRequestParameters()).build());

        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(ask("hi"), new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse r) {
                done.complete(r);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        BigDecimal cost = ((dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata) done.get(5, TimeUnit.SECONDS)
                .metadata()).cost();
        assertThat(guard.status("t", "*").spent()).isEqualByComparingTo(cost);

        CountDownLatch cancelled = new CountDownLatch(1);
        model.chat(ask("hi"), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                context.streamingHandle().cancel();
                cancelled.countDown();
            }

            @Override
            public void onCompleteResponse(ChatResponse r) {
            }

            @Override
            public void onError(Throwable error) {
            }
        });
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
        BudgetStatus s = guard.status("t", "*");
        assertThat(s.reserved()).isEqualByComparingTo("0");
        assertThat(s.spent()).isEqualByComparingTo(cost.add(worstCase));

        BudgetGuard spentGuard = BudgetGuard.builder().budget(Budget.total("t", BigDecimal.ZERO, BudgetPeriod.DAY)).build();
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        spentGuard.guard(stub).chat(ask("hi"), new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse r) {
                refused.complete(null);
            }

            @Override
            public void onError(Throwable error) {
                refused.complete(error);
            }
        });
        assertThat(refused.get(5, TimeUnit.SECONDS)).isInstanceOf(BudgetExceededException.class);
        assertThat(sent.get()).isEqualTo(2);
    }
}
