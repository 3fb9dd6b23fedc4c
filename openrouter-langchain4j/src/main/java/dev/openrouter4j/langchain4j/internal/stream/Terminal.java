package dev.openrouter4j.langchain4j.internal.stream;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.langchain4j.logging.Log;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The terminal-state machine of one stream: which outcome won, and that the handler and listeners hear it exactly
 * once.
 * <pre>
 *            decide(SUCCEEDED|FAILED)          deliver (callback thread)
 *   OPEN ───────────────────────────▶ SUCCEEDED/FAILED ──────────────────────▶ DELIVERED
 *     │                                     │ cancel() before delivery             ▲
 *     │ cancel()                            ▼                                      │
 *     └───────────────────────────────▶ CANCELLED ─────────────────────────────────┤ listeners hear the cancellation
 *     └─ a handler callback threw (callback thread) ───────────────────────────────┘ handler and listeners hear onError
 * </pre>
 * Outcomes are decided on any thread (first compare-and-set from {@code OPEN} wins); deliveries run on the stream's
 * serial callback queue, so {@code DELIVERED} is reached once and the handler never hears anything after it. After a
 * cancel the handler hears nothing more, and listeners get one {@code onError} with a {@code StreamCancelledException}.
 */
final class Terminal {

    private static final Log LOG = Log.of(Terminal.class);

    enum State { OPEN, SUCCEEDED, FAILED, CANCELLED, DELIVERED }

    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final StreamingChatResponseHandler handler;
    private final ListenerNotifier listeners;
    private final Supplier<ChatResponse> partial;
    private final Function<ChatResponse, RuntimeException> cancelledError;

    /**
     * @param partial        what had arrived so far (for the cancellation listeners hear), or null
     * @param cancelledError the exception listeners hear for a cancelled call with that partial response
     */
    Terminal(StreamingChatResponseHandler handler, ListenerNotifier listeners, Supplier<ChatResponse> partial,
             Function<ChatResponse, RuntimeException> cancelledError) {
        this.handler = handler;
        this.listeners = listeners;
        this.partial = partial;
        this.cancelledError = cancelledError;
    }

    /** Whether no outcome was decided yet. */
    boolean isOpen() {
        return state.get() == State.OPEN;
    }

    /** Whether partial callbacks still reach the handler (not after a cancel or the terminal callback). */
    boolean acceptsPartials() {
        State s = state.get();
        return s != State.CANCELLED && s != State.DELIVERED;
    }

    /** Decides SUCCEEDED or FAILED; false when another outcome already won. */
    boolean decide(State outcome) {
        return state.compareAndSet(State.OPEN, outcome);
    }

    /**
     * The caller cancelled.
     *
     * @return true when the cancellation decided the outcome, so its delivery must be queued; false when an outcome
     * was decided before (its delivery will report the cancellation) or already delivered
     */
    boolean cancel() {
        while (true) {
            State s = state.get();
            if (s == State.CANCELLED || s == State.DELIVERED) {
                return false;
            }
            if (state.compareAndSet(s, State.CANCELLED)) {
                return s == State.OPEN;
            }
        }
    }

    // ---- deliveries: on the stream's callback queue only ----

    void deliverSuccess(ChatResponse response) {
        State s = state.getAndSet(State.DELIVERED);
        if (s == State.DELIVERED) return;
        if (s == State.CANCELLED) {
            listeners.onError(cancelledError.apply(response));
            return;
        }
        listeners.onResponse(response);
        try {
            handler.onCompleteResponse(response);
        } catch (Throwable t) {
            LOG.warn("The streaming handler threw in onCompleteResponse; ignored (the call had completed)", t);
        }
    }

    void deliverFailure(RuntimeException error) {
        State s = state.getAndSet(State.DELIVERED);
        if (s == State.DELIVERED) return;
        if (s == State.CANCELLED) {
            listeners.onError(cancelledError.apply(partial.get()));
            return;
        }
        listeners.onError(error);
        try {
            handler.onError(error);
        } catch (Throwable t) {
            LOG.warn("The streaming handler threw in onError; ignored", t);
        }
    }

    void deliverCancellation(ChatResponse partialAtCancel) {
        if (state.getAndSet(State.DELIVERED) != State.DELIVERED) {
            listeners.onError(cancelledError.apply(partialAtCancel));
        }
    }

    /**
     * A handler callback threw: the stream ends with that exception, delivered now (we are on the callback queue).
     *
     * @return true when this ended the stream (the caller then closes the connection)
     */
    boolean handlerFailed(String callback, Throwable t) {
        State s = state.getAndSet(State.DELIVERED);
        if (s == State.DELIVERED) {
            return false;
        }
        if (s == State.CANCELLED) { // the caller cancelled while this callback ran: the handler hears nothing more
            listeners.onError(cancelledError.apply(partial.get()));
            return true;
        }
        LOG.debug("The streaming handler threw in {}; cancelling the stream", callback, t);
        listeners.onError(t);
        try {
            handler.onError(t);
        } catch (Throwable t2) {
            LOG.warn("The streaming handler threw in onError; ignored", t2);
        }
        return true;
    }
}
