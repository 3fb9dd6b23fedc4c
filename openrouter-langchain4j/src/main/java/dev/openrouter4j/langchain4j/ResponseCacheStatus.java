package dev.openrouter4j.langchain4j;

/**
 * Whether a response came from a cache, and which one: the client-side {@link ResponseCache} or OpenRouter's own
 * response cache ({@code X-OpenRouter-Cache}). Read it from {@link OpenRouterChatResponseMetadata#cacheStatus()}; the
 * cost ledger records every hit as a call that cost nothing.
 */
public enum ResponseCacheStatus {
    /** No cache was asked. */
    NONE,
    /** The client cache was asked and had nothing: this answer came from OpenRouter and was stored. */
    MISS,
    /** Served from the client cache's store; no request was sent. */
    HIT,
    /** An identical call was already in flight (here or, with Redis, on another instance); this one shared its answer. */
    COALESCED,
    /** OpenRouter's cache was asked and had nothing: the call ran and was billed. */
    OPENROUTER_MISS,
    /** OpenRouter's cache served it: usage 0, not billed, a generation id of its own. */
    OPENROUTER_HIT;

    /** Whether nothing was billed for this answer because a cache served it. */
    public boolean isHit() {
        return this == HIT || this == COALESCED || this == OPENROUTER_HIT;
    }
}
