package dev.openrouter4j.cost;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cost.store.FsyncPolicy;
import dev.openrouter4j.cost.store.JsonLinesLedgerStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Throughput of recording, in memory and with the JSON-lines file store per fsync policy, on 1 and 16 threads; and
 * the cost of the listener's path per call. A harness, not a test: speed targets belong in benchmarks. Run with
 * {@code mvn -pl openrouter-cost test -Dtest=LedgerThroughputBenchmark -Dopenrouter4j.bench=true}.
 */
@EnabledIfSystemProperty(named = "openrouter4j.bench", matches = "true")
class LedgerThroughputBenchmark {

    @TempDir
    Path dir;

    @Test
    void reports_entries_per_second() throws Exception {
        StringBuilder out = new StringBuilder("\nentries per second recorded (machine: "
                + Runtime.getRuntime().availableProcessors() + " cores)\n");
        listenerPath(out);
        row(out, "in memory", 1, 2_000_000, () -> CostLedger.builder().entryWindow(10_000).build());
        row(out, "in memory", 16, 4_000_000, () -> CostLedger.builder().entryWindow(10_000).build());
        int file = 0;
        for (FsyncPolicy policy : List.of(FsyncPolicy.always(), FsyncPolicy.everyEntries(100),
                FsyncPolicy.interval(Duration.ofMillis(100)))) {
            for (int threads : new int[]{1, 16}) {
                int n = policy.kind() == FsyncPolicy.Kind.ALWAYS ? (threads == 1 ? 2_000 : 20_000) : 200_000;
                Path path = dir.resolve("bench-" + (file++) + ".jsonl");
                row(out, "file, fsync " + policy, threads, n, () -> new CostLedger(JsonLinesLedgerStore.open(path, policy)));
            }
        }
        System.out.println(out);
    }

    /** onRequest + onResponse of the listener into an in-memory ledger, per call, one thread. */
    private static void listenerPath(StringBuilder out) {
        // ids recur only every 65,536 calls while the ledger remembers 1,000: every call is recorded anew
        CostLedger ledger = CostLedger.builder().idempotencyWindow(1_000).build();
        CostListener listener = new CostListener(ledger, PriceTable.defaults());
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("Hello"))
                .parameters(ChatRequestParameters.builder().modelName("openai/gpt-4o-mini").build()).build();
        int pool = 65_536;
        List<ChatResponse> responses = new ArrayList<>(pool);
        for (int i = 0; i < pool; i++) {
            // half reported, half estimated from the price table
            responses.add(Responses.response("gen-" + i, "openai/gpt-4o-mini", "OpenAI", 1000, 200, 800, 0, 50,
                    i % 2 == 0 ? "0.000123" : null, null, false));
        }
        CostContext tenant = CostContext.with("tenant", "acme");
        int n = 2_000_000;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Map<Object, Object> attributes = new ConcurrentHashMap<>();
                CostContext.Scope scope = tenant.open();
                listener.onRequest(new ChatModelRequestContext(request, ModelProvider.OTHER, attributes));
                scope.close();
                listener.onResponse(new ChatModelResponseContext(responses.get(i & (pool - 1)), request,
                        ModelProvider.OTHER, attributes));
            }
            long ns = System.nanoTime() - t0;
            if (round == 1) {
                out.append(String.format("%-32s %3d thread   %,12.0f calls/s  (%.2f us per call: onRequest + onResponse,"
                        + " half reported, half estimated, with a CostContext)%n",
                        "listener path, in memory", 1, n * 1e9 / ns, ns / 1e3 / n));
            }
        }
        if (ledger.total().calls() != 2L * n) {
            throw new AssertionError("lost calls: " + ledger.total().calls());
        }
    }

    private static void row(StringBuilder out, String what, int threads, int total, Supplier<CostLedger> ledgers)
            throws Exception {
        // warm up on a throw-away in-memory ledger first (JIT), then measure
        measure(CostLedger.builder().build(), threads, Math.min(total, 200_000), "warm");
        try (CostLedger ledger = ledgers.get()) {
            double perSecond = measure(ledger, threads, total, "run");
            out.append(String.format("%-32s %3d thread%s %,12.0f entries/s  (%,d entries)%n", what, threads,
                    threads == 1 ? " " : "s", perSecond, total));
            if (ledger.total().calls() != total) {
                throw new AssertionError("lost entries: " + ledger.total().calls() + " of " + total);
            }
        }
    }

    private static double measure(CostLedger ledger, int threads, int total, String prefix) throws Exception {
        int perThread = total / threads;
        List<List<CostEntry>> batches = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<CostEntry> batch = new ArrayList<>(perThread);
            for (int i = 0; i < perThread; i++) {
                String id = prefix + "-" + t + "-" + i;
                batch.add(CostEntry.builder().id(id).generationId(id).callId(id).requestedModel("openai/gpt-4o-mini")
                        .model("openai/gpt-4o-mini").provider("OpenAI").inputTokens(1000).outputTokens(200)
                        .cost(BigDecimal.valueOf(123 + i % 1000, 9)).reportedCost(BigDecimal.valueOf(123 + i % 1000, 9))
                        .source(CostSource.REPORTED).outcome(CallOutcome.OK)
                        .attributes(Map.of("tenant", "t" + (i % 10))).build());
            }
            batches.add(batch);
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (List<CostEntry> batch : batches) {
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (CostEntry e : batch) {
                    ledger.record(e);
                }
            });
            w.start();
            workers.add(w);
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread w : workers) w.join();
        long ns = System.nanoTime() - t0;
        return (double) perThread * threads * 1e9 / ns;
    }
}
