package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.cost.CostContext;
import dev.openrouter4j.langchain4j.ResponseCache;
import dev.openrouter4j.langchain4j.cache.InMemoryResponseCacheStore;
import dev.openrouter4j.langchain4j.cache.ResponseCacheStore;

/**
 * Builds the {@link ResponseCache} bean from the {@code openrouter.cache.*} settings. The Redis store is created
 * through {@link RedisStores}, a class that is loaded only when the settings ask for Redis, so
 * {@code openrouter-cache-redis} (and Lettuce) stay optional.
 */
final class CacheFactory {

    private CacheFactory() {
    }

    static ResponseCache create(CacheSettings s) {
        ResponseCacheStore store;
        if (s.redisUri() != null) {
            store = RedisStores.create(s.redisUri(), s.keyPrefix());
        } else if (s.maxBytes() != null) {
            store = InMemoryResponseCacheStore.maxBytes(s.maxBytes());
        } else {
            store = InMemoryResponseCacheStore.maxEntries(
                    s.maxEntries() != null ? s.maxEntries() : ResponseCache.DEFAULT_MAX_ENTRIES);
        }
        ResponseCache.Builder b = ResponseCache.builder().store(store).ttl(s.ttl())
                .cacheNonDeterministic(s.allRequests()).coalesceAcrossInstances(s.lockTimeout());
        String attribute = s.tenantAttribute();
        if (attribute != null) {
            b.keyExtra(() -> CostContext.current().get(attribute));
        }
        return b.build();
    }

    /** The only class that names the Redis module's types. */
    static final class RedisStores {
        private RedisStores() {
        }

        static ResponseCacheStore create(String uri, String prefix) {
            dev.openrouter4j.cache.redis.RedisResponseCacheStore.Builder b =
                    dev.openrouter4j.cache.redis.RedisResponseCacheStore.builder().uri(uri);
            if (prefix != null) {
                b.keyPrefix(prefix);
            }
            return b.build();
        }
    }
}
