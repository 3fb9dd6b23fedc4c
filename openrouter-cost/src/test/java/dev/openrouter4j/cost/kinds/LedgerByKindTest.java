package dev.openrouter4j.cost.kinds;

import com.zaxxer.hikari.HikariDataSource;
import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostReport;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.CostSummary;
import dev.openrouter4j.cost.metrics.CostMetrics;
import dev.openrouter4j.cost.pg.Postgres;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.cost.store.JsonLinesLedgerStore;
import dev.openrouter4j.cost.store.LedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.openrouter4j.langchain4j.OpenRouterCallKind.CHAT;
import static dev.openrouter4j.langchain4j.OpenRouterCallKind.EMBEDDING;
import static dev.openrouter4j.langchain4j.OpenRouterCallKind.IMAGE;
import static dev.openrouter4j.langchain4j.OpenRouterCallKind.RERANK;
import static dev.openrouter4j.langchain4j.OpenRouterCallKind.TRANSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of call in the ledger: entries keep their kind and units through the JSON-lines file and the JDBC store
 * (with the schema migrated from version 2), and the ledger, SQL aggregates, reports and metrics group by kind.
 */
class LedgerByKindTest {

    @TempDir
    Path dir;

    static CostEntry entry(String id, OpenRouterCallKind kind, String cost, BilledUnits units) {
        return CostEntry.builder().id(id).generationId(id).callId("call-" + id)
                .startedAt(Instant.parse("2026-05-22T10:00:00Z")).duration(Duration.ofMillis(7))
                .requestedModel("m/" + kind.label()).model("m/" + kind.label()).provider("P")
                .inputTokens(kind == IMAGE ? 0 : 12).cost(cost == null ? null : new BigDecimal(cost))
                .source(cost == null ? CostSource.UNKNOWN : CostSource.REPORTED).outcome(CallOutcome.OK)
                .kind(kind).units(units).attributes(Map.of("tenant", "acme")).build();
    }

    static List<CostEntry> mixed() {
        return List.of(
                entry("gen-c", CHAT, "0.01", BilledUnits.NONE),
                entry("gen-e", EMBEDDING, "0.0000024", BilledUnits.NONE),
                entry("gen-r", RERANK, "0.002", new BilledUnits(0, 1, 0, null)),
                entry("gen-i", IMAGE, "0.08", new BilledUnits(2, 0, 0, null)),
                entry("gen-t", TRANSCRIPTION, null, new BilledUnits(0, 0, 0, new BigDecimal("0.32"))));
    }

    @Test
    void the_ledger_groups_by_kind_and_the_report_has_a_kind_section() {
        CostLedger ledger = new CostLedger();
        mixed().forEach(ledger::record);
        Map<OpenRouterCallKind, CostSummary> byKind = ledger.byKind();
        assertThat(byKind.keySet()).containsExactly(CHAT, EMBEDDING, RERANK, IMAGE, TRANSCRIPTION);
        assertThat(byKind.get(IMAGE).cost()).isEqualByComparingTo("0.08");
        assertThat(byKind.get(IMAGE).key()).isEqualTo("image");
        assertThat(byKind.get(TRANSCRIPTION).unknown()).isEqualTo(1);
        assertThat(ledger.totalCost()).isEqualByComparingTo("0.0920024");

        CostReport report = CostReport.of(ledger);
        assertThat(report.sections().get("kind").keySet()).containsExactly("chat", "embedding", "rerank", "image",
                "transcription");
        assertThat(report.toText()).contains("by kind").contains("embedding");
        assertThat(report.toCsv()).contains("kind,rerank,1,");
    }

