package dev.openrouter4j.cost.budget;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** What one admitted call reserved; settled or released exactly once, whichever path reports the end first. */
final class Reservation {

    private final BudgetGuard guard;
    private final List<BudgetGuard.Account> accounts;
    private final BigDecimal amount;
    private final AtomicBoolean done = new AtomicBoolean();

    Reservation(BudgetGuard guard, List<BudgetGuard.Account> accounts, BigDecimal amount) {
        this.guard = guard;
        this.accounts = accounts;
        this.amount = amount;
    }

    List<BudgetGuard.Account> accounts() {
        return accounts;
    }

    BigDecimal amount() {
        return amount;
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
