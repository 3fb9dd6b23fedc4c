package dev.openrouter4j.cost.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link BudgetGuard} keeps what each budget has spent and what calls in flight have reserved. It exists so
 * the same guard logic can count in one process ({@link #inMemory()}, the default) or in a database shared by every
 * instance of an application ({@link JdbcBudgetStore}), where a budget then holds across instances and restarts.
 * <p>
 * Concurrency rule (the one place it is written down): {@link #reserve} is atomic over all the accounts of a call:
 * it checks every account and reserves on all of them, or on none, with no other reserve or settle of those accounts
 * in between. {@link #settle} and {@link #release} are atomic too. Implementations are thread-safe. Amounts are exact
 * {@link BigDecimal}s; a store never rounds.
 * <p>
 * A store with leases ({@link #usesLeases()}) counts a reservation only until its lease ends; the guard renews the
 * leases of its calls in flight, so the reservations of a process that died expire by themselves.
 */
public interface BudgetStore extends AutoCloseable {

    /**
     * One counter: a budget, the key it counts a call under ({@code *}, a model id or {@code attribute=value}) and
     * the start of its window (UTC).
     */
    record Account(String budget, String key, Instant windowStart) {
    }

    /** An account a call must fit in, with the budget's limit. */
    record Claim(Account account, BigDecimal limit) {
    }

    /** What an account holds: spend settled and reservations of calls in flight (unexpired leases only). */
    record Totals(BigDecimal spent, BigDecimal reserved) {
        public static final Totals ZERO = new Totals(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Why a reservation was refused: the index of the claim that did not fit, and that account's totals. */
    record Refusal(int claim, Totals totals) {
    }

    /**
     * Checks every claim under the admission rule and, when all admit, reserves {@code amount} on each of them.
     *
     * @param reservationId unique per call
     * @param now           the guard's clock when the call starts (windows and lease ends are on this clock)
     * @param lease         how long the reservation counts unless renewed, from the moment it is written (a
     *                      reservation that waited for a lock still gets its whole lease); ignored without leases
     * @return null when reserved, else the first claim that refused (nothing is reserved then)
     * @throws BudgetStoreException when the store cannot be reached
     */
    Refusal reserve(String reservationId, List<Claim> claims, BigDecimal amount, Admission admission, Instant now,
                    Duration lease);

    /**
     * Ends a reservation and adds {@code spent} to each account (also when the lease had already expired: the call
     * ran and its cost counts).
     *
     * @param reserved what {@link #reserve} reserved, or null when the call was admitted without a reservation
     */
    void settle(String reservationId, List<Account> accounts, BigDecimal reserved, BigDecimal spent);

    /** Ends a reservation of a call that was never sent; nothing is spent. */
    void release(String reservationId, List<Account> accounts, BigDecimal reserved);

    /** Whether reservations expire unless renewed (a shared store, where a process can die holding them). */
    default boolean usesLeases() {
        return false;
    }

    /** Extends the leases of these reservations (those still held) to {@code leaseUntil}. */
    default void renew(Collection<String> reservationIds, Instant leaseUntil) {
    }

    /** The totals of one account now (zero when it has none). */
    Totals totals(Account account, Instant now);

    /** Every account of these budgets (by name) in the window that starts at the given instant, with its totals. */
    Map<Account, Totals> accounts(Map<String, Instant> windowStartByBudget, Instant now);

    /**
     * Sets the spend of accounts the store has no record of yet (a guard starting over a ledger that already holds
     * spend in the current window); accounts it already has are left alone, so every instance may call it.
     */
    void seed(Map<Account, BigDecimal> spent);

    /** Releases what the store holds (connections are the data source's); default nothing. */
    @Override
    default void close() {
    }

    /** A store in this process's memory: budgets hold for this process only, and start from zero (or a seed). */
    static BudgetStore inMemory() {
        return new InMemoryBudgetStore();
    }
}
