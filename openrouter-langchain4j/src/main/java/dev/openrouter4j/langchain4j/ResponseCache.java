package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.cache.InMemoryResponseCacheStore;
import dev.openrouter4j.langchain4j.cache.ResponseCacheStore;
import dev.openrouter4j.langchain4j.internal.cache.CacheEngine;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An opt-in client-side cache of chat answers, with coalescing of identical calls in flight. Give the same instance to
 * any number of {@link OpenRouterChatModel}s and {@link OpenRouterStreamingChatModel}s
 * ({@link OpenRouterModelBuilder#responseCache}); sync and streaming calls of the same request share entries.
 * <pre>{@code
 * ResponseCache cache = ResponseCache.builder()
 *         .store(InMemoryResponseCacheStore.maxEntries(10_000))     // or RedisResponseCacheStore for every instance
 *         .ttl(Duration.ofHours(1))
 *         .keyExtra(() -> CostContext.current().get("tenant"))  // keep tenants apart
 *         .build();
 * OpenRouterChatModel model = OpenRouterChatModel.builder()...temperature(0.0).responseCache(cache).build();
 * }</pre>
 * <b>What is cached.</b> By default only calls that ask for reproducible output: temperature 0, or a seed.
 * {@link Builder#cacheNonDeterministic(boolean)} caches every call. Only complete successful answers are stored;
 * errors, partial streams and cancelled calls never are. A hit is served without a request and says so in its
 * metadata ({@link OpenRouterChatResponseMetadata#cacheStatus()}): usage 0, cost 0, and
 * {@link OpenRouterChatResponseMetadata#savedCost()} the original call's cost. A cached answer replays to a streaming
 * handler as a stream: the same pieces in the same order, then one {@code onCompleteResponse}.
 * <p>
 * <b>The key</b> is a SHA-256 of the canonical request body (model, messages, tools, response format, sampling and
 * routing parameters; its properties are always written in the same order), the base URL and the
 * {@link Builder#keyExtra key extra}; it never contains the API key, so models with different keys but the same
 * extra share entries: use the extra to keep tenants apart.
 * <p>
 * <b>Coalescing.</b> While a call for a key is in flight in this process, identical calls wait for its answer instead
 * of paying for it again (streams wait without holding a thread). With a shared store and
 * {@link Builder#coalesceAcrossInstances(Duration)}, instances coordinate through a short store lock that expires by
 * itself: an instance that dies holding it delays the others by at most that timeout.
 * <p>
 * <b>Failures.</b> A store that fails (Redis down) never fails a call: it goes through uncached, with a WARN at most
 * every 10 seconds. Compared with OpenRouter's own cache ({@link OpenRouterModelBuilder#openRouterCache}), this one
 * answers without a network round trip, coalesces concurrent calls and works for every OpenRouter feature, but holds
 * answers on your side (memory or Redis) and needs its own invalidation (its TTL).
 */
public final class ResponseCache implements AutoCloseable {

    /** Default time an answer stays cached. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** Default size of the in-memory store when none is given. */
    public static final long DEFAULT_MAX_ENTRIES = 10_000;

    private final CacheEngine engine;
    private final Duration ttl;
    private final boolean cacheNonDeterministic;

    private ResponseCache(Builder b) {
        this.ttl = b.ttl;
        this.cacheNonDeterministic = b.cacheNonDeterministic;
        ResponseCacheStore store = b.store != null ? b.store : InMemoryResponseCacheStore.maxEntries(DEFAULT_MAX_ENTRIES);
        this.engine = new CacheEngine(store, b.ttl, b.coalesce, b.lockTimeout, b.cacheNonDeterministic, b.keyExtra);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The store the answers are kept in. */
    public ResponseCacheStore store() {
        return engine.store();
    }

    /** How long an answer stays cached. */
    public Duration ttl() {
        return ttl;
    }

    /** Counts since this cache was built. */
    public Stats stats() {
        return new Stats(engine.hits(), engine.misses(), engine.coalesced(), engine.bypassed(), engine.storeErrors());
    }

    /** Closes the store (and the cache's polling thread, if one ran). */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "ResponseCache{store=" + engine.store() + ", ttl=" + ttl + ", cacheNonDeterministic="
                + cacheNonDeterministic + ", coalesce=" + engine.coalesces() + '}';
    }

    // ------------------------------------------------------------------ used by the models

    CacheEngine engine() {
        return engine;
    }

    /**
     * Counts since the cache was built.
     *
     * @param hits        answers served from the store
     * @param misses      answers fetched from OpenRouter (and stored)
     * @param coalesced   calls that shared the answer of an identical call in flight
     * @param bypassed    calls the policy kept out of the cache (not deterministic)
     * @param storeErrors store operations that failed (the calls went through uncached)
     */
    public record Stats(long hits, long misses, long coalesced, long bypassed, long storeErrors) {
    }

    /** Configures a {@link ResponseCache}. */
    public static final class Builder {
        private ResponseCacheStore store;
        private Duration ttl = DEFAULT_TTL;
        private boolean cacheNonDeterministic;
        private Supplier<String> keyExtra;
        private boolean coalesce = true;
        private Duration lockTimeout;

        private Builder() {
        }

        /** Where answers are kept; default an in-memory store of {@value #DEFAULT_MAX_ENTRIES} entries. */
        public Builder store(ResponseCacheStore store) {
            this.store = store;
            return this;
        }

        /** How long an answer stays cached; default 1 hour. */
        public Builder ttl(Duration ttl) {
            if (ttl == null || ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must be positive, was " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /** Cache every call, not only those with temperature 0 or a seed. Default false. */
        public Builder cacheNonDeterministic(boolean cacheNonDeterministic) {
            this.cacheNonDeterministic = cacheNonDeterministic;
            return this;
        }

        /**
         * A value added to every key, read on the calling thread at each call: e.g. the tenant of the current
         * {@code CostContext}, so tenants never see each other's answers. Null values count as none.
         */
        public Builder keyExtra(Supplier<String> keyExtra) {
            this.keyExtra = keyExtra;
            return this;
        }

        /** Whether identical calls in flight in this process share one request. Default true. */
        public Builder coalesce(boolean coalesce) {
            this.coalesce = coalesce;
            return this;
        }

        /**
         * With a shared store (Redis): identical calls on different instances share one request too, the first
         * holding a store lock for at most {@code lockTimeout} (others wait that long at most). Off by default.
         */
        public Builder coalesceAcrossInstances(Duration lockTimeout) {
            if (lockTimeout != null && (lockTimeout.isZero() || lockTimeout.isNegative())) {
                throw new IllegalArgumentException("lockTimeout must be positive, was " + lockTimeout);
            }
            this.lockTimeout = lockTimeout;
            return this;
        }

        public ResponseCache build() {
            Objects.requireNonNull(ttl, "ttl");
            return new ResponseCache(this);
        }
    }
}
