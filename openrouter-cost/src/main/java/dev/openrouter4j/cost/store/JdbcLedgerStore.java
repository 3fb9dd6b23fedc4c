package dev.openrouter4j.cost.store;

import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.internal.Decimals;
import dev.openrouter4j.cost.internal.EntryCodec;
import dev.openrouter4j.cost.internal.Sql;

import dev.openrouter4j.langchain4j.OpenRouterCallKind;

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
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.TreeMap;
import dev.openrouter4j.cost.CostSummary;
import java.util.Map;

/**
 * A ledger in a SQL database, for several application instances sharing one ledger. Tested on a real PostgreSQL and
 * on H2; the SQL is plain (no vendor extensions).
 * <p>
 * Append-only tables, created or migrated when the store is built (the statements are in {@link #ddl()}; the applied
 * version is kept in {@code <prefix>_schema}; prefix {@code openrouter_cost} by default): {@code <prefix>_entry},
 * {@code <prefix>_settlement} and {@code <prefix>_entry_attribute} (one row per entry and attribute, so reports can
 * group by tenant in SQL). Money columns are {@code NUMERIC(38,24)}: exact, with room for OpenRouter's longest
 * decimals (a scale above 24 is refused rather than rounded). The entry id (the generation id, or the call id when
 * there is none) is the primary key and the generation id is unique, so a duplicate or replayed append from any
 * instance is ignored and never counted twice; a settlement's primary key is the entry id it settles. Each append is
 * one transaction on a connection from the {@link DataSource} (use a pool). {@link #totalCost()},
 * {@link #unknownCount()} and the summaries ({@link #total}, {@link #byModel}, {@link #byDay}, ...) are SQL aggregates
 * over what every instance recorded. Timestamps are kept to the microsecond (PostgreSQL's precision); days are UTC.
 * A {@link dev.openrouter4j.cost.budget.JdbcBudgetStore} can share the database for budgets across instances.
 */
public final class JdbcLedgerStore implements LedgerStore {

    private static final int SCHEMA_VERSION = 3;
    private static final String UNKNOWN_KEY = "(unknown)";
    private static final Object MIGRATION_LOCK = new Object();

    private final DataSource dataSource;
    private final String prefix;
    private final String entryTable;
    private final String settlementTable;
    private final String attributeTable;
    private final String schemaTable;
    private final String insertAttribute;
    private final String insertEntry;
    private final String insertSettlement;

    private JdbcLedgerStore(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
        this.prefix = Sql.prefix(b.tablePrefix);
        this.entryTable = prefix + "_entry";
        this.settlementTable = prefix + "_settlement";
        this.attributeTable = prefix + "_entry_attribute";
        this.schemaTable = prefix + "_schema";
        this.insertAttribute = "INSERT INTO " + attributeTable + " (entry_id, attr_key, attr_value) VALUES (?,?,?)";
        this.insertEntry = "INSERT INTO " + entryTable + " (entry_id, call_id, generation_id, started_at, duration_nanos,"
                + " requested_model, model, provider, input_tokens, output_tokens, cached_tokens, cache_write_tokens,"
                + " reasoning_tokens, cost, reported_cost, upstream_cost, cost_source, price_version, outcome, error,"
                + " streaming, byok, attributes, recorded_at, call_kind, images, search_units, char_count, audio_seconds)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        this.insertSettlement = "INSERT INTO " + settlementTable + " (entry_id, cost, reported_cost, upstream_cost,"
                + " cost_source, settled_at, note, model, provider, input_tokens, output_tokens, cached_tokens,"
                + " reasoning_tokens, byok) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        if (b.createTables) {
            migrate();
        }
    }

