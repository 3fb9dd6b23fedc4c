package dev.openrouter4j.langchain4j;

import java.time.Duration;

/**
 * OpenRouter's own response cache (beta), as a typed request option: when on, the library sends
 * {@code X-OpenRouter-Cache: true} (and {@code X-OpenRouter-Cache-TTL}) and OpenRouter answers an identical request
 * (same key, model, streaming mode and request body) from its cache for free, with usage 0 and a generation id of its
 * own; {@link OpenRouterChatResponseMetadata#cacheStatus()} then says {@link ResponseCacheStatus#OPENROUTER_HIT}.
 * Only 200 answers are cached, identical concurrent requests are not coalesced, and the body must be byte-identical:
 * this library writes request JSON canonically, so identical requests give identical bodies.
 * <p>
 * Set it on a model's builder ({@link OpenRouterModelBuilder#openRouterCache}) or per request
 * ({@link OpenRouterChatRequestParameters.Builder#openRouterCache}); the per-request value wins.
 *
 * @param enabled whether to ask OpenRouter's cache
 * @param ttl     how long OpenRouter keeps the answer (1 second to 1 day, whole seconds), or null for its default
 *                (5 minutes)
 */
public record OpenRouterCache(boolean enabled, Duration ttl) {

    /** The longest TTL OpenRouter accepts. */
    public static final Duration MAX_TTL = Duration.ofDays(1);

    /** Explicitly off (e.g. per request, when the model's default is on). */
    public static final OpenRouterCache DISABLED = new OpenRouterCache(false, null);

    public OpenRouterCache {
        if (ttl != null && (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0
                || ttl.toNanos() % 1_000_000_000L != 0)) {
            throw new IllegalArgumentException("The OpenRouter cache TTL must be whole seconds from 1 to 86400 (1 day),"
                    + " was " + ttl);
        }
    }

    /** On, with OpenRouter's default TTL (5 minutes). */
    public static OpenRouterCache on() {
        return new OpenRouterCache(true, null);
    }

    /** On, keeping answers for {@code ttl} (1 s to 1 day). */
    public static OpenRouterCache withTtl(Duration ttl) {
        if (ttl == null) {
            throw new IllegalArgumentException("ttl must not be null; use OpenRouterCache.on() for the default");
        }
        return new OpenRouterCache(true, ttl);
    }
}