    @Test
    void an_entry_without_a_kind_is_chat_and_kinds_and_units_round_trip_through_the_file() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file))) {
            mixed().forEach(ledger::record);
        }
        String text = Files.readString(file);
        assertThat(text).contains("\"kind\":\"rerank\"").contains("\"searchUnits\":1").contains("\"seconds\":\"0.32\"");
        assertThat(text.lines().filter(l -> l.contains("gen-c")).findFirst().orElseThrow())
                .as("a chat entry is written as before").doesNotContain("\"kind\"");
        List<CostEntry> loaded = load(JsonLinesLedgerStore.open(file));
        assertThat(loaded).containsExactlyElementsOf(mixed());
        assertThat(loaded.get(3).units().images()).isEqualTo(2);
        assertThat(CostEntry.builder().id("x").source(CostSource.NOT_BILLED).cost(BigDecimal.ZERO).build().kind())
                .isEqualTo(CHAT);
    }

    @Test
    void metrics_carry_the_kind_and_the_units() {
        CostLedger ledger = new CostLedger();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CostMetrics.builder(ledger).build().bindTo(registry);
        mixed().forEach(ledger::record);
        assertThat(registry.get("gen_ai.client.cost").tag("kind", "image").counter().count()).isEqualTo(0.08);
        assertThat(registry.get("gen_ai.client.cost").tag("kind", "embedding")
                .tag("gen_ai.operation.name", "embeddings").counter().count()).isEqualTo(0.0000024);
        assertThat(registry.get("gen_ai.client.cost.unknown").tag("kind", "transcription").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("openrouter.client.usage.units").tag("unit", "image").counter().count()).isEqualTo(2);
        assertThat(registry.get("openrouter.client.usage.units").tag("unit", "second").counter().count())
                .isEqualTo(0.32);
        assertThat(registry.get("gen_ai.client.operation.duration").tag("kind", "chat")
                .tag("gen_ai.operation.name", "chat").timer().count()).isEqualTo(1);
    }

    @Test
    void the_jdbc_store_keeps_kinds_and_its_sql_by_kind_matches_the_ledger_on_h2() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:kinds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        roundTripAndAggregate(h2, "kinds");
    }

    @Test
    void a_version_two_postgresql_schema_is_migrated_its_old_rows_read_as_chat() throws Exception {
        try (HikariDataSource pg = Postgres.pool(2)) {
            String prefix = Postgres.uniquePrefix("kmig");
            JdbcLedgerStore unmigrated = JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix)
                    .createTables(false).build();
            try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
                for (String sql : unmigrated.ddl().get(0)) s.execute(sql); // what version 2 created
                for (String sql : unmigrated.ddl().get(1)) s.execute(sql);
                s.execute("CREATE TABLE " + prefix + "_schema (version INTEGER NOT NULL PRIMARY KEY,"
                        + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                s.execute("INSERT INTO " + prefix + "_schema VALUES (1, CURRENT_TIMESTAMP), (2, CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO " + prefix + "_entry (entry_id, started_at, duration_nanos, input_tokens,"
                        + " output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost, cost_source,"
                        + " outcome, streaming, byok, recorded_at) VALUES ('gen-old', TIMESTAMP WITH TIME ZONE"
                        + " '2026-05-01 10:00:00+00', 0, 1, 1, 0, 0, 0, 0.5, 'REPORTED', 'OK', false, false,"
                        + " CURRENT_TIMESTAMP)");
            }
            JdbcLedgerStore migrated = JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix).build();
            assertThat(migrated.byKind(null, null)).containsOnlyKeys(CHAT);
            assertThat(load(migrated)).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(CHAT);
                assertThat(e.units()).isEqualTo(BilledUnits.NONE);
            });
            roundTripAndAggregate(pg, prefix);
            JdbcLedgerStore again = JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix).build();
            assertThat(again.byKind(null, null).get(CHAT).calls()).as("migrated once, nothing lost").isEqualTo(2);
        }
    }

    private static void roundTripAndAggregate(DataSource ds, String prefix) {
        JdbcLedgerStore store = JdbcLedgerStore.builder().dataSource(ds).tablePrefix(prefix).build();
        CostLedger ledger = new CostLedger(store);
        mixed().forEach(ledger::record);
        List<CostEntry> loaded = load(store);
        assertThat(loaded).containsAll(mixed());
        Map<OpenRouterCallKind, CostSummary> sql = store.byKind(null, null);
        Map<OpenRouterCallKind, CostSummary> memory = ledger.byKind();
        for (OpenRouterCallKind k : List.of(EMBEDDING, RERANK, IMAGE, TRANSCRIPTION)) {
            assertThat(sql.get(k)).as(k.label()).isEqualTo(memory.get(k));
        }
        assertThat(CostReport.of(store).sections().get("kind")).containsKeys("rerank", "image");
    }

    private static List<CostEntry> load(LedgerStore store) {
        List<CostEntry> out = new ArrayList<>();
        store.load(new LedgerStore.Visitor() {
            @Override
            public void entry(CostEntry entry) {
                out.add(entry);
            }

            @Override
            public void settlement(dev.openrouter4j.cost.CostSettlement settlement) {
            }
        });
        return out;
    }
}
