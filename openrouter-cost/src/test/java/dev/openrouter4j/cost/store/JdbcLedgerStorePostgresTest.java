package dev.openrouter4j.cost.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostReport;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.CostSummary;
import dev.openrouter4j.cost.pg.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDBC ledger on a real PostgreSQL (and H2): exact money, idempotency, SQL reports, the migration from version 1. */
class JdbcLedgerStorePostgresTest {

    private static HikariDataSource pg;

    @BeforeAll
    static void start() {
        pg = Postgres.pool(4);
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    private static CostEntry entry(String id, Instant at, String model, String provider, String cost, String tenant) {
        CostEntry.Builder b = CostEntry.builder().id(id).callId("call-" + id).generationId(id).startedAt(at)
                .duration(Duration.ofMillis(5)).requestedModel(model).model(model).provider(provider)
                .inputTokens(10).outputTokens(5).cost(cost == null ? null : new BigDecimal(cost))
                .source(cost == null ? CostSource.UNKNOWN : CostSource.REPORTED).outcome(CallOutcome.OK);
        if (tenant != null) b.attributes(Map.of("tenant", tenant));
        return b.build();
    }

    @Test
    void reports_from_the_database_match_the_ledger_that_recorded_them() {
        reportsMatch(pg);
    }

    /** The same SQL on H2 (the quick tests' database, and the CDI tests'). */
    @Test
    void reports_from_h_2_match_too() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:reports-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        reportsMatch(h2);
    }

    private static void reportsMatch(javax.sql.DataSource ds) {
        JdbcLedgerStore store = JdbcLedgerStore.builder().dataSource(ds).tablePrefix(Postgres.uniquePrefix("rep")).build();
        CostLedger ledger = new CostLedger(store);
        Instant day1 = Instant.parse("2026-05-21T23:59:59.999Z");
        Instant day2 = Instant.parse("2026-05-22T00:00:00Z");
        ledger.record(entry("gen-1", day1, "openai/gpt-4o-mini", "OpenAI", "0.000000000000000000000001", "acme"));
        ledger.record(entry("gen-2", day2, "openai/gpt-4o-mini", "Azure", "0.1234567890123", "acme"));
        ledger.record(entry("gen-3", day2, "anthropic/claude-sonnet-4.6", "Anthropic", "1.5", "globex"));
        ledger.record(entry("gen-4", day2, "anthropic/claude-sonnet-4.6", "Anthropic", null, null));
        assertThat(ledger.record(entry("gen-3", day2, "x", "y", "9", "z"))).as("a replayed entry").isFalse();
        assertThat(store.append(entry("gen-3", day2, "x", "y", "9", "z"))).as("even by another instance").isFalse();
        ledger.settle(new CostSettlement("gen-4", new BigDecimal("0.25"), new BigDecimal("0.25"), null,
                CostSource.REPORTED, day2, "generation lookup", null, null, 12, 6, null, null, null));

        assertThat(store.total(null, null)).isEqualTo(ledger.total());
        assertThat(store.byModel(null, null)).isEqualTo(ledger.byModel());
        assertThat(store.byProvider(null, null)).isEqualTo(ledger.byProvider());
        assertThat(store.byAttribute("tenant", null, null)).isEqualTo(ledger.byAttribute("tenant"));
        Map<String, CostSummary> byDay = store.byDay(null, null);
        assertThat(byDay.keySet()).containsExactly("2026-05-21", "2026-05-22");
        assertThat(byDay.get("2026-05-21").cost()).isEqualByComparingTo("0.000000000000000000000001");
        assertThat(store.total(day2, null).calls()).isEqualTo(3);
        assertThat(store.totalCost()).isEqualByComparingTo("1.873456789012300000000001");

        CostReport report = CostReport.of(store);
        assertThat(report.sections()).containsKeys("model", "provider", "day", "tenant");
        assertThat(report.toText()).contains("2026-05-22").contains("globex");
    }

    @Test
    void a_version_one_schema_is_migrated_and_its_attributes_filled_in() throws Exception {
        String prefix = Postgres.uniquePrefix("mig");
        JdbcLedgerStore v2 = JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix).createTables(false).build();
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            for (String sql : v2.ddl().get(0)) s.execute(sql); // what version 1 created
            s.execute("INSERT INTO " + prefix + "_entry (entry_id, started_at, duration_nanos, input_tokens,"
                    + " output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, cost, cost_source, outcome,"
                    + " streaming, byok, attributes, recorded_at) VALUES ('gen-old', TIMESTAMP WITH TIME ZONE"
                    + " '2026-05-01 10:00:00+00', 0, 1, 1, 0, 0, 0, 0.5, 'REPORTED', 'OK', false, false,"
                    + " '{\"tenant\":\"acme\"}', CURRENT_TIMESTAMP)");
        }
        JdbcLedgerStore migrated = JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix).build();
        assertThat(migrated.byAttribute("tenant", null, null).get("acme").cost()).isEqualByComparingTo("0.5");
        JdbcLedgerStore again = JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix).build();
        assertThat(again.byAttribute("tenant", null, null).get("acme").calls()).as("migrated once").isEqualTo(1);
    }
}
