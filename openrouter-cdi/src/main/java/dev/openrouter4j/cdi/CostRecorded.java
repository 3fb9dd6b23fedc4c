package dev.openrouter4j.cdi;

import dev.openrouter4j.cost.CostEntry;

import java.util.Objects;

/**
 * The CDI event fired for every entry the application's {@link dev.openrouter4j.cost.CostLedger} bean records (one per
 * call of a produced model, refused calls included) and for every settlement of an entry whose cost was unknown.
 * <pre>{@code
 * void onCost(@Observes CostRecorded e) { metrics.add(e.entry().model(), e.entry().cost()); }
 * void onCostAsync(@ObservesAsync CostRecorded e) { ... }   // off the calling thread
 * }</pre>
 * Synchronous observers run on the thread that ends the call: the caller's for a blocking call, an HTTP-client or
 * callback thread for a stream. The request scope is not active there, so keep such observers in
 * {@code @ApplicationScoped} or {@code @Dependent} beans, quick, and free of exceptions (an exception is logged and
 * ignored; the entry stays recorded). Asynchronous observers are notified only when there is one.
 *
 * @param entry    what was recorded, or the entry as it is after a settlement
 * @param previous for a settlement, the entry as it was first recorded (cost unknown); null for a new entry
 */
public record CostRecorded(CostEntry entry, CostEntry previous) {

    public CostRecorded {
        Objects.requireNonNull(entry, "entry");
    }

    /** True when this event settles the cost of an entry recorded earlier, false for a new entry. */
    public boolean isSettlement() {
        return previous != null;
    }
}
