package dev.openrouter4j.cost.store;

import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesLedgerStoreTest {

    @TempDir
    Path dir;

    static CostEntry entry(String id, String cost, Map<String, String> attributes) {
        return CostEntry.builder().id(id).generationId(id).callId("call-" + id)
                .startedAt(Instant.parse("2026-05-22T10:15:30.123456789Z")).duration(Duration.ofNanos(123_456_789))
                .requestedModel("openai/gpt-5-mini").model("openai/gpt-5-mini-2025-08-07").provider("OpenAI")
                .inputTokens(17).outputTokens(2177).cachedTokens(3).cacheWriteTokens(2).reasoningTokens(960)
                .cost(cost == null ? null : new BigDecimal(cost)).reportedCost(cost == null ? null : new BigDecimal(cost))
                .source(cost == null ? CostSource.UNKNOWN : CostSource.REPORTED)
                .outcome(cost == null ? CallOutcome.CANCELLED : CallOutcome.OK).streaming(cost == null)
                .attributes(attributes).build();
    }

    @Test
    void round_trips_every_field_exactly() {
        Path file = dir.resolve("ledger.jsonl");
        CostEntry e = entry("gen-1", "0.0076509169000000005", Map.of("tenant", "acme \"quoted\"\n", "user", "ü"));
        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file))) {
            ledger.record(e);
        }
        List<CostEntry> loaded = new ArrayList<>();
        try (JsonLinesLedgerStore store = JsonLinesLedgerStore.open(file)) {
            store.load(visitor(loaded, new ArrayList<>()));
        }
        assertThat(loaded).containsExactly(e);
    }

    @Test
    void reload_restores_totals_and_settlements_and_ignores_duplicates() {
        Path file = dir.resolve("ledger.jsonl");
        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file, FsyncPolicy.everyEntries(10)))) {
            ledger.record(entry("gen-1", "0.1", Map.of("tenant", "a")));
            ledger.record(entry("gen-2", "0.02", Map.of("tenant", "b")));
            ledger.record(entry("gen-3", null, Map.of("tenant", "a")));
            assertThat(ledger.record(entry("gen-2", "0.02", Map.of("tenant", "b")))).isFalse();
            ledger.settle(CostSettlement.of("gen-3", new BigDecimal("0.003"), CostSource.REPORTED, "generation lookup"));
        }
        try (CostLedger reloaded = new CostLedger(JsonLinesLedgerStore.open(file))) {
            assertThat(reloaded.totalCost()).isEqualByComparingTo("0.123");
            assertThat(reloaded.unknownCount()).isZero();
            assertThat(reloaded.byAttribute("tenant").get("a").cost()).isEqualByComparingTo("0.103");
            assertThat(reloaded.loadResult()).isEqualTo(new LedgerStore.LoadResult(3, 1, 0, 0));
            assertThat(reloaded.entry("gen-3").orElseThrow().settledAt()).isNotNull();
            // appending the same id again after a restart is still ignored
            assertThat(reloaded.record(entry("gen-1", "0.1", Map.of()))).isFalse();
        }
        assertThat(lines(file)).hasSize(4);
    }

    @Test
    void a_line_torn_mid_way_is_skipped_and_never_corrupts_the_rest() throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file))) {
            for (int i = 0; i < 10; i++) {
                ledger.record(entry("gen-" + i, "0.01", Map.of()));
            }
        }
        long size = Files.size(file);
        // a crash while writing the last line: only part of it reached the disk
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 57);
        }
        try (CostLedger reloaded = new CostLedger(JsonLinesLedgerStore.open(file))) {
            assertThat(reloaded.loadResult().entries()).isEqualTo(9);
            assertThat(reloaded.loadResult().skipped()).isEqualTo(1);
            assertThat(reloaded.totalCost()).isEqualByComparingTo("0.09");
            // appending after the torn fragment starts on a fresh line
            reloaded.record(entry("gen-10", "0.5", Map.of()));
            reloaded.record(entry("gen-9", "0.01", Map.of()));
        }
        try (CostLedger again = new CostLedger(JsonLinesLedgerStore.open(file))) {
            assertThat(again.loadResult().entries()).isEqualTo(11);
            assertThat(again.loadResult().skipped()).isEqualTo(1);
            assertThat(again.totalCost()).isEqualByComparingTo("0.6");
        }
    }

    @Test
    void a_corrupt_line_in_the_middle_is_detected_by_its_checksum() throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file))) {
            ledger.record(entry("gen-1", "0.1", Map.of()));
            ledger.record(entry("gen-2", "0.2", Map.of()));
            ledger.record(entry("gen-3", "0.3", Map.of()));
        }
        List<String> lines = lines(file);
        // a flipped digit that still parses as JSON: only the checksum can tell
        lines.set(1, lines.get(1).replace("\"cost\":\"0.2\"", "\"cost\":\"9.2\""));
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        try (CostLedger reloaded = new CostLedger(JsonLinesLedgerStore.open(file))) {
            assertThat(reloaded.loadResult().skipped()).isEqualTo(1);
            assertThat(reloaded.totalCost()).isEqualByComparingTo("0.4");
        }
    }

    @Test
    void an_interrupted_caller_does_not_close_the_file_for_everyone_else() {
        Path file = dir.resolve("ledger.jsonl");
        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file, FsyncPolicy.always()))) {
            Thread.currentThread().interrupt();
            try {
                ledger.record(entry("gen-1", "0.1", Map.of()));
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is left for the caller").isTrue();
            }
            ledger.record(entry("gen-2", "0.2", Map.of()));
        }
        try (CostLedger reloaded = new CostLedger(JsonLinesLedgerStore.open(file))) {
            assertThat(reloaded.totalCost()).isEqualByComparingTo("0.3");
        }
    }

    @Test
    void one_writer_process_at_a_time() {
        Path file = dir.resolve("ledger.jsonl");
        JsonLinesLedgerStore store = JsonLinesLedgerStore.open(file);
        try {
            assertThatThrownBy(() -> JsonLinesLedgerStore.open(file)).isInstanceOf(LedgerStoreException.class)
                    .hasMessageContaining("already open");
        } finally {
            store.close();
        }
    }

    /**
     * A child JVM writes entries from 4 threads and prints each acknowledged id; it is killed with SIGKILL mid-run.
     * Every acknowledged entry must be in the reloaded ledger with its exact cost, nothing may be corrupt except at
     * most one torn final line, and the totals must equal the sum of what was reloaded. The child runs without
     * Micrometer on its class path, which the ledger must not need.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ALWAYS", "EVERY_N:64", "INTERVAL:20"})
    void killDashNineWhileWritingLosesNothingAcknowledged(String policy) throws Exception {
        Path file = dir.resolve("crash-" + policy.replace(':', '-') + ".jsonl");
        String classpath = testClasspathWithoutMicrometer();
        assertThat(classpath).contains("test-classes").contains("jackson-databind").doesNotContain("micrometer");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                LedgerWriterChild.class.getName(), file.toString(), policy, "4")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, String> acknowledged = new HashMap<>();
        int killAfter = policy.equals("ALWAYS") ? 400 : 5_000;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.put(parts[1], parts[2]);
                }
                if (!killed && (acknowledged.size() >= killAfter || System.nanoTime() > deadline)) {
                    // SIGKILL on Linux: no shutdown hooks, no flush, no close. Through the ProcessHandle, so that the
                    // pipe stays open and the acknowledgements already printed can still be read to the end
                    child.toHandle().destroyForcibly();
                    killed = true;
                }
            }
        }
        assertThat(child.waitFor()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(killAfter);

        List<CostEntry> loaded = new ArrayList<>();
        LedgerStore.LoadResult result;
        try (JsonLinesLedgerStore store = JsonLinesLedgerStore.open(file)) {
            result = store.load(visitor(loaded, new ArrayList<>()));
        }
        Map<String, BigDecimal> costs = new HashMap<>();
        for (CostEntry e : loaded) {
            costs.put(e.id(), e.cost());
        }
        for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
            assertThat(costs).as("acknowledged entry " + ack.getKey()).containsKey(ack.getKey());
            assertThat(costs.get(ack.getKey())).isEqualByComparingTo(ack.getValue());
        }
        assertThat(result.skipped()).as("at most the torn last line").isLessThanOrEqualTo(1);
        assertThat(result.duplicates()).isZero();
        try (CostLedger reloaded = CostLedger.builder().store(JsonLinesLedgerStore.open(file))
                .entryWindow(Math.max(1, loaded.size())).build()) {
            BigDecimal sum = loaded.stream().map(CostEntry::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(reloaded.totalCost()).isEqualByComparingTo(sum);
            assertThat(reloaded.total().calls()).isEqualTo(loaded.size());
            System.out.printf("kill -9 (%s): %d acknowledged, %d reloaded, %d torn line(s) skipped%n", policy,
                    acknowledged.size(), loaded.size(), result.skipped());
        }
    }

    static String testClasspathWithoutMicrometer() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringBuilder sb = new StringBuilder();
        for (String part : cp.split(java.io.File.pathSeparator)) {
            if (part.contains("micrometer") || part.isBlank()) continue;
            if (sb.length() > 0) sb.append(java.io.File.pathSeparator);
            sb.append(part);
        }
        return sb.toString();
    }

    static LedgerStore.Visitor visitor(List<CostEntry> entries, List<CostSettlement> settlements) {
        return new LedgerStore.Visitor() {
            @Override
            public void entry(CostEntry entry) {
                entries.add(entry);
            }

            @Override
            public void settlement(CostSettlement settlement) {
                settlements.add(settlement);
            }
        };
    }

    private static List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
