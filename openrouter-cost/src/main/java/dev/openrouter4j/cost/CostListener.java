package dev.openrouter4j.cost;

import dev.openrouter4j.langchain4j.OpenRouterListenerAttributes;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.openrouter4j.cost.internal.CallCosting;
import dev.openrouter4j.cost.internal.CallState;
import dev.openrouter4j.langchain4j.logging.Log;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Records every call of the models it is registered on into a {@link CostLedger}: successful calls, streams,
 * failures (HTTP errors with zero tokens and the error), streams that failed mid-way (with the usage and cost their
 * partial response carries) and streams the caller cancelled (cost unknown until reconciled).
 * <pre>{@code
 * CostLedger ledger = new CostLedger();
 * ChatModel model = OpenRouterChatModel.builder()...listeners(List.of(new CostListener(ledger, PriceTable.defaults()))).build();
 * }</pre>
 * The cost is OpenRouter's reported {@code usage.cost} when present, plus {@code cost_details.upstream_inference_cost}
 * for BYOK calls (both parts are kept on the entry). Otherwise it is estimated from the {@link PriceTable} price of
 * the model that actually answered, pricing cache reads, cache writes and reasoning tokens once each; a model without
 * a price gets a null cost and {@link CostSource#UNKNOWN}, never zero.
 * <p>
 * Attribution: in {@code onRequest}, on the caller's thread, it captures the {@link CostContext} in effect and the
 * String-valued listener attributes ({@code ChatRequestOptions.listenerAttributes}), and carries them to the call's
 * end, even when a stream ends on another thread. Only String values are kept.
 * <p>
 * The listener does little work on the call's path (a start time, an id and a map captured in {@code onRequest};
 * a lookup, some BigDecimal arithmetic and a ledger append at the end). A call counts as streamed when it ends on
 * another thread than the one that started it (streams end on a callback thread, synchronous calls on the caller's),
 * unless the listener attribute {@link #STREAMING_ATTRIBUTE} says {@code "true"} or {@code "false"}.
 */
public final class CostListener implements ChatModelListener {

    /** The listener attribute a model can set to {@code "true"} to mark a streaming call. */
    public static final String STREAMING_ATTRIBUTE = OpenRouterListenerAttributes.STREAMING;

    private static final Log LOG = Log.of(CostListener.class);
    private static final Object STATE_KEY = new Object() {
        @Override
        public String toString() {
            return "openrouter4j.cost.callState";
        }
    };

    private final CostLedger ledger;
    private final CallCosting costing;
    private final Clock clock;

    /** Records into the ledger, estimating missing costs from the price table. */
    public CostListener(CostLedger ledger, PriceTable prices) {
        this(builder().ledger(ledger).priceTable(prices));
    }

    private CostListener(Builder b) {
        this.ledger = Objects.requireNonNull(b.ledger, "ledger");
        this.costing = new CallCosting(b.prices == null ? PriceTable.defaults() : b.prices);
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ledger this listener records into. */
    public CostLedger ledger() {
        return ledger;
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        Map<Object, Object> attributes = context.attributes();
        attributes.put(STATE_KEY, CallState.capture(clock, attributes));
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        CallState state = state(context.attributes());
        record(costing.fromResponse(state, context.chatRequest(), context.chatResponse(),
                streaming(state, context.attributes())));
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        CallState state = state(context.attributes());
        record(costing.fromError(state, context.chatRequest(), context.error(),
                streaming(state, context.attributes())));
    }

    private void record(CostEntry entry) {
        try {
            ledger.record(entry);
        } catch (RuntimeException e) {
            LOG.error("Could not store the cost entry {} ({}); it is counted in memory only", entry.id(), e.toString());
        }
    }

    private CallState state(Map<Object, Object> attributes) {
        Object s = attributes.get(STATE_KEY);
        if (s instanceof CallState cs) {
            return cs;
        }
        // onRequest did not run for this call (registered late): record what is known, from now
        return CallState.capture(clock, attributes);
    }

    private static boolean streaming(CallState state, Map<Object, Object> attributes) {
        Object flag = attributes.get(STREAMING_ATTRIBUTE);
        return flag != null ? "true".equals(flag) : state.endsOnAnotherThread();
    }

    /** Configures a {@link CostListener}. */
    public static final class Builder {
        private CostLedger ledger;
        private PriceTable prices;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The ledger to record into (required). */
        public Builder ledger(CostLedger ledger) {
            this.ledger = ledger;
            return this;
        }

        /** Prices for estimates when OpenRouter reports no cost; default {@link PriceTable#defaults()}. */
        public Builder priceTable(PriceTable prices) {
            this.prices = prices;
            return this;
        }

        /** The clock for entry start times; for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public CostListener build() {
            return new CostListener(this);
        }
    }
}
