package dev.openrouter4j.langchain4j.internal.cache;

import dev.openrouter4j.langchain4j.ResponseCacheStatus;

/**
 * What the cache needs to know about one kind of answer, so one {@link CacheEngine} serves chat now and embeddings
 * (or any endpoint) next: how a result becomes the value shared with identical calls and stored, how stored bytes
 * come back, and how a hit or a miss is labelled for the caller.
 *
 * @param <V> the value shared with waiting calls and stored (for chat: {@link CachedAnswer}, which keeps the streamed
 *            pieces)
 * @param <T> what a call returns (for chat: {@code ChatResponse})
 */
public interface CacheCodec<V, T> {

    /** The value of a fresh result, to store and to hand to identical calls that waited for it. */
    V share(T result);

    /** The stored bytes of a value: compact and versioned. */
    byte[] encode(V value);

    /** The value stored in {@code bytes}, or null when they are unreadable or of another version (a miss). */
    V decode(byte[] bytes);

    /** What a call served by the cache returns (usage 0, cost 0, the original cost as saved). */
    T hit(V value, ResponseCacheStatus status);

    /** What the call that fetched the result returns (labelled as a miss). */
    T miss(T result);
}
