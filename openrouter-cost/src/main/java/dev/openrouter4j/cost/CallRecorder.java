package dev.openrouter4j.cost;

import dev.openrouter4j.cost.internal.CallState;
import dev.openrouter4j.cost.internal.KindCosting;
import dev.openrouter4j.langchain4j.logging.Log;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the listeners of the non-chat kinds share: the call's state kept in the listener attributes from start to end,
 * the costing, and an append to the ledger that never throws into the model's call.
 */
final class CallRecorder {

    private static final Log LOG = Log.of(CallRecorder.class);
    private static final Object STATE_KEY = new Object() {
        @Override
        public String toString() {
            return "openrouter4j.cost.kindCallState";
        }
    };

    final CostLedger ledger;
    final KindCosting costing;
    private final Clock clock;

    CallRecorder(CostLedger ledger, PriceTable prices, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.costing = new KindCosting(prices == null ? PriceTable.defaults() : prices);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Captures the call's start (time, id, {@link CostContext}) on the caller's thread. */
    void start(Map<Object, Object> attributes) {
        attributes.put(STATE_KEY, CallState.capture(clock, attributes));
    }

    /** The state captured at the start, or one from now when the start was not seen. */
    CallState state(Map<Object, Object> attributes) {
        return attributes.get(STATE_KEY) instanceof CallState s ? s : CallState.capture(clock, attributes);
    }

    void record(CostEntry entry) {
        try {
            ledger.record(entry);
        } catch (RuntimeException e) {
            LOG.error("Could not store the cost entry {} ({}); it is counted in memory only", entry.id(), e.toString());
        }
    }
}
