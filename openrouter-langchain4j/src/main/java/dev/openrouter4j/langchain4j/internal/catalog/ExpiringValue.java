package dev.openrouter4j.langchain4j.internal.catalog;

import dev.openrouter4j.langchain4j.logging.Log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A value loaded on first use and reloaded once it is older than a time-to-live; the model catalog's cache.
 * <p>
 * Thread-safe and single-flight: concurrent callers that find no value wait for one load instead of each fetching
 * (and share its failure, if it fails).
 * Once a value exists, an expired value is reloaded by the first caller while the others keep getting the old value
 * rather than queueing behind the request. A failed reload keeps serving the old (stale) value, logs a WARN, and is
 * retried no sooner than {@code min(ttl, 1 minute)} later, so a failing server is not hit by every call; a failed
 * first load throws. Time comes from a {@link Clock}, so tests can move it.
 *
 * @param <T> the cached value
 */
public final class ExpiringValue<T> {

    private static final Log LOG = Log.of(ExpiringValue.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);

    private final Supplier<T> loader;
    private final Duration ttl;
    private final Duration retryDelay;
    private final Clock clock;
    private final String what;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Entry<T> entry;
    /** Counts finished loads, so that callers that waited through a failed first load share its failure. */
    private volatile long loads;
    private volatile RuntimeException lastFailure;

    private record Entry<T>(T value, Instant nextLoad) {
    }

    /**
     * @param loader loads the value, throwing a RuntimeException on failure
     * @param ttl    how long a loaded value is fresh; zero reloads on every call
     * @param clock  the time source
     * @param what   what the value is, for log messages ("the OpenRouter model catalog")
     */
    public ExpiringValue(Supplier<T> loader, Duration ttl, Clock clock, String what) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.what = what;
        this.retryDelay = ttl.compareTo(MAX_RETRY_DELAY) < 0 ? ttl : MAX_RETRY_DELAY;
    }

    /** The value, loading or reloading it when it is missing or expired. */
    public T get() {
        Entry<T> e = entry;
        if (e != null && isFresh(e)) return e.value;
        long loadsBefore = loads;
        if (e == null) {
            lock.lock();
        } else if (!lock.tryLock()) {
            return e.value; // another caller is reloading: serve the stale value meanwhile
        }
        try {
            e = entry;
            if (e != null && isFresh(e)) return e.value;
            RuntimeException failure = lastFailure;
            if (e == null && failure != null && loads != loadsBefore) {
                throw failure; // the first load we waited for failed: do not queue another fetch per caller
            }
            return load(e, false);
        } finally {
            lock.unlock();
        }
    }

    /** Reloads now; on failure keeps the previous value (if any) and throws. */
    public T refresh() {
        lock.lock();
        try {
            return load(entry, true);
        } finally {
            lock.unlock();
        }
    }

    /** The current value without loading, or null when none was loaded yet. */
    public T peek() {
        Entry<T> e = entry;
        return e == null ? null : e.value;
    }

    private T load(Entry<T> previous, boolean rethrow) {
        T value;
        try {
            value = Objects.requireNonNull(loader.get(), "loader returned null");
        } catch (RuntimeException failure) {
            loads++;
            lastFailure = failure;
            if (previous == null || rethrow) throw failure;
            entry = new Entry<>(previous.value, clock.instant().plus(retryDelay));
            LOG.warn("Refreshing {} failed; serving the previous copy and retrying in {} s: {}",
                    what, retryDelay.toSeconds(), failure.toString());
            return previous.value;
        }
        entry = new Entry<>(value, clock.instant().plus(ttl));
        lastFailure = null;
        loads++;
        return value;
    }

    private boolean isFresh(Entry<T> e) {
        return clock.instant().isBefore(e.nextLoad);
    }
}