    /** The data source the store writes through (a {@code JdbcBudgetStore} can share it). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The prefix of the table names. */
    public String tablePrefix() {
        return prefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A store on the data source with the default table prefix, creating the tables when missing. */
    public static JdbcLedgerStore create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /**
     * The statements that create the schema, version by version (each {@code IF NOT EXISTS}); for migrations owned by
     * the application ({@link Builder#createTables(boolean) createTables(false)}). Version 1: entries and
     * settlements. Version 2: the generation id unique, an index on the start time, and the attribute table (filled
     * from existing entries when migrating). Version 3: the call's kind ({@code call_kind}, {@code chat} for the rows
     * written before) and the units beyond tokens it was billed by ({@code images}, {@code search_units},
     * {@code char_count}, {@code audio_seconds}).
     */
    public List<List<String>> ddl() {
        String money = Sql.MONEY;
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
        List<String> v1 = List.of(entry, settlement);
        List<String> v2 = List.of(
                "CREATE UNIQUE INDEX IF NOT EXISTS " + entryTable + "_generation ON " + entryTable + " (generation_id)",
                "CREATE INDEX IF NOT EXISTS " + entryTable + "_started ON " + entryTable + " (started_at)",
                "CREATE TABLE IF NOT EXISTS " + attributeTable + " (entry_id VARCHAR(200) NOT NULL,"
                        + " attr_key VARCHAR(200) NOT NULL, attr_value VARCHAR(1000) NOT NULL,"
                        + " PRIMARY KEY (entry_id, attr_key))",
                "CREATE INDEX IF NOT EXISTS " + attributeTable + "_value ON " + attributeTable
                        + " (attr_key, attr_value)");
        List<String> v3 = List.of(
                "ALTER TABLE " + entryTable + " ADD COLUMN IF NOT EXISTS call_kind VARCHAR(20) DEFAULT 'chat' NOT NULL",
                "ALTER TABLE " + entryTable + " ADD COLUMN IF NOT EXISTS images INTEGER DEFAULT 0 NOT NULL",
                "ALTER TABLE " + entryTable + " ADD COLUMN IF NOT EXISTS search_units INTEGER DEFAULT 0 NOT NULL",
                "ALTER TABLE " + entryTable + " ADD COLUMN IF NOT EXISTS char_count INTEGER DEFAULT 0 NOT NULL",
                "ALTER TABLE " + entryTable + " ADD COLUMN IF NOT EXISTS audio_seconds " + money);
        return List.of(v1, v2, v3);
    }

    /**
     * Creates the tables or brings them to the current version; safe when several instances start at once. Within one
     * JVM, migrations run one at a time (so stores built together do not contend for the same DDL locks, which H2
     * times out on); across processes the database serializes them and every statement is {@code IF NOT EXISTS}.
     */
    private void migrate() {
        synchronized (MIGRATION_LOCK) {
            migrateLocked();
        }
    }

    private void migrateLocked() {
        try (Connection c = dataSource.getConnection()) {
            Sql.ddl(c, List.of("CREATE TABLE IF NOT EXISTS " + schemaTable + " (version INTEGER NOT NULL PRIMARY KEY,"
                    + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)"));
            int current = schemaVersion(c);
            List<List<String>> steps = ddl();
            for (int v = current + 1; v <= SCHEMA_VERSION; v++) {
                Sql.ddl(c, steps.get(v - 1));
                if (v == 2) {
                    backfillAttributes(c);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schemaTable
                        + " (version, applied_at) VALUES (?, ?)")) {
                    ps.setInt(1, v);
                    ps.setObject(2, Sql.utc(Instant.now()));
                    ps.executeUpdate();
                    if (!c.getAutoCommit()) c.commit();
                } catch (SQLException e) {
                    if (!c.getAutoCommit()) c.rollback();
                    if (!Sql.isDuplicateKey(e)) throw e; // another instance recorded it first
                }
            }
        } catch (SQLException e) {
            throw new LedgerStoreException("cannot create or migrate the ledger tables " + entryTable + ", "
                    + settlementTable + ", " + attributeTable, e);
        }
    }

    private int schemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM " + schemaTable)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Version 2: one attribute row per attribute of the entries written before the attribute table existed. */
    private void backfillAttributes(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT entry_id, attributes FROM " + entryTable
                     + " e WHERE attributes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + attributeTable
                     + " a WHERE a.entry_id = e.entry_id)")) {
            while (rs.next()) {
                Map<String, String> attributes;
                try {
                    attributes = EntryCodec.parseAttributes(rs.getString(2));
                } catch (IOException e) {
                    continue;
                }
                for (Map.Entry<String, String> a : attributes.entrySet()) {
                    try (PreparedStatement ps = c.prepareStatement(insertAttribute)) {
                        ps.setString(1, rs.getString(1));
                        ps.setString(2, a.getKey());
                        ps.setString(3, a.getValue());
                        ps.executeUpdate();
                        if (!c.getAutoCommit()) c.commit();
                    } catch (SQLException e) {
                        if (!c.getAutoCommit()) c.rollback();
                        if (!Sql.isDuplicateKey(e)) throw e;
                    }
                }
            }
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
            ps.setString(++i, e.kind().label());
            ps.setInt(++i, e.units().images());
            ps.setInt(++i, e.units().searchUnits());
            ps.setInt(++i, e.units().characters());
            money(ps, ++i, e.units().seconds());
            if (e.attributes().isEmpty()) {
                return insert(c, ps);
            }
            return insertWithAttributes(c, ps, e);
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

    /** The entry and its attribute rows in one transaction; false when the entry is already stored. */
    private boolean insertWithAttributes(Connection c, PreparedStatement entry, CostEntry e) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(insertAttribute)) {
            entry.executeUpdate();
            for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                ps.setString(1, e.id());
                ps.setString(2, a.getKey());
                ps.setString(3, a.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            return true;
        } catch (SQLException ex) {
            c.rollback();
            if (isDuplicateKey(ex)) {
                return false;
            }
            throw ex;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        if (Sql.isDuplicateKey(e)) return true;
        // a batch failure wraps the violation
        return e.getCause() instanceof SQLException cause && Sql.isDuplicateKey(cause);
    }

    @Override
    public LoadResult load(Visitor visitor) {
        return load(null, visitor);
    }

    /** Replays the entries that started at or after {@code since} (null: all) and their settlements, filtered in SQL. */
    @Override
    public LoadResult load(Instant since, Visitor visitor) {
        long entries = 0;
        long settlements = 0;
        long skipped = 0;
        Set<String> seen = new HashSet<>();
        String entryFilter = since == null ? "" : " WHERE started_at >= ?";
        String settlementFilter = since == null ? "" : " WHERE entry_id IN (SELECT entry_id FROM " + entryTable
                + entryFilter + ")";
        try (Connection c = dataSource.getConnection();
             PreparedStatement entryQuery = c.prepareStatement("SELECT entry_id, call_id, generation_id, started_at, duration_nanos,"
                    + " requested_model, model, provider, input_tokens, output_tokens, cached_tokens,"
                    + " cache_write_tokens, reasoning_tokens, cost, reported_cost, upstream_cost, cost_source,"
                    + " price_version, outcome, error, streaming, byok, attributes, call_kind, images, search_units,"
                    + " char_count, audio_seconds FROM " + entryTable
                    + entryFilter + " ORDER BY recorded_at, entry_id");
             PreparedStatement settlementQuery = c.prepareStatement("SELECT entry_id, cost, reported_cost,"
                     + " upstream_cost, cost_source, settled_at, note, model, provider, input_tokens, output_tokens,"
                     + " cached_tokens, reasoning_tokens, byok FROM " + settlementTable + settlementFilter
                     + " ORDER BY settled_at, entry_id")) {
            if (since != null) {
                entryQuery.setObject(1, utc(since));
                settlementQuery.setObject(1, utc(since));
            }
            try (ResultSet rs = entryQuery.executeQuery()) {
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
                                .kind(OpenRouterCallKind.fromLabel(rs.getString(24)))
                                .units(new BilledUnits(rs.getInt(25), rs.getInt(26), rs.getInt(27),
                                        Decimals.normalize(rs.getBigDecimal(28))))
                                .build();
                        seen.add(e.id());
                        entries++;
                        visitor.entry(e);
                    } catch (IOException | RuntimeException ex) {
                        skipped++;
                    }
                }
            }
            try (ResultSet rs = settlementQuery.executeQuery()) {
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

    /** Everything recorded by every instance that started in {@code [from, to)} (either may be null: open). */
    public CostSummary total(Instant from, Instant to) {
        Map<String, CostSummary> one = summaries("'*'", "", null, from, to);
        return one.isEmpty() ? CostSummary.empty("*") : one.values().iterator().next();
    }

    /** Summaries by the model that answered, sorted by model id; SQL aggregates over all instances. */
    public Map<String, CostSummary> byModel(Instant from, Instant to) {
        return summaries("e.model", "", null, from, to);
    }

    /** Summaries by upstream provider, sorted by name; SQL aggregates over all instances. */
    public Map<String, CostSummary> byProvider(Instant from, Instant to) {
        return summaries("e.provider", "", null, from, to);
    }

    /**
     * Summaries by the kind of call, in {@link OpenRouterCallKind} order (kinds without calls left out); SQL aggregates
     * over all instances. Each summary's key is the kind's label.
     */
    public Map<OpenRouterCallKind, CostSummary> byKind(Instant from, Instant to) {
        Map<OpenRouterCallKind, CostSummary> out = new EnumMap<>(OpenRouterCallKind.class);
        summaries("e.call_kind", "", null, from, to).forEach((label, s) -> out.put(OpenRouterCallKind.fromLabel(label), s));
        return Collections.unmodifiableMap(out);
    }

    /** Summaries by UTC day the calls started ({@code 2026-05-22}), in order; SQL aggregates over all instances. */
    public Map<String, CostSummary> byDay(Instant from, Instant to) {
        return summaries("CAST(e.started_at AT TIME ZONE 'UTC' AS DATE)", "", null, from, to);
    }

    /** Summaries by the values of one attribute (e.g. {@code tenant}); calls without it are not included. */
    public Map<String, CostSummary> byAttribute(String key, Instant from, Instant to) {
        return summaries("a.attr_value", " JOIN " + attributeTable + " a ON a.entry_id = e.entry_id AND a.attr_key = ?",
                Objects.requireNonNull(key, "key"), from, to);
    }

    /** The attribute keys recorded by any instance, sorted. */
    public List<String> attributeKeys() {
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT attr_key FROM " + attributeTable + " ORDER BY attr_key")) {
            while (rs.next()) keys.add(rs.getString(1));
            return keys;
        } catch (SQLException e) {
            throw new LedgerStoreException("cannot read the attribute keys", e);
        }
    }

    /**
     * One summary per value of {@code group}: counts by outcome and cost source, token sums and the exact cost sum,
     * settlements applied (a settled entry stays in the model and provider group it was first counted in).
     */
    private Map<String, CostSummary> summaries(String group, String join, String joinParameter, Instant from,
                                               Instant to) {
        String settled = "COALESCE(s.cost_source, e.cost_source)";
        String sql = "SELECT " + group + ", COUNT(*),"
                + " SUM(CASE WHEN e.outcome = 'OK' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN e.outcome = 'ERROR' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN e.outcome = 'CANCELLED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN e.outcome = 'REFUSED' THEN 1 ELSE 0 END),"
                + " SUM(COALESCE(s.input_tokens, e.input_tokens)), SUM(COALESCE(s.output_tokens, e.output_tokens)),"
                + " SUM(COALESCE(s.cached_tokens, e.cached_tokens)), SUM(e.cache_write_tokens),"
                + " SUM(COALESCE(s.reasoning_tokens, e.reasoning_tokens)), SUM(COALESCE(s.cost, e.cost)),"
                + " SUM(CASE WHEN " + settled + " = 'REPORTED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN " + settled + " = 'ESTIMATED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN " + settled + " = 'UNKNOWN' THEN 1 ELSE 0 END)"
                + " FROM " + entryTable + " e LEFT JOIN " + settlementTable + " s ON s.entry_id = e.entry_id" + join
                + " WHERE 1 = 1" + (from == null ? "" : " AND e.started_at >= ?") + (to == null ? "" : " AND e.started_at < ?")
                + (group.startsWith("'") ? "" : " GROUP BY " + group);
        Map<String, CostSummary> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 0;
            if (joinParameter != null) ps.setString(++i, joinParameter);
            if (from != null) ps.setObject(++i, utc(from));
            if (to != null) ps.setObject(++i, utc(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object k = rs.getObject(1);
                    String key = k == null || k.toString().isBlank() ? UNKNOWN_KEY : k.toString();
                    BigDecimal cost = rs.getBigDecimal(12);
                    CostSummary summary = new CostSummary(key, rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                            rs.getLong(11), cost == null ? BigDecimal.ZERO : Decimals.normalize(cost), rs.getLong(13),
                            rs.getLong(14), rs.getLong(15));
                    out.merge(key, summary, (x, y) -> x.plus(key, y));
                }
            }
        } catch (SQLException e) {
            throw new LedgerStoreException("cannot read the ledger summaries", e);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static void money(PreparedStatement ps, int index, BigDecimal v) throws SQLException {
        Sql.money(ps, index, v);
    }

    private static OffsetDateTime utc(Instant instant) {
        return Sql.utc(instant);
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
