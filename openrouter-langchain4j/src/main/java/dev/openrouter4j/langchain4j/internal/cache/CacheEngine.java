package dev.openrouter4j.langchain4j.internal.cache;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;
import dev.openrouter4j.langchain4j.cache.ResponseCacheStore;
import dev.openrouter4j.langchain4j.internal.util.ContextClassLoaders;
import dev.openrouter4j.langchain4j.internal.util.NamedThreadFactory;
import dev.openrouter4j.langchain4j.logging.Log;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The client cache's machinery, shared by the sync and the streaming flow.
 * <p>
 * Concurrency rules, all here:
 * <ul>
 *   <li>At most one call per key is in flight in this process: the first registers a future in {@link #inFlight}
 *       (it is the <em>leader</em>); later identical calls (<em>followers</em>) wait for that future instead of
 *       calling OpenRouter. The leader completes the future exactly once (answer, error or {@link Abandoned}) and
 *       then removes it, so a call arriving after that reads the store instead.</li>
 *   <li>A leader that finds the key in the store after registering (an identical call finished in between) serves
 *       that; so no answer is fetched twice by one process.</li>
 *   <li>Followers of a cancelled leader ({@link Abandoned}) start over (one of them leads); followers of a failed
 *       leader get the same error: a request that failed once fails for all who asked at the same time.</li>
 *   <li>Across instances (a shared store and a lock timeout): the leader takes a short store lock; when another
 *       instance holds it, the leader polls the store every {@link #POLL} until the answer appears, the lock is free
 *       (it then takes it), or the lock timeout passes (it then calls without the lock). The lock expires by itself,
 *       so an instance that dies holding it delays others by at most the timeout, never forever.</li>
 *   <li>Only complete successful answers are stored: errors, partial streams and cancelled calls never are.</li>
 *   <li>A failing store (Redis down) never fails a call: the operation is skipped with a WARN (at most one per
 *       {@link #WARN_INTERVAL}) and the call goes through uncached.</li>
 * </ul>
 */
public final class CacheEngine implements AutoCloseable {

    /** Completes a leader's future when the leader was cancelled: followers start over. */
    public static final class Abandoned extends RuntimeException {
        public Abandoned() {
            super("the identical call this one waited for was cancelled", null, false, false);
        }
    }

    /** What waiting for another instance's lock gave: its answer, or the lock (or nothing, after the timeout). */
    public record RemoteWait<V>(V answer, boolean locked) {
    }

    static final Duration POLL = Duration.ofMillis(20);
    static final Duration WARN_INTERVAL = Duration.ofSeconds(10);
    private static final Log LOG = Log.named("dev.openrouter4j.langchain4j.cache");
    private static final int MAX_ROUNDS = 3;

    private final ResponseCacheStore store;
    private final Duration ttl;
    private final boolean coalesce;
    private final Duration lockTimeout;
    private final ConcurrentHashMap<String, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder bypassed = new LongAdder();
    private final LongAdder storeErrors = new LongAdder();
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_INTERVAL.toNanos());
    private final boolean cacheNonDeterministic;
    private final Supplier<String> keyExtra;
    private final ClassLoader loader = ContextClassLoaders.capture();
    private volatile ScheduledExecutorService poller;

    public CacheEngine(ResponseCacheStore store, Duration ttl, boolean coalesce, Duration lockTimeout,
                       boolean cacheNonDeterministic, Supplier<String> keyExtra) {
        this.store = store;
        this.cacheNonDeterministic = cacheNonDeterministic;
        this.keyExtra = keyExtra;
        this.ttl = ttl;
        this.coalesce = coalesce;
        this.lockTimeout = store.isShared() ? lockTimeout : null;
    }

    public ResponseCacheStore store() {
        return store;
    }

    public boolean coalesces() {
        return coalesce;
    }

    public long hits() { return hits.sum(); }
    public long misses() { return misses.sum(); }
    public long coalesced() { return coalesced.sum(); }
    public long bypassed() { return bypassed.sum(); }
    public long storeErrors() { return storeErrors.sum(); }

    /**
     * Whether the policy lets a call use the cache: it asks for reproducible output (temperature 0 or a seed), or
     * the cache takes every call. A call kept out is counted as bypassed.
     */
    public boolean accepts(Double temperature, Integer seed) {
        if (cacheNonDeterministic || (temperature != null && temperature == 0.0) || seed != null) {
            return true;
        }
        bypassed.increment();
        return false;
    }

    /** The key of a call to {@code endpoint} with this canonical body (see {@link CacheKeys}). */
    public String key(String baseUrl, String endpoint, byte[] canonicalBody) {
        return CacheKeys.of(keyExtra == null ? null : keyExtra.get(), baseUrl, endpoint, canonicalBody);
    }

    void countHit() {
        hits.increment();
    }

    void countCoalesced() {
        coalesced.increment();
    }

    void countMiss() {
        misses.increment();
    }

    // ------------------------------------------------------------------ the sync flow

    /** A sync chat call through the cache. */
    public ChatResponse chat(String key, Supplier<ChatResponse> upstream) {
        return call(key, upstream, ChatCodec.INSTANCE);
    }

    /**
     * A sync call through the cache, for any kind of answer: a stored value, a coalesced one, or {@code upstream}'s
     * (then stored). An embedding model needs only its key (of its canonical body, endpoint {@code embeddings}) and a
     * {@link CacheCodec} for its result.
     */
    public <V, T> T call(String key, Supplier<T> upstream, CacheCodec<V, T> codec) {
        for (int round = 0; ; round++) {
            V stored = read(key, codec);
            if (stored != null) {
                hits.increment();
                return codec.hit(stored, ResponseCacheStatus.HIT);
            }
            if (!coalesce) {
                return fetch(key, upstream, codec, null);
            }
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> running = register(key, mine);
            if (running == null) {
                return lead(key, mine, upstream, codec);
            }
            try {
                V shared = running.join();
                coalesced.increment();
                return codec.hit(shared, ResponseCacheStatus.COALESCED);
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof Abandoned) || round >= MAX_ROUNDS) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
    }

    private <V, T> T lead(String key, CompletableFuture<V> mine, Supplier<T> upstream, CacheCodec<V, T> codec) {
        try {
            V stored = read(key, codec);
            if (stored == null && lockTimeout != null) {
                RemoteWait<V> w = awaitRemote(key, codec).join();
                if (w.answer() != null) {
                    coalesced.increment();
                    mine.complete(w.answer());
                    return codec.hit(w.answer(), ResponseCacheStatus.COALESCED);
                }
                if (w.locked()) {
                    try {
                        return fetch(key, upstream, codec, mine);
                    } finally {
                        unlock(key);
                    }
                }
            }
            if (stored != null) {
                hits.increment();
                mine.complete(stored);
                return codec.hit(stored, ResponseCacheStatus.HIT);
            }
            return fetch(key, upstream, codec, mine);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            mine.completeExceptionally(new Abandoned()); // no-op unless something above escaped without completing
            inFlight.remove(key, mine);
        }
    }

    private <V, T> T fetch(String key, Supplier<T> upstream, CacheCodec<V, T> codec, CompletableFuture<V> mine) {
        T result = upstream.get();
        V shared = codec.share(result);
        misses.increment();
        write(key, shared, codec);
        if (mine != null) {
            mine.complete(shared);
        }
        return codec.miss(result);
    }

    // ------------------------------------------------------------------ in flight (the streaming flow uses these)

    /**
     * Registers {@code mine} as the call in flight for {@code key}; returns the one already running, or null. A key
     * names one endpoint (it is part of the hash), so the running call's value is of the same kind.
     */
    @SuppressWarnings("unchecked")
    public <V> CompletableFuture<V> register(String key, CompletableFuture<V> mine) {
        return (CompletableFuture<V>) inFlight.putIfAbsent(key, mine);
    }

    /** Ends a leader: completes its future (first completion wins) and unregisters it. */
    public <V> void finish(String key, CompletableFuture<V> mine, V answer, Throwable error, boolean locked) {
        if (answer != null) {
            mine.complete(answer);
        } else {
            mine.completeExceptionally(error == null ? new Abandoned() : error);
        }
        inFlight.remove(key, mine);
        if (locked) {
            unlock(key);
        }
    }

    /** Calls in flight now (for tests). */
    public int inFlight() {
        return inFlight.size();
    }

    /** Whether this engine coordinates with other instances through store locks. */
    public boolean locksAcrossInstances() {
        return lockTimeout != null;
    }

    // ------------------------------------------------------------------ the store, guarded

    /** The stored value, or null (absent, unreadable, or the store failed). */
    public <V> V read(String key, CacheCodec<V, ?> codec) {
        byte[] bytes;
        try {
            bytes = store.get(key);
        } catch (RuntimeException e) {
            storeFailed("read", e);
            return null;
        }
        return bytes == null ? null : codec.decode(bytes);
    }

    /** Stores a value; a failing store is logged, never thrown. */
    public <V> void write(String key, V value, CacheCodec<V, ?> codec) {
        try {
            store.put(key, codec.encode(value), ttl);
        } catch (RuntimeException e) {
            storeFailed("write", e);
        }
    }

    /**
     * Takes the cross-instance lock, or waits (without holding a thread) for the instance holding it to store its
     * answer; gives up waiting after the lock timeout.
     */
    public <V> CompletableFuture<RemoteWait<V>> awaitRemote(String key, CacheCodec<V, ?> codec) {
        CompletableFuture<RemoteWait<V>> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        if (tryLock(key)) {
            result.complete(new RemoteWait<>(null, true));
            return result;
        }
        schedulePoll(key, codec, deadline, result);
        return result;
    }

    private <V> void schedulePoll(String key, CacheCodec<V, ?> codec, long deadline,
                                  CompletableFuture<RemoteWait<V>> result) {
        poller().schedule(() -> {
            try {
                V a = read(key, codec);
                if (a != null) {
                    result.complete(new RemoteWait<>(a, false));
                } else if (tryLock(key)) {
                    result.complete(new RemoteWait<>(null, true));
                } else if (System.nanoTime() - deadline >= 0) {
                    LOG.debug("Gave up waiting for another instance's identical call after {}", lockTimeout);
                    result.complete(new RemoteWait<>(null, false));
                } else {
                    schedulePoll(key, codec, deadline, result);
                }
            } catch (RuntimeException e) {
                result.complete(new RemoteWait<>(null, false));
            }
        }, POLL.toNanos(), TimeUnit.NANOSECONDS);
    }

    private boolean tryLock(String key) {
        try {
            return store.tryLock(key, lockTimeout);
        } catch (RuntimeException e) {
            storeFailed("lock", e);
            return true; // the store is down: nobody can coordinate through it; just call
        }
    }

    private void unlock(String key) {
        try {
            store.unlock(key);
        } catch (RuntimeException e) {
            storeFailed("unlock", e); // the lock expires by itself
        }
    }

    private ScheduledExecutorService poller() {
        ScheduledExecutorService p = poller;
        if (p == null) {
            synchronized (this) {
                p = poller;
                if (p == null) {
                    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                            new NamedThreadFactory("cache-poll", loader));
                    e.setKeepAliveTime(10, TimeUnit.SECONDS);
                    e.allowCoreThreadTimeOut(true);
                    e.setRemoveOnCancelPolicy(true);
                    poller = p = e;
                }
            }
        }
        return p;
    }

    private void storeFailed(String what, RuntimeException e) {
        storeErrors.increment();
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last >= WARN_INTERVAL.toNanos() && lastWarn.compareAndSet(last, now)) {
            LOG.warn("The response cache store ({}) failed to {}: {}; calls go through uncached until it recovers"
                    + " (further failures in the next {} s are logged at DEBUG)", store, what, e.toString(),
                    WARN_INTERVAL.toSeconds());
        } else {
            LOG.debug("The response cache store failed to {}", what, e);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService p = poller;
        if (p != null) {
            p.shutdownNow();
        }
        store.close();
    }
}
