package dev.openrouter4j.cost.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** What the JDBC ledger and budget stores share: identifiers, exact money columns, UTC timestamps, error states. */
public final class Sql {

    /** Money columns: exact, with room for OpenRouter's longest decimals. */
    public static final int MONEY_SCALE = 24;
    public static final String MONEY = "NUMERIC(38," + MONEY_SCALE + ")";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}");

    private Sql() {
    }

    /** The prefix, checked to be a plain SQL identifier (it is concatenated into statements). */
    public static String prefix(String prefix) {
        if (prefix == null || !IDENTIFIER.matcher(prefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must be a plain SQL identifier: " + prefix);
        }
        return prefix;
    }

    /** Sets an exact amount (null as SQL NULL); an amount with more decimals than the columns hold is refused. */
    public static void money(PreparedStatement ps, int index, BigDecimal v) throws SQLException {
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

    /** An instant as a UTC timestamp, truncated (not rounded by the database) to PostgreSQL's microseconds. */
    public static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** True for a unique or primary key violation (SQLState class 23). */
    public static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && state.startsWith("23")) return true;
            if (x instanceof java.sql.SQLIntegrityConstraintViolationException) return true;
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True for a serialization failure or deadlock, which a transaction may simply run again. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * Runs DDL statements in order, each one tried up to three times: when another instance creates the same object
     * at the same moment, {@code CREATE ... IF NOT EXISTS} can still fail, and a second attempt settles it.
     */
    public static void ddl(Connection c, List<String> statements) throws SQLException {
        for (String sql : statements) {
            for (int attempt = 1; ; attempt++) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                    if (!c.getAutoCommit()) c.commit();
                    break;
                } catch (SQLException e) {
                    // databases report the race differently (PostgreSQL: a unique violation in its catalog; H2: a
                    // general error "object already exists"); IF NOT EXISTS succeeds when run again
                    if (!c.getAutoCommit()) c.rollback();
                    if (attempt >= 3) throw e;
                    pause(attempt);
                }
            }
        }
    }
}
