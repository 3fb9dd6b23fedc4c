package dev.openrouter4j.benchmarks.budget;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cost.budget.Admission;
import dev.openrouter4j.cost.budget.Budget;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.cost.budget.BudgetPeriod;
import dev.openrouter4j.cost.budget.BudgetStore;
import dev.openrouter4j.cost.budget.JdbcBudgetStore;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Shared budgets on a real PostgreSQL (the embedded zonky binaries, started here): reservations plus settlements per
 * second from 1 and 16 threads (each pair one reserve and one settle transaction over a total and a per-model budget),
 * and the latency a guard adds to a call (a model that answers at once, so only the guard is measured), with the
 * store in memory and in PostgreSQL. Prints a Markdown table.
 * <p>
 * Runs from the reactor without installing anything:
 * <pre>
 * mvn -B -ntp -q -pl openrouter-cost -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cost-cp.txt -Dmdep.includeScope=test
 * CP=openrouter-cost/target/classes:$(cat /tmp/cost-cp.txt)
 * javac -d /tmp/budget-bench -cp "$CP" benchmarks/src/main/java/dev/openrouter4j/benchmarks/budget/BudgetBenchmark.java
 * java -cp "/tmp/budget-bench:$CP" dev.openrouter4j.benchmarks.budget.BudgetBenchmark [seconds per measurement]
 * </pre>
 */
public final class BudgetBenchmark {

    private static final String MODEL = "openai/gpt-4o-mini";

    private BudgetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             HikariDataSource ds = pool(pg.getJdbcUrl("postgres", "postgres"))) {
            System.out.println("| measurement | 1 thread | 16 threads |");
            System.out.println("|---|---|---|");
            JdbcBudgetStore shared = JdbcBudgetStore.builder().dataSource(ds).tablePrefix("bench").build();
            double[] pg1 = pairsPerSecond(shared, 1, seconds);
            double[] pg16 = pairsPerSecond(shared, 16, seconds);
            System.out.printf("| reservations + settlements per second, PostgreSQL (`JdbcBudgetStore`) | %,.0f | %,.0f |%n",
                    pg1[0], pg16[0]);
            BudgetStore memory = BudgetStore.inMemory();
            double[] m1 = pairsPerSecond(memory, 1, seconds);
            double[] m16 = pairsPerSecond(memory, 16, seconds);
            System.out.printf("| reservations + settlements per second, in memory (default store) | %,.0f | %,.0f |%n",
                    m1[0], m16[0]);
            System.out.println();
            System.out.println("| per call, 1 thread | mean | p50 | p99 |");
            System.out.println("|---|---|---|---|");
            ChatModel bare = new InstantModel();
            double[] base = latency(bare, seconds);
            row("unguarded model (baseline)", base);
            BudgetGuard inMemory = guard(BudgetStore.inMemory());
            double[] mem = latency(inMemory.guard(bare), seconds);
            row("guarded, store in memory", mem);
            BudgetGuard onPg = guard(JdbcBudgetStore.builder().dataSource(ds).tablePrefix("benchguard").build());
            double[] pgl = latency(onPg.guard(bare), seconds);
            row("guarded, store in PostgreSQL", pgl);
            System.out.printf("%nadded per guarded call (mean): in memory %.1f µs, PostgreSQL %.1f µs%n",
                    mem[0] - base[0], pgl[0] - base[0]);
            inMemory.close();
            onPg.close();
        }
    }

    private static void row(String name, double[] micros) {
        System.out.printf("| %s | %.1f µs | %.1f µs | %.1f µs |%n", name, micros[0], micros[1], micros[2]);
    }

    private static BudgetGuard guard(BudgetStore store) {
        return BudgetGuard.builder()
                .budget(Budget.total("total", new BigDecimal("1000000"), BudgetPeriod.MONTH))
                .budget(Budget.perModel("per-model", new BigDecimal("1000000"), BudgetPeriod.MONTH))
                .store(store).build();
    }

    private static HikariDataSource pool(String url) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername("postgres");
        c.setMaximumPoolSize(20);
        return new HikariDataSource(c);
    }

    /** Reserve + settle pairs per second: a warm-up of a third of the time, then the measurement. */
    private static double[] pairsPerSecond(BudgetStore store, int threads, int seconds) throws Exception {
        Instant window = BudgetPeriod.MONTH.windowStart(Instant.now());
        List<BudgetStore.Claim> claims = List.of(
                new BudgetStore.Claim(new BudgetStore.Account("total", "*", window), new BigDecimal("1000000")),
                new BudgetStore.Claim(new BudgetStore.Account("per-model", MODEL, window), new BigDecimal("1000000")));
        List<BudgetStore.Account> accounts = claims.stream().map(BudgetStore.Claim::account).toList();
        BigDecimal worst = new BigDecimal("0.00030255");
        BigDecimal actual = new BigDecimal("0.0000123");
        LongAdder done = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch end = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (!stop.get()) {
                    String id = UUID.randomUUID().toString();
                    if (store.reserve(id, claims, worst, Admission.WHILE_REMAINING, Instant.now(),
                            Duration.ofSeconds(60)) != null) {
                        throw new IllegalStateException("refused");
                    }
                    store.settle(id, accounts, worst, actual);
                    if (measuring.get()) done.increment();
                }
                end.countDown();
            });
            w.setDaemon(true);
            w.start();
        }
        Thread.sleep(seconds * 1000L / 3);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long n = done.sum();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        end.await();
        return new double[]{n / elapsed};
    }

    /** Mean, p50 and p99 in microseconds of one call, measured after a warm-up of a third of the time. */
    private static double[] latency(ChatModel model, int seconds) {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("What is the capital of France?")).build();
        long warmEnd = System.nanoTime() + seconds * 1_000_000_000L / 3;
        while (System.nanoTime() < warmEnd) model.chat(request);
        List<Long> samples = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            model.chat(request);
            samples.add(System.nanoTime() - t0);
        }
        long[] s = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0) / 1000.0;
        return new double[]{mean, s[s.length / 2] / 1000.0, s[(int) (s.length * 0.99)] / 1000.0};
    }

    /** A model that answers at once with a reported cost, so only the guard around it is measured. */
    private static final class InstantModel implements ChatModel {
        private final ChatRequestParameters defaults = ChatRequestParameters.builder().modelName(MODEL)
                .maxOutputTokens(500).build();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            BigDecimal cost = new BigDecimal("0.0000123");
            return ChatResponse.builder().aiMessage(AiMessage.from("Paris"))
                    .metadata(OpenRouterChatResponseMetadata.builder().id("gen-" + UUID.randomUUID())
                            .modelName(MODEL).provider("OpenAI")
                            .tokenUsage(new OpenRouterTokenUsage(20, 5, null, 0, 0, 0, cost, null)).cost(cost)
                            .build())
                    .build();
        }

        @Override
        public ChatRequestParameters defaultRequestParameters() {
            return defaults;
        }
    }
}
