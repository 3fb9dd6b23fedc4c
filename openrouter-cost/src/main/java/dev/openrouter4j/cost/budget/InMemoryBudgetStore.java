package dev.openrouter4j.cost.budget;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link BudgetStore}: counters in this process's memory, serialised by one lock (a few microseconds per
 * call). Reservations have no lease: the process that holds them is the one that counts them.
 */
final class InMemoryBudgetStore implements BudgetStore {

    private static final int EVICT_ABOVE = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Account, Counter> counters = new HashMap<>();

    /** Spend and reservations of one account; guarded by {@link #lock}. */
    private static final class Counter {
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        int inFlight;

        Totals totals() {
            return new Totals(spent, reserved);
        }
    }

    @Override
    public Refusal reserve(String reservationId, List<Claim> claims, BigDecimal amount, Admission admission,
                           Instant now, Duration lease) {
        lock.lock();
        try {
            Counter[] found = new Counter[claims.size()];
            for (int i = 0; i < claims.size(); i++) {
                Claim claim = claims.get(i);
                Counter c = counters.computeIfAbsent(claim.account(), k -> new Counter());
                if (!Admit.admits(admission, c.spent, c.reserved, amount, claim.limit())) {
                    return new Refusal(i, c.totals());
                }
                found[i] = c;
            }
            for (Counter c : found) {
                c.reserved = c.reserved.add(amount);
                c.inFlight++;
            }
            if (counters.size() > EVICT_ABOVE) {
                evictOldWindows(claims);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Drops idle accounts of windows older than the ones this call counts in. */
    private void evictOldWindows(List<Claim> current) {
        Map<String, Instant> windowByBudget = new HashMap<>();
        current.forEach(c -> windowByBudget.put(c.account().budget(), c.account().windowStart()));
        counters.entrySet().removeIf(e -> {
            Instant w = windowByBudget.get(e.getKey().budget());
            return e.getValue().inFlight == 0 && w != null && e.getKey().windowStart().isBefore(w);
        });
    }

    @Override
    public void settle(String reservationId, List<Account> accounts, BigDecimal reserved, BigDecimal spent) {
        lock.lock();
        try {
            for (Account a : accounts) {
                Counter c = counters.computeIfAbsent(a, k -> new Counter());
                if (reserved != null) {
                    c.reserved = c.reserved.subtract(reserved);
                    c.inFlight--;
                }
                c.spent = c.spent.add(spent);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(String reservationId, List<Account> accounts, BigDecimal reserved) {
        if (reserved == null) {
            return;
        }
        lock.lock();
        try {
            for (Account a : accounts) {
                Counter c = counters.get(a);
                if (c != null) {
                    c.reserved = c.reserved.subtract(reserved);
                    c.inFlight--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Totals totals(Account account, Instant now) {
        lock.lock();
        try {
            Counter c = counters.get(account);
            return c == null ? Totals.ZERO : c.totals();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Map<Account, Totals> accounts(Map<String, Instant> windowStartByBudget, Instant now) {
        Map<Account, Totals> out = new LinkedHashMap<>();
        lock.lock();
        try {
            counters.forEach((a, c) -> {
                if (a.windowStart().equals(windowStartByBudget.get(a.budget()))) {
                    out.put(a, c.totals());
                }
            });
        } finally {
            lock.unlock();
        }
        return out;
    }

    @Override
    public void seed(Map<Account, BigDecimal> spent) {
        lock.lock();
        try {
            spent.forEach((a, v) -> counters.computeIfAbsent(a, k -> {
                Counter c = new Counter();
                c.spent = v;
                return c;
            }));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryBudgetStore";
    }
}
