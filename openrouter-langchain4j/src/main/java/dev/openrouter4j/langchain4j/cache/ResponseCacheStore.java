package dev.openrouter4j.langchain4j.cache;

import java.time.Duration;

/**
 * Where a {@link dev.openrouter4j.langchain4j.ResponseCache} keeps answers: opaque, versioned byte values under
 * SHA-256 hex keys (which never contain the API key). It exists so the cache's policy (what is cached, coalescing,
 * replay) stays the same whichever storage holds the bytes: {@link InMemoryResponseCacheStore} in this process, or a
 * shared store such as Redis ({@code openrouter-cache-redis}) for every instance.
 * <p>
 * A store may fail (a Redis server going away): any method may throw a {@link RuntimeException}; the cache then logs a
 * WARN and the call goes through uncached. Implementations must be thread-safe.
 */
public interface ResponseCacheStore extends AutoCloseable {

    /** The value stored under {@code key}, or {@code null} when there is none (or it expired). */
    byte[] get(String key);

    /** Stores {@code value} under {@code key} for {@code ttl}, replacing what was there. */
    void put(String key, byte[] value, Duration ttl);

    /**
     * Tries to take a short lock on {@code key} for cross-instance coalescing; it must expire by itself after
     * {@code ttl}, so an instance that dies while holding it blocks nobody for longer. Stores that are not shared
     * answer {@code true} (the cache coalesces within the process without them).
     */
    default boolean tryLock(String key, Duration ttl) {
        return true;
    }

    /** Releases a lock this instance took with {@link #tryLock}; a lock that already expired is left alone. */
    default void unlock(String key) {
    }

    /** Whether other processes see this store's entries (and its locks mean something across instances). */
    default boolean isShared() {
        return false;
    }

    /** Releases the store's resources. */
    @Override
    default void close() {
    }
}
