package dev.openrouter4j.langchain4j.internal.cache;

import dev.langchain4j.model.chat.response.StreamingHandle;

/**
 * The handle a cached streaming call returns. It is bound later to the real stream (when this call goes to
 * OpenRouter) or to nothing (a replay, or a wait for an identical call). States: {@code OPEN} then exactly one of
 * {@code DONE} (the handler heard its terminal callback) or {@code CANCELLED}; {@link #cancel()} after {@code DONE}
 * does nothing.
 */
public final class CacheStreamHandle implements StreamingHandle {

    private enum State { OPEN, DONE, CANCELLED }

    private State state = State.OPEN;
    private StreamingHandle delegate;
    private Runnable onCancel;
    private Runnable onUnboundCancel;

    /**
     * What to run if the caller cancels: {@code onCancel} first (so identical calls waiting for this one hear that it
     * was abandoned, not whatever error the real stream reports while it is torn down), then the real stream's
     * cancel, or {@code onUnboundCancel} when there is none yet.
     */
    public synchronized void onCancel(Runnable onCancel, Runnable onUnboundCancel) {
        this.onCancel = onCancel;
        this.onUnboundCancel = onUnboundCancel;
    }

    /** Binds the real stream; cancels it at once if the caller already cancelled. */
    public void bind(StreamingHandle real) {
        boolean cancelNow;
        synchronized (this) {
            delegate = real;
            cancelNow = state == State.CANCELLED;
        }
        if (cancelNow) {
            real.cancel();
        }
    }

    /** Moves to DONE if still open; the caller then delivers the terminal callback. */
    public synchronized boolean tryFinish() {
        if (state != State.OPEN) {
            return false;
        }
        state = State.DONE;
        return true;
    }

    @Override
    public void cancel() {
        StreamingHandle d;
        Runnable always;
        Runnable unbound;
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CANCELLED;
            d = delegate;
            always = onCancel;
            unbound = onUnboundCancel;
        }
        if (always != null) {
            always.run(); // first: whatever the real stream reports while it is being cancelled is not the outcome
        }
        if (d != null) {
            d.cancel();
        } else if (unbound != null) {
            unbound.run();
        }
    }

    @Override
    public synchronized boolean isCancelled() {
        return state == State.CANCELLED;
    }
}
