package dev.openrouter4j.cost.store;

import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcLedgerStoreTest {

    private JdbcDataSource dataSource;

    @BeforeEach
    void database() {
        dataSource = new JdbcDataSource();
        // PostgreSQL mode: the same SQL must run on PostgreSQL
        dataSource.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    }

    @Test
    void stores_exactly_and_reloads() {
        CostEntry e = JsonLinesLedgerStoreTest.entry("gen-1", "0.0076509169000000005", Map.of("tenant", "acme"));
        try (CostLedger ledger = new CostLedger(JdbcLedgerStore.create(dataSource))) {
            ledger.record(e);
            ledger.record(JsonLinesLedgerStoreTest.entry("gen-2", null, Map.of("tenant", "acme")));
            ledger.settle(CostSettlement.of("gen-2", new BigDecimal("0.000000075"), CostSource.REPORTED, "lookup"));
        }
        try (CostLedger reloaded = new CostLedger(JdbcLedgerStore.create(dataSource))) {
            // timestamps keep microseconds (PostgreSQL's precision); everything else is exact
            assertThat(reloaded.entry("gen-1").orElseThrow()).isEqualTo(e.toBuilder()
                    .startedAt(e.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)).build());
            assertThat(reloaded.totalCost()).isEqualByComparingTo("0.0076509919000000005");
            assertThat(reloaded.totalCost().toPlainString()).isEqualTo("0.0076509919000000005");
            assertThat(reloaded.unknownCount()).isZero();
            assertThat(reloaded.byAttribute("tenant").get("acme").cost()).isEqualByComparingTo("0.0076509919000000005");
            assertThat(reloaded.loadResult()).isEqualTo(new LedgerStore.LoadResult(2, 1, 0, 0));
        }
    }

    @Test
    void cost_column_is_an_exact_numeric() throws Exception {
        JdbcLedgerStore.create(dataSource).append(JsonLinesLedgerStoreTest.entry("gen-1", "0.1", Map.of()));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DATA_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS"
                     + " WHERE LOWER(TABLE_NAME) = 'openrouter_cost_entry' AND LOWER(COLUMN_NAME) = 'cost'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isIn("NUMERIC", "DECIMAL");
            assertThat(rs.getInt(2)).isEqualTo(38);
            assertThat(rs.getInt(3)).isEqualTo(24);
        }
    }

    @Test
    void refuses_to_round_an_amount_it_cannot_hold_exactly() {
        JdbcLedgerStore store = JdbcLedgerStore.create(dataSource);
        assertThatThrownBy(() -> store.append(JsonLinesLedgerStoreTest.entry("gen-x",
                "0.0000000000000000000000001", Map.of()))).isInstanceOf(LedgerStoreException.class);
    }

    @Test
    void many_instances_share_one_ledger_and_duplicates_are_ignored() throws Exception {
        int instances = 4;
        int perInstance = 500;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<Integer>> results = new ArrayList<>();
        for (int n = 0; n < instances; n++) {
            results.add(pool.submit(() -> {
                // each "instance" has its own ledger on the shared database, and all of them try every id
                CostLedger ledger = new CostLedger(JdbcLedgerStore.create(dataSource));
                int accepted = 0;
                for (int i = 0; i < perInstance; i++) {
                    if (ledger.record(JsonLinesLedgerStoreTest.entry("gen-" + i, "0.001", Map.of()))) accepted++;
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> f : results) accepted += f.get();
        pool.shutdown();
        assertThat(accepted).as("each id stored once across instances").isEqualTo(perInstance);
        JdbcLedgerStore shared = JdbcLedgerStore.create(dataSource);
        assertThat(shared.totalCost()).isEqualByComparingTo("0.5");
        assertThat(shared.unknownCount()).isZero();
        try (CostLedger reloaded = new CostLedger(shared)) {
            assertThat(reloaded.totalCost()).isEqualByComparingTo("0.5");
            assertThat(reloaded.total().calls()).isEqualTo(perInstance);
        }
    }

    @Test
    void settlements_are_appended_not_rewritten() throws Exception {
        JdbcLedgerStore store = JdbcLedgerStore.create(dataSource);
        store.append(JsonLinesLedgerStoreTest.entry("gen-1", null, Map.of()));
        assertThat(store.unknownCount()).isEqualTo(1);
        assertThat(store.appendSettlement(CostSettlement.of("gen-1", new BigDecimal("0.2"), CostSource.REPORTED, "a"))).isTrue();
        assertThat(store.appendSettlement(CostSettlement.of("gen-1", new BigDecimal("0.9"), CostSource.REPORTED, "b"))).isFalse();
        assertThat(store.totalCost()).isEqualByComparingTo("0.2");
        assertThat(store.unknownCount()).isZero();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT cost FROM openrouter_cost_entry WHERE entry_id = 'gen-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(1)).as("the entry row is untouched").isNull();
        }
    }
}
