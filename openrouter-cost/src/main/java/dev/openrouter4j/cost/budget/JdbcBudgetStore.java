package dev.openrouter4j.cost.budget;

import dev.openrouter4j.cost.internal.Decimals;
import dev.openrouter4j.cost.internal.Sql;
import dev.openrouter4j.cost.store.JdbcLedgerStore;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BudgetStore} in a SQL database (PostgreSQL; H2 for tests), shared by every instance of an application that
 * points at the same database: one budget holds across instances and restarts. Usually the JDBC ledger's database:
 * {@code JdbcBudgetStore.on(jdbcLedgerStore)}.
 * <p>
 * Two tables, created when missing (DDL in {@link #ddl()}; prefix {@code openrouter_cost} by default):
 * {@code <prefix>_budget} holds one row per budget, key and UTC window with the exact {@code NUMERIC} spend, and
 * {@code <prefix>_budget_reservation} one row per call in flight and account, with its worst case and the end of its
 * lease. No floating point anywhere.
 * <p>
 * Atomicity: a reservation is one transaction that locks the call's account rows ({@code SELECT ... FOR UPDATE}, in
 * a fixed order so two calls never deadlock), reads spend plus unexpired reservations, and inserts the reservation
 * rows only if every account admits the call; a settlement is one transaction that deletes the reservation and adds
 * the cost to the same rows. Two instances can therefore never both take the last of a budget on a stale read.
 * Reservations count only while their lease runs ({@link BudgetGuard.Builder#leaseDuration}); the guard renews the
 * leases of its calls in flight, so a process that dies stops holding budget once its leases end. Lease ends are
 * instants of the instances' clocks: keep them in sync (NTP) well within the lease.
 */
public final class JdbcBudgetStore implements BudgetStore {

    private static final int RENEW_CHUNK = 100;
    private static final int KNOWN_ACCOUNTS_LIMIT = 10_000;

    private final DataSource dataSource;
    private final String budgetTable;
    private final String reservationTable;
    private final Set<Account> knownAccounts = ConcurrentHashMap.newKeySet();

    private JdbcBudgetStore(Builder b) {
        this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
        String prefix = Sql.prefix(b.tablePrefix);
        this.budgetTable = prefix + "_budget";
        this.reservationTable = prefix + "_budget_reservation";
        if (b.createTables) {
            try (Connection c = dataSource.getConnection()) {
                Sql.ddl(c, ddl());
            } catch (SQLException e) {
                throw new BudgetStoreException("cannot create the budget tables " + budgetTable + ", "
                        + reservationTable, e);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A store on the data source with the default table prefix, creating the tables when missing. */
    public static JdbcBudgetStore create(DataSource dataSource) {
        return builder().dataSource(dataSource).build();
    }

    /** A store in the same database and with the same table prefix as a JDBC ledger. */
    public static JdbcBudgetStore on(JdbcLedgerStore ledger) {
        return builder().dataSource(ledger.dataSource()).tablePrefix(ledger.tablePrefix()).build();
    }

    /** The statements that create the tables (each {@code IF NOT EXISTS}), for migrations owned by the application. */
    public List<String> ddl() {
        String account = "budget_name VARCHAR(200) NOT NULL, budget_key VARCHAR(600) NOT NULL,"
                + " window_start TIMESTAMP WITH TIME ZONE NOT NULL, ";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + budgetTable + " (" + account + "spent " + Sql.MONEY + " NOT NULL,"
                        + " PRIMARY KEY (budget_name, budget_key, window_start))",
                "CREATE TABLE IF NOT EXISTS " + reservationTable + " (reservation_id VARCHAR(100) NOT NULL, "
                        + account + "amount " + Sql.MONEY + " NOT NULL, expires_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                        + " PRIMARY KEY (reservation_id, budget_name))",
                "CREATE INDEX IF NOT EXISTS " + reservationTable + "_account ON " + reservationTable
                        + " (budget_name, budget_key, window_start, expires_at)");
    }

    @Override
    public boolean usesLeases() {
        return true;
    }

    @Override
    public Refusal reserve(String reservationId, List<Claim> claims, BigDecimal amount, Admission admission,
                           Instant now, Duration lease) {
        long started = System.nanoTime();
        List<Account> accounts = new ArrayList<>(claims.size());
        claims.forEach(c -> accounts.add(c.account()));
        try (Connection c = dataSource.getConnection()) {
            ensureAccounts(c, accounts);
            return inTransaction(c, () -> reserve(c, reservationId, claims, amount, admission, now,
                    () -> now.plus(lease).plusNanos(System.nanoTime() - started)));
        } catch (SQLException e) {
            throw new BudgetStoreException("cannot reserve in " + budgetTable + ": " + e.getMessage(), e);
        }
    }

    private Refusal reserve(Connection c, String reservationId, List<Claim> claims, BigDecimal amount,
                            Admission admission, Instant now, java.util.function.Supplier<Instant> leaseEnd)
            throws SQLException {
        Totals[] totals = new Totals[claims.size()];
        for (int i : lockOrder(claims)) {
            totals[i] = lockedTotals(c, claims.get(i).account(), now);
        }
        for (int i = 0; i < claims.size(); i++) {
            if (!Admit.admits(admission, totals[i].spent(), totals[i].reserved(), amount, claims.get(i).limit())) {
                return new Refusal(i, totals[i]);
            }
        }
        Instant leaseUntil = leaseEnd.get(); // from now, after waiting for the locks
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + reservationTable + " (reservation_id,"
                + " budget_name, budget_key, window_start, amount, expires_at) VALUES (?,?,?,?,?,?)")) {
            for (Claim claim : claims) {
                ps.setString(1, reservationId);
                setAccount(ps, 2, claim.account());
                Sql.money(ps, 5, amount);
                ps.setObject(6, Sql.utc(leaseUntil));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return null;
    }

    /**
     * Locks the account's row for the rest of the transaction, then reads its spend and unexpired reservations.
     * Two statements on purpose: under READ COMMITTED a statement reads from the snapshot taken when it started, so
     * a reservation sum computed in the locking statement itself would miss the reservations of the transaction it
     * waited for (PostgreSQL re-reads only the locked row) and let two instances take the last of a budget.
     */
    private Totals lockedTotals(Connection c, Account a, Instant now) throws SQLException {
        BigDecimal spent;
        try (PreparedStatement ps = c.prepareStatement("SELECT spent FROM " + budgetTable
                + " WHERE budget_name = ? AND budget_key = ? AND window_start = ? FOR UPDATE")) {
            setAccount(ps, 1, a);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    knownAccounts.clear(); // rows were deleted behind this store's back: create them again
                    throw new SQLException("the budget row of " + a + " is missing", "02000");
                }
                spent = rs.getBigDecimal(1);
            }
        }
        return new Totals(Decimals.normalize(spent), reserved(c, a, now));
    }

    private BigDecimal reserved(Connection c, Account a, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT SUM(amount) FROM " + reservationTable
                + " WHERE budget_name = ? AND budget_key = ? AND window_start = ? AND expires_at > ?")) {
            setAccount(ps, 1, a);
            ps.setObject(4, Sql.utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal v = rs.getBigDecimal(1);
                return v == null ? BigDecimal.ZERO : Decimals.normalize(v);
            }
        }
    }

    /** Indexes of the claims in a fixed order of their accounts, so concurrent transactions lock rows alike. */
    private static List<Integer> lockOrder(List<Claim> claims) {
        List<Integer> order = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) order.add(i);
        order.sort(Comparator.comparing((Integer i) -> claims.get(i).account().budget())
                .thenComparing(i -> claims.get(i).account().key())
                .thenComparing(i -> claims.get(i).account().windowStart()));
        return order;
    }

    /** Creates missing account rows with zero spend, each in its own statement; a row another instance created wins. */
    private void ensureAccounts(Connection c, List<Account> accounts) throws SQLException {
        for (Account a : accounts) {
            if (!knownAccounts.contains(a)) {
                insertAccount(c, a, BigDecimal.ZERO);
                if (knownAccounts.size() > KNOWN_ACCOUNTS_LIMIT) knownAccounts.clear();
                knownAccounts.add(a);
            }
        }
    }

    /** Inserts an account row unless it exists; true when inserted. Runs in autocommit mode. */
    private boolean insertAccount(Connection c, Account a, BigDecimal spent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + budgetTable
                + " (budget_name, budget_key, window_start, spent) VALUES (?,?,?,?)")) {
            setAccount(ps, 1, a);
            Sql.money(ps, 4, spent);
            ps.executeUpdate();
            if (!c.getAutoCommit()) c.commit();
            return true;
        } catch (SQLException e) {
            if (!c.getAutoCommit()) c.rollback();
            if (Sql.isDuplicateKey(e)) return false;
            throw e;
        }
    }

    @Override
    public void settle(String reservationId, List<Account> accounts, BigDecimal reserved, BigDecimal spent) {
        List<Account> sorted = new ArrayList<>(accounts);
        sorted.sort(Comparator.comparing(Account::budget).thenComparing(Account::key)
                .thenComparing(Account::windowStart));
        try (Connection c = dataSource.getConnection()) {
            ensureAccounts(c, sorted);
            inTransaction(c, () -> {
                deleteReservation(c, reservationId);
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + budgetTable + " SET spent = spent + ?"
                        + " WHERE budget_name = ? AND budget_key = ? AND window_start = ?")) {
                    for (Account a : sorted) {
                        Sql.money(ps, 1, spent);
                        setAccount(ps, 2, a);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new BudgetStoreException("cannot settle reservation " + reservationId + " in " + budgetTable
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void release(String reservationId, List<Account> accounts, BigDecimal reserved) {
        if (reserved == null) return;
        try (Connection c = dataSource.getConnection()) {
            deleteReservation(c, reservationId);
            if (!c.getAutoCommit()) c.commit();
        } catch (SQLException e) {
            throw new BudgetStoreException("cannot release reservation " + reservationId + ": " + e.getMessage(), e);
        }
    }

    private void deleteReservation(Connection c, String reservationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + reservationTable
                + " WHERE reservation_id = ?")) {
            ps.setString(1, reservationId);
            ps.executeUpdate();
        }
    }

    /** Extends the leases of the given reservations, and drops reservation rows whose lease has ended. */
    @Override
    public void renew(Collection<String> reservationIds, Instant leaseUntil) {
        List<String> ids = new ArrayList<>(reservationIds);
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < ids.size(); from += RENEW_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + RENEW_CHUNK));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + reservationTable + " SET expires_at = ?"
                        + " WHERE reservation_id IN (" + marks + ")")) {
                    ps.setObject(1, Sql.utc(leaseUntil));
                    for (int i = 0; i < chunk.size(); i++) ps.setString(i + 2, chunk.get(i));
                    ps.executeUpdate();
                }
                if (!c.getAutoCommit()) c.commit();
            }
        } catch (SQLException e) {
            throw new BudgetStoreException("cannot renew " + ids.size() + " reservation leases: " + e.getMessage(), e);
        }
    }

    /** Deletes reservation rows whose lease ended before {@code before} (they no longer count anyway). */
    public int purgeExpired(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + reservationTable + " WHERE expires_at < ?")) {
            ps.setObject(1, Sql.utc(before));
            int n = ps.executeUpdate();
            if (!c.getAutoCommit()) c.commit();
            return n;
        } catch (SQLException e) {
            throw new BudgetStoreException("cannot purge expired reservations: " + e.getMessage(), e);
        }
    }

    @Override
    public Totals totals(Account account, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT spent FROM " + budgetTable
                     + " WHERE budget_name = ? AND budget_key = ? AND window_start = ?")) {
            setAccount(ps, 1, account);
            BigDecimal spent;
            try (ResultSet rs = ps.executeQuery()) {
                spent = rs.next() ? Decimals.normalize(rs.getBigDecimal(1)) : BigDecimal.ZERO;
            }
            return new Totals(spent, reserved(c, account, now));
        } catch (SQLException e) {
            throw new BudgetStoreException("cannot read " + budgetTable + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<Account, Totals> accounts(Map<String, Instant> windowStartByBudget, Instant now) {
        Map<Account, Totals> out = new LinkedHashMap<>();
        String sql = "SELECT b.budget_key, b.spent, (SELECT SUM(r.amount) FROM " + reservationTable + " r"
                + " WHERE r.budget_name = b.budget_name AND r.budget_key = b.budget_key"
                + " AND r.window_start = b.window_start AND r.expires_at > ?) FROM " + budgetTable + " b"
                + " WHERE b.budget_name = ? AND b.window_start = ? ORDER BY b.budget_key";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, Instant> w : windowStartByBudget.entrySet()) {
                ps.setObject(1, Sql.utc(now));
                ps.setString(2, w.getKey());
                ps.setObject(3, Sql.utc(w.getValue()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BigDecimal reserved = rs.getBigDecimal(3);
                        out.put(new Account(w.getKey(), rs.getString(1), w.getValue()),
                                new Totals(Decimals.normalize(rs.getBigDecimal(2)),
                                        reserved == null ? BigDecimal.ZERO : Decimals.normalize(reserved)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new BudgetStoreException("cannot read " + budgetTable + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void seed(Map<Account, BigDecimal> spent) {
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<Account, BigDecimal> e : spent.entrySet()) {
                insertAccount(c, e.getKey(), e.getValue());
                knownAccounts.add(e.getKey());
            }
        } catch (SQLException e) {
            throw new BudgetStoreException("cannot seed " + budgetTable + ": " + e.getMessage(), e);
        }
    }

    private static void setAccount(PreparedStatement ps, int first, Account a) throws SQLException {
        ps.setString(first, a.budget());
        ps.setString(first + 1, a.key());
        ps.setObject(first + 2, Sql.utc(a.windowStart()));
    }

    /** A unit of work in one transaction, run again once after a deadlock or serialization failure. */
    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    T result = work.run();
                    if (result == null) c.commit();
                    else c.rollback(); // a refusal reserved nothing
                    return result;
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt >= 3 || !Sql.isTransient(e)) throw e;
                }
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    @Override
    public String toString() {
        return "JdbcBudgetStore{" + budgetTable + ", " + reservationTable + '}';
    }

    /** Configures a {@link JdbcBudgetStore}. */
    public static final class Builder {
        private DataSource dataSource;
        private String tablePrefix = "openrouter_cost";
        private boolean createTables = true;

        private Builder() {
        }

        /** The database (use a connection pool); required. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** The prefix of the table names (a plain identifier); default {@code openrouter_cost}. */
        public Builder tablePrefix(String prefix) {
            this.tablePrefix = Objects.requireNonNull(prefix);
            return this;
        }

        /** Whether to create missing tables (default true); turn off when migrations own the schema. */
        public Builder createTables(boolean create) {
            this.createTables = create;
            return this;
        }

        public JdbcBudgetStore build() {
            return new JdbcBudgetStore(this);
        }
    }
}
