package dev.openrouter4j.cost.budget;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** What one admitted call reserved; settled or released exactly once, whichever path reports the end first. */
final class Reservation {

    private final BudgetGuard guard;
    private final String id;
    private final List<BudgetStore.Account> accounts;
    private final BigDecimal reserved;
    private final BigDecimal worstCase;
    private final AtomicBoolean done = new AtomicBoolean();

    /**
     * @param reserved  what the store reserved, or null when the call was admitted without a reservation (the store
     *                  was unreachable and the policy admits)
     * @param worstCase the call's worst case, spent when its real cost stays unknown
     */
    Reservation(BudgetGuard guard, String id, List<BudgetStore.Account> accounts, BigDecimal reserved,
                BigDecimal worstCase) {
        this.guard = guard;
        this.id = id;
        this.accounts = accounts;
        this.reserved = reserved;
        this.worstCase = worstCase;
    }

    String id() {
        return id;
    }

    List<BudgetStore.Account> accounts() {
        return accounts;
    }

    BigDecimal reserved() {
        return reserved;
    }

    BigDecimal worstCase() {
        return worstCase;
    }

    /** Settles to the real cost (null: unknown, the worst case stays spent). */
    void settle(BigDecimal actual) {
        if (done.compareAndSet(false, true)) {
            guard.settle(this, actual);
        }
    }

    /** Releases the reservation of a call that was never sent. */
    void release() {
        if (done.compareAndSet(false, true)) {
            guard.release(this);
        }
    }
}
