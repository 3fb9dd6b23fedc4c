package dev.openrouter4j.cost.internal;

import dev.openrouter4j.langchain4j.OpenRouterListenerAttributes;
import dev.openrouter4j.cost.CostContext;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What is captured when a call starts, on the caller's thread: a call id, the start time, and the String attributes
 * (the {@link CostContext} in effect plus String-valued listener attributes). Carried to the call's end, which for a
 * stream happens on another thread.
 */
public final class CallState {

    private final String callId;
    private final Instant startedAt;
    private final long startNanos;
    private final Map<String, String> attributes;
    private final long threadId;

    public CallState(String callId, Instant startedAt, long startNanos, Map<String, String> attributes) {
        this.callId = callId;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.attributes = attributes;
        this.threadId = Thread.currentThread().getId();
    }

    /**
     * True when called on another thread than the one that started the call: a synchronous call ends on its
     * caller's thread, a stream ends on a callback thread.
     */
    public boolean endsOnAnotherThread() {
        return Thread.currentThread().getId() != threadId;
    }

    /** Captures the state of a call starting now on this thread. */
    public static CallState capture(Clock clock, Map<Object, Object> listenerAttributes) {
        return new CallState(newCallId(), clock.instant(), System.nanoTime(), attributes(listenerAttributes));
    }

    /** The CostContext in effect plus the String-valued entries of the listener attributes (which win). */
    public static Map<String, String> attributes(Map<Object, Object> listenerAttributes) {
        Map<String, String> context = CostContext.current();
        Map<String, String> out = null;
        if (listenerAttributes != null && !listenerAttributes.isEmpty()) {
            for (Map.Entry<Object, Object> e : listenerAttributes.entrySet()) {
                if (e.getKey() instanceof String k && e.getValue() instanceof String v
                        && !OpenRouterListenerAttributes.isLibraryFlag(k)) {
                    if (out == null) out = new HashMap<>(context);
                    out.put(k, v);
                }
            }
        }
        return out == null ? context : Map.copyOf(out);
    }

    /** A random call id ({@code call-} and 32 hex digits), unique across processes. */
    public static String newCallId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "call-" + hex(r.nextLong()) + hex(r.nextLong());
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    public String callId() {
        return callId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long startNanos() {
        return startNanos;
    }

    public Map<String, String> attributes() {
        return attributes;
    }
}
