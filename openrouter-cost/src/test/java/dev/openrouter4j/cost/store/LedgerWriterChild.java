package dev.openrouter4j.cost.store;

import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The child process of the crash test: records entries into a ledger file as fast as it can from several threads and
 * prints {@code ACK <id> <cost>} for each entry once {@code record} returned (acknowledged under the fsync policy),
 * until it is killed.
 * <p>
 * Arguments: the ledger file, the policy ({@code ALWAYS}, {@code EVERY_N:<n>} or {@code INTERVAL:<ms>}), the number of
 * writer threads.
 */
public final class LedgerWriterChild {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        FsyncPolicy policy = parse(args[1]);
        int threads = Integer.parseInt(args[2]);
        CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file, policy));
        System.out.println("READY");
        System.out.flush();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = new Thread(() -> {
                for (long i = 0; ; i++) {
                    String id = "gen-" + thread + "-" + i;
                    BigDecimal cost = BigDecimal.valueOf(i * 7919 % 1_000_003 + 1, 9 + (int) (i % 7));
                    ledger.record(CostEntry.builder().id(id).generationId(id).callId("call-" + id)
                            .startedAt(Instant.now()).duration(Duration.ofMillis(i % 1000))
                            .requestedModel("openai/gpt-4o-mini").model("openai/gpt-4o-mini").provider("OpenAI")
                            .inputTokens((int) (i % 5000)).outputTokens(42).cost(cost).reportedCost(cost)
                            .source(CostSource.REPORTED).outcome(CallOutcome.OK)
                            .attributes(Map.of("tenant", "t" + (i % 3), "note", "quote \" backslash \\ é ✓"))
                            .build());
                    synchronized (System.out) {
                        System.out.println("ACK " + id + " " + cost.toPlainString());
                        System.out.flush();
                    }
                }
            }, "writer-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    static FsyncPolicy parse(String s) {
        if (s.equals("ALWAYS")) return FsyncPolicy.always();
        if (s.startsWith("EVERY_N:")) return FsyncPolicy.everyEntries(Integer.parseInt(s.substring(8)));
        if (s.startsWith("INTERVAL:")) return FsyncPolicy.interval(Duration.ofMillis(Long.parseLong(s.substring(9))));
        throw new IllegalArgumentException(s);
    }
}
