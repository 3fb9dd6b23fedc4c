package dev.openrouter4j.cost.budget;

import dev.openrouter4j.langchain4j.logging.Log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the reservations of a guard's calls in flight alive in a store with leases: every third of the lease it
 * extends the leases of all of them in one statement per hundred, so a stream that runs for minutes keeps its
 * reservation, while the reservations of a process that died end with their lease. One daemon thread per guard,
 * ended by {@link BudgetGuard#close()}.
 */
final class LeaseRenewer implements AutoCloseable {

    private static final Log LOG = Log.of(LeaseRenewer.class);
    private static final int PURGE_EVERY_TICKS = 30;

    private final BudgetStore store;
    private final Duration lease;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private int ticks;

    LeaseRenewer(BudgetStore store, Duration lease, Clock clock) {
        this.store = store;
        this.lease = lease;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "openrouter4j-budget-leases");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    void add(Reservation r) {
        inFlight.add(r.id());
    }

    void remove(Reservation r) {
        inFlight.remove(r.id());
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            if (!inFlight.isEmpty()) {
                store.renew(Set.copyOf(inFlight), now.plus(lease));
            }
            if (++ticks % PURGE_EVERY_TICKS == 0 && store instanceof JdbcBudgetStore jdbc) {
                jdbc.purgeExpired(now.minus(lease));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the budget reservations of {} calls in flight: {}", inFlight.size(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
