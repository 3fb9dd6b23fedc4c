package dev.openrouter4j.langchain4j.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link ResponseCacheStore} in this process's heap (Caffeine), bounded by a number of entries or by bytes, each
 * entry expiring after its own TTL. The fastest store, but private to one JVM and lost on restart: use the Redis store
 * to share answers between instances.
 */
public final class InMemoryResponseCacheStore implements ResponseCacheStore {

    /** Bytes an entry costs beyond its value: the key (64 hex chars as a String) and the map's bookkeeping. */
    private static final int ENTRY_OVERHEAD = 200;

    private record Value(byte[] bytes, long ttlNanos) {
    }

    private final Cache<String, Value> cache;
    private final String bound;

    private InMemoryResponseCacheStore(Caffeine<Object, Object> builder, String bound) {
        this.cache = builder.expireAfter(new Expiry<String, Value>() {
            @Override
            public long expireAfterCreate(String key, Value value, long currentTime) {
                return value.ttlNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Value value, long currentTime, long currentDuration) {
                return value.ttlNanos();
            }

            @Override
            public long expireAfterRead(String key, Value value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
        this.bound = bound;
    }

    /** At most {@code maxEntries} answers; the least useful go first. */
    public static InMemoryResponseCacheStore maxEntries(long maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        return new InMemoryResponseCacheStore(Caffeine.newBuilder().maximumSize(maxEntries), maxEntries + " entries");
    }

    /** At most about {@code maxBytes} of answers (values plus a fixed overhead per entry). */
    public static InMemoryResponseCacheStore maxBytes(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        return new InMemoryResponseCacheStore(Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((Object k, Object v) -> ((Value) v).bytes().length + ENTRY_OVERHEAD), maxBytes + " bytes");
    }

    @Override
    public byte[] get(String key) {
        Value v = cache.getIfPresent(key);
        return v == null ? null : v.bytes();
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        Objects.requireNonNull(value, "value");
        cache.put(key, new Value(value, Math.max(1, ttl.toNanos())));
    }

    /** Entries held now (expired ones may still count until cleaned up). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }

    @Override
    public String toString() {
        return "InMemoryResponseCacheStore{max " + bound + '}';
    }
}
