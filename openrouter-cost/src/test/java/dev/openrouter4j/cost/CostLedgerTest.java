package dev.openrouter4j.cost;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CostLedgerTest {

    private static final String[] MODELS = {"openai/gpt-4o-mini", "anthropic/claude-sonnet-4.5", "google/gemini-2.5-flash",
            "x-ai/grok-4", "openai/o3", "z-ai/glm-4.6", "deepseek/deepseek-chat"};
    private static final String[] TENANTS = {"acme", "globex", "initech", "umbrella", "hooli"};

    @Test
    void sixteen_threads_lose_nothing_and_totals_are_exact() throws Exception {
        int threads = 16;
        int perThread = 20_000;
        CostLedger ledger = CostLedger.builder().entryWindow(threads * perThread).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<CostEntry>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<CostEntry> mine = new ArrayList<>(perThread);
                ThreadLocalRandom r = ThreadLocalRandom.current();
                start.await();
                for (int i = 0; i < perThread; i++) {
                    String id = "gen-" + thread + "-" + i;
                    Map<String, String> attrs = Map.of("tenant", TENANTS[r.nextInt(TENANTS.length)]);
                    String model = MODELS[r.nextInt(MODELS.length)];
                    CostEntry e = r.nextInt(50) == 0 ? Entries.unknown(id, model, attrs)
                            // costs with 1 to 19 decimals, as OpenRouter's usage.cost can have
                            : Entries.reported(id, model, BigDecimal.valueOf(r.nextLong(1, 10_000_000_000L), r.nextInt(1, 20)).toPlainString(), attrs);
                    assertThat(ledger.record(e)).isTrue();
                    mine.add(e);
                }
                return mine;
            }));
        }
        start.countDown();
        List<CostEntry> all = new ArrayList<>();
        for (Future<List<CostEntry>> f : futures) {
            all.addAll(f.get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();

        BigDecimal expected = BigDecimal.ZERO;
        long unknown = 0;
        for (CostEntry e : all) {
            if (e.cost() == null) unknown++;
            else expected = expected.add(e.cost());
        }
        assertThat(ledger.entries()).hasSize(threads * perThread);
        assertThat(ledger.totalCost()).isEqualByComparingTo(expected);
        assertThat(ledger.unknownCount()).isEqualTo(unknown);
        BigDecimal fromEntries = ledger.entries().stream().filter(e -> e.cost() != null).map(CostEntry::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(fromEntries).isEqualByComparingTo(ledger.totalCost());
        assertThat(ledger.total().calls()).isEqualTo(threads * perThread);
        assertThat(sum(ledger.byModel())).isEqualByComparingTo(expected);
        assertThat(sum(ledger.byProvider())).isEqualByComparingTo(expected);
        assertThat(sum(ledger.byAttribute("tenant"))).isEqualByComparingTo(expected);
        assertThat(ledger.byAttribute("tenant").values().stream().mapToLong(CostSummary::calls).sum())
                .isEqualTo(threads * perThread);
        assertThat(ledger.total().inputTokens()).isEqualTo((threads * perThread - unknown) * 100);
    }

    @Test
    void duplicates_are_ignored_even_when_racing() throws Exception {
        CostLedger ledger = new CostLedger();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                int accepted = 0;
                for (int i = 0; i < 1000; i++) {
                    if (ledger.record(Entries.reported("gen-" + i, "openai/gpt-4o-mini", "0.001", Map.of()))) accepted++;
                }
                return accepted;
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Integer> f : futures) accepted += f.get();
        pool.shutdown();
        assertThat(accepted).isEqualTo(1000);
        assertThat(ledger.totalCost()).isEqualByComparingTo("1");
        assertThat(ledger.total().calls()).isEqualTo(1000);
    }

    @Test
    void memory_is_bounded_but_summaries_stay_whole() {
        CostLedger ledger = CostLedger.builder().entryWindow(100).idempotencyWindow(1000).build();
        for (int i = 0; i < 10_000; i++) {
            ledger.record(Entries.reported("gen-" + i, MODELS[i % MODELS.length], "0.0001", Map.of("tenant", TENANTS[i % 5])));
        }
        assertThat(ledger.entries()).hasSize(100);
        assertThat(ledger.entries().get(99).id()).isEqualTo("gen-9999");
        assertThat(ledger.entries().get(0).id()).isEqualTo("gen-9900");
        assertThat(ledger.totalCost()).isEqualByComparingTo("1");
        assertThat(ledger.byAttribute("tenant").get("acme").calls()).isEqualTo(2000);
        assertThat(ledger.byAttribute("tenant").get("acme").cost()).isEqualByComparingTo("0.2");
    }

    @Test
    void unknown_costs_are_counted_beside_the_total_and_settle_later() {
        CostLedger ledger = new CostLedger();
        ledger.record(Entries.reported("gen-1", "openai/gpt-4o-mini", "0.5", Map.of("tenant", "acme")));
        ledger.record(Entries.unknown("gen-2", "openai/gpt-4o-mini", Map.of("tenant", "acme")));
        assertThat(ledger.totalCost()).isEqualByComparingTo("0.5");
        assertThat(ledger.unknownCount()).isEqualTo(1);
        assertThat(ledger.unresolved()).extracting(CostEntry::id).containsExactly("gen-2");

        assertThat(ledger.settle(CostSettlement.of("gen-1", new BigDecimal("9"), CostSource.REPORTED, "x")))
                .as("known costs are not settled").isFalse();
        assertThat(ledger.settle(CostSettlement.of("gen-2", new BigDecimal("0.25"), CostSource.REPORTED, "lookup"))).isTrue();
        assertThat(ledger.settle(CostSettlement.of("gen-2", new BigDecimal("7"), CostSource.REPORTED, "again"))).isFalse();

        assertThat(ledger.totalCost()).isEqualByComparingTo("0.75");
        assertThat(ledger.unknownCount()).isZero();
        assertThat(ledger.byAttribute("tenant").get("acme").cost()).isEqualByComparingTo("0.75");
        assertThat(ledger.byModel().get("openai/gpt-4o-mini").unknown()).isZero();
        CostEntry settled = ledger.entry("gen-2").orElseThrow();
        assertThat(settled.cost()).isEqualByComparingTo("0.25");
        assertThat(settled.source()).isEqualTo(CostSource.REPORTED);
        assertThat(settled.outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(settled.settledAt()).isNotNull();
        assertThat(ledger.unresolved()).isEmpty();
    }

    @Test
    void listeners_hear_entries_and_settlements() {
        CostLedger ledger = new CostLedger();
        List<String> heard = new ArrayList<>();
        ledger.addListener(new CostLedgerListener() {
            @Override
            public void onEntry(CostEntry entry) {
                heard.add("entry " + entry.id());
            }

            @Override
            public void onSettlement(CostEntry before, CostEntry after) {
                heard.add("settled " + after.id() + " " + after.cost().toPlainString());
            }
        });
        ledger.record(Entries.unknown("gen-9", "m", Map.of()));
        ledger.settle(CostSettlement.of("gen-9", new BigDecimal("0.1"), CostSource.REPORTED, "t"));
        assertThat(heard).containsExactly("entry gen-9", "settled gen-9 0.1");
    }

    private static BigDecimal sum(Map<String, CostSummary> summaries) {
        return summaries.values().stream().map(CostSummary::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
