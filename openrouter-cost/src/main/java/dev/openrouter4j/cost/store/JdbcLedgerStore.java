package dev.openrouter4j.cost.store;

import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.internal.Decimals;
import dev.openrouter4j.cost.internal.EntryCodec;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A ledger in a SQL database, for several application instances sharing one ledger. Tested on H2; the SQL is plain
 * (no vendor extensions) and works on PostgreSQL.
 * <p>
 * Two append-only tables, created when missing ({@code <prefix>_entry} and {@code <prefix>_settlement}, prefix
 * {@code openrouter_cost} by default). Money columns are {@code NUMERIC(38,24)}: exact, with room for OpenRouter's
 * longest decimals (a scale above 24 is refused rather than rounded). The entry id (the generation id, or the call id
 * when there is none) is the primary key, so a duplicate append from any instance is ignored; a settlement's primary
 * key is the entry id it settles. Each append is one autocommitted insert on a connection from the
 * {@link DataSource} (use a pool). {@link #totalCost()} and {@link #unknownCount()} query the shared totals of all
 * instances. Timestamps are kept to the microsecond (PostgreSQL's precision).
 */
public final class JdbcLedgerStore implements LedgerStore {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}");
    private static final int MONEY_SCALE = 24;

    private final DataSource dataSource;
    private final String entryTable;
    private final String settlementTable;
    private final String insertEntry;
    private final String insertSettlement;

    private JdbcLedgerStore(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
        if (!IDENTIFIER.matcher(b.tablePrefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must be a plain SQL identifier: " + b.tablePrefix);
        }
        this.entryTable = b.tablePrefix + "_entry";
        this.settlementTable = b.tablePrefix + "_settlement";
        this.insertEntry = "INSERT INTO " + entryTable + " (entry_id, call_id, generation_id, started_at, duration_nanos,"
                + " requested_model, model, provider, input_tokens, output_tokens, cached_tokens, cache_write_tokens,"
                + " reasoning_tokens, cost, reported_cost, upstream_cost, cost_source, price_version, outcome, error,"
                + " streaming, byok, attributes, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        this.insertSettlement = "INSERT INTO " + settlementTable + " (entry_id, cost, reported_cost, upstream_cost,"
                + " cost_source, settled_at, note, model, provider, input_tokens, output_tokens, cached_tokens,"
                + " reasoning_tokens, byok) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        if (b.createTables) {
            createTables();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A store on the data source with the default table prefix, creating the tables when missing. */
    public static JdbcLedgerStore create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    private void createTables() {
        String money = "NUMERIC(38," + MONEY_SCALE + ")";
        String entry = "CREATE TABLE IF NOT EXISTS " + entryTable + " ("
                + "entry_id VARCHAR(200) NOT NULL PRIMARY KEY,"
                + "call_id VARCHAR(200),"
                + "generation_id VARCHAR(200),"
                + "started_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + "duration_nanos BIGINT NOT NULL,"
                + "requested_model VARCHAR(300),"
                + "model VARCHAR(300),"
                + "provider VARCHAR(200),"
                + "input_tokens INTEGER NOT NULL,"
                + "output_tokens INTEGER NOT NULL,"
                + "cached_tokens INTEGER NOT NULL,"
                + "cache_write_tokens INTEGER NOT NULL,"
                + "reasoning_tokens INTEGER NOT NULL,"
                + "cost " + money + ","
                + "reported_cost " + money + ","
                + "upstream_cost " + money + ","
                + "cost_source VARCHAR(20) NOT NULL,"
                + "price_version VARCHAR(100),"
                + "outcome VARCHAR(20) NOT NULL,"
                + "error VARCHAR(1000),"
                + "streaming BOOLEAN NOT NULL,"
                + "byok BOOLEAN NOT NULL,"
                + "attributes VARCHAR(65535),"
                + "recorded_at TIMESTAMP WITH TIME ZONE NOT NULL)";
        String settlement = "CREATE TABLE IF NOT EXISTS " + settlementTable + " ("
                + "entry_id VARCHAR(200) NOT NULL PRIMARY KEY,"
                + "cost " + money + ","
                + "reported_cost " + money + ","
                + "upstream_cost " + money + ","
                + "cost_source VARCHAR(20) NOT NULL,"
                + "settled_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                + "note VARCHAR(500),"
                + "model VARCHAR(300),"
                + "provider VARCHAR(200),"
                + "input_tokens INTEGER,"
                + "output_tokens INTEGER,"
                + "cached_tokens INTEGER,"
                + "reasoning_tokens INTEGER,"
                + "byok BOOLEAN)";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(entry);
            s.execute(settlement);
            if (!c.getAutoCommit()) c.commit();
        } catch (SQLException e) {
            throw new LedgerStoreException("cannot create the ledger tables " + entryTable + ", " + settlementTable, e);
        }
    }

    @Override
    public boolean append(CostEntry e) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insertEntry)) {
            int i = 0;
            ps.setString(++i, e.id());
            ps.setString(++i, e.callId());
            ps.setString(++i, e.generationId());
            ps.setObject(++i, utc(e.startedAt()));
            ps.setLong(++i, e.duration().toNanos());
            ps.setString(++i, e.requestedModel());
            ps.setString(++i, e.model());
            ps.setString(++i, e.provider());
            ps.setInt(++i, e.inputTokens());
            ps.setInt(++i, e.outputTokens());
            ps.setInt(++i, e.cachedTokens());
            ps.setInt(++i, e.cacheWriteTokens());
            ps.setInt(++i, e.reasoningTokens());
            money(ps, ++i, e.cost());
            money(ps, ++i, e.reportedCost());
            money(ps, ++i, e.upstreamCost());
            ps.setString(++i, e.source().name());
            ps.setString(++i, e.priceVersion());
            ps.setString(++i, e.outcome().name());
            ps.setString(++i, e.error());
            ps.setBoolean(++i, e.streaming());
            ps.setBoolean(++i, e.byok());
            ps.setString(++i, e.attributes().isEmpty() ? null : EntryCodec.attributesJson(e.attributes()));
            ps.setObject(++i, utc(Instant.now()));
            return insert(c, ps);
        } catch (SQLException ex) {
            throw new LedgerStoreException("cannot store entry " + e.id(), ex);
        }
    }

    @Override
    public boolean appendSettlement(CostSettlement s) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insertSettlement)) {
            int i = 0;
            ps.setString(++i, s.entryId());
            money(ps, ++i, s.cost());
            money(ps, ++i, s.reportedCost());
            money(ps, ++i, s.upstreamCost());
            ps.setString(++i, s.source().name());
            ps.setObject(++i, utc(s.settledAt()));
            ps.setString(++i, s.note());
            ps.setString(++i, s.model());
            ps.setString(++i, s.provider());
            integer(ps, ++i, s.inputTokens());
            integer(ps, ++i, s.outputTokens());
            integer(ps, ++i, s.cachedTokens());
            integer(ps, ++i, s.reasoningTokens());
            if (s.byok() == null) ps.setNull(++i, Types.BOOLEAN);
            else ps.setBoolean(++i, s.byok());
            return insert(c, ps);
        } catch (SQLException ex) {
            throw new LedgerStoreException("cannot store the settlement of " + s.entryId(), ex);
        }
    }

    /** Executes an insert; false when the primary key already exists (SQLState class 23). */
    private static boolean insert(Connection c, PreparedStatement ps) throws SQLException {
        try {
            ps.executeUpdate();
            if (!c.getAutoCommit()) c.commit();
            return true;
        } catch (SQLException e) {
            if (!c.getAutoCommit()) c.rollback();
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && state.startsWith("23")) return true;
            if (x instanceof java.sql.SQLIntegrityConstraintViolationException) return true;
        }
        return false;
    }

    @Override
    public LoadResult load(Visitor visitor) {
        long entries = 0;
        long settlements = 0;
        long skipped = 0;
        Set<String> seen = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT entry_id, call_id, generation_id, started_at, duration_nanos,"
                    + " requested_model, model, provider, input_tokens, output_tokens, cached_tokens,"
                    + " cache_write_tokens, reasoning_tokens, cost, reported_cost, upstream_cost, cost_source,"
                    + " price_version, outcome, error, streaming, byok, attributes FROM " + entryTable
                    + " ORDER BY recorded_at, entry_id")) {
                while (rs.next()) {
                    try {
                        CostEntry e = CostEntry.builder()
                                .id(rs.getString(1)).callId(rs.getString(2)).generationId(rs.getString(3))
                                .startedAt(rs.getObject(4, OffsetDateTime.class).toInstant()).duration(Duration.ofNanos(rs.getLong(5)))
                                .requestedModel(rs.getString(6)).model(rs.getString(7)).provider(rs.getString(8))
                                .inputTokens(rs.getInt(9)).outputTokens(rs.getInt(10)).cachedTokens(rs.getInt(11))
                                .cacheWriteTokens(rs.getInt(12)).reasoningTokens(rs.getInt(13))
                                .cost(Decimals.normalize(rs.getBigDecimal(14)))
                                .reportedCost(Decimals.normalize(rs.getBigDecimal(15)))
                                .upstreamCost(Decimals.normalize(rs.getBigDecimal(16)))
                                .source(CostSource.valueOf(rs.getString(17))).priceVersion(rs.getString(18))
                                .outcome(CallOutcome.valueOf(rs.getString(19))).error(rs.getString(20))
                                .streaming(rs.getBoolean(21)).byok(rs.getBoolean(22))
                                .attributes(EntryCodec.parseAttributes(rs.getString(23)))
                                .build();
                        seen.add(e.id());
                        entries++;
                        visitor.entry(e);
                    } catch (IOException | RuntimeException ex) {
                        skipped++;
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT entry_id, cost, reported_cost, upstream_cost, cost_source,"
                    + " settled_at, note, model, provider, input_tokens, output_tokens, cached_tokens, reasoning_tokens,"
                    + " byok FROM " + settlementTable + " ORDER BY settled_at, entry_id")) {
                while (rs.next()) {
                    try {
                        CostSettlement s = new CostSettlement(rs.getString(1), Decimals.normalize(rs.getBigDecimal(2)),
                                Decimals.normalize(rs.getBigDecimal(3)), Decimals.normalize(rs.getBigDecimal(4)),
                                CostSource.valueOf(rs.getString(5)), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getString(7),
                                rs.getString(8), rs.getString(9), integerOrNull(rs, 10), integerOrNull(rs, 11),
                                integerOrNull(rs, 12), integerOrNull(rs, 13), booleanOrNull(rs, 14));
                        if (seen.contains(s.entryId())) {
                            settlements++;
                            visitor.settlement(s);
                        } else {
                            skipped++;
                        }
                    } catch (RuntimeException ex) {
                        skipped++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new LedgerStoreException("cannot read the ledger tables", e);
        }
        return new LoadResult(entries, settlements, skipped, 0);
    }

    /** The exact sum of every known cost in the shared ledger, settlements applied (all instances). */
    public BigDecimal totalCost() {
        String sql = "SELECT SUM(COALESCE(s.cost, e.cost)) FROM " + entryTable + " e LEFT JOIN " + settlementTable
                + " s ON s.entry_id = e.entry_id";
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            BigDecimal v = rs.getBigDecimal(1);
            return v == null ? BigDecimal.ZERO : Decimals.normalize(v);
        } catch (SQLException e) {
            throw new LedgerStoreException("cannot read the ledger total", e);
        }
    }

    /** How many entries of the shared ledger still have an unknown cost (all instances). */
    public long unknownCount() {
        String sql = "SELECT COUNT(*) FROM " + entryTable + " e LEFT JOIN " + settlementTable
                + " s ON s.entry_id = e.entry_id WHERE e.cost IS NULL AND s.cost IS NULL";
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new LedgerStoreException("cannot count unknown entries", e);
        }
    }

    private static void money(PreparedStatement ps, int index, BigDecimal v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.NUMERIC);
            return;
        }
        BigDecimal n = Decimals.normalize(v);
        if (n.scale() > MONEY_SCALE) {
            throw new SQLException("amount " + n.toPlainString() + " has more than " + MONEY_SCALE
                    + " decimals; refusing to round it", "22003");
        }
        ps.setBigDecimal(index, n);
    }

    private static OffsetDateTime utc(Instant instant) {
        // truncated, not rounded by the database: microseconds are what PostgreSQL keeps
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static void integer(PreparedStatement ps, int index, Integer v) throws SQLException {
        if (v == null) ps.setNull(index, Types.INTEGER);
        else ps.setInt(index, v);
    }

    private static Integer integerOrNull(ResultSet rs, int col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Boolean booleanOrNull(ResultSet rs, int col) throws SQLException {
        boolean v = rs.getBoolean(col);
        return rs.wasNull() ? null : v;
    }

    /** Nothing to do: every append is committed when it returns. */
    @Override
    public void flush() {
    }

    /** Nothing to release: connections are returned to the data source after each operation. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "JdbcLedgerStore{" + entryTable + ", " + settlementTable + '}';
    }

    /** Configures a {@link JdbcLedgerStore}. */
    public static final class Builder {
        private DataSource dataSource;
        private String tablePrefix = "openrouter_cost";
        private boolean createTables = true;

        private Builder() {
        }

        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** The prefix of the two table names (a plain identifier); default {@code openrouter_cost}. */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = Objects.requireNonNull(prefix);
            return this;
        }

        /** Whether to create missing tables (default true); turn off when migrations own the schema. */
        public Builder createTables(boolean create) {
            this.createTables = create;
            return this;
        }

        public JdbcLedgerStore build() {
            return new JdbcLedgerStore(this);
        }
    }
}
