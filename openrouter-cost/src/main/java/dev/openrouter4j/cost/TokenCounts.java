package dev.openrouter4j.cost;

/**
 * The token counts of one call as OpenRouter reports them, where cache reads and writes are part of
 * {@code promptTokens} and reasoning tokens are part of {@code completionTokens}.
 * <p>
 * It exists to make the split into non-overlapping groups explicit ({@link #uncachedInput()},
 * {@link #billedCacheRead()}, {@link #billedCacheWrite()}, {@link #textOutput()}, {@link #billedReasoning()}): every
 * token is priced exactly once, which is the bug cost tools most often get wrong (cached tokens charged twice).
 *
 * @param promptTokens     all input tokens, cached ones included
 * @param completionTokens all output tokens, reasoning included
 * @param cacheReadTokens  input tokens read from the prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache
 * @param reasoningTokens  output tokens spent reasoning
 * @param requests         requests to charge a per-request fee for (1 for a call)
 * @param webSearches      web searches to charge for
 */
public record TokenCounts(long promptTokens, long completionTokens, long cacheReadTokens, long cacheWriteTokens,
                          long reasoningTokens, long requests, long webSearches) {

    public TokenCounts {
        if (promptTokens < 0 || completionTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0
                || reasoningTokens < 0 || requests < 0 || webSearches < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    /** One request with plain input and output tokens. */
    public static TokenCounts of(long promptTokens, long completionTokens) {
        return new TokenCounts(promptTokens, completionTokens, 0, 0, 0, 1, 0);
    }

    /** One request with cache and reasoning details. */
    public static TokenCounts of(long promptTokens, long completionTokens, long cacheReadTokens, long cacheWriteTokens,
                                 long reasoningTokens) {
        return new TokenCounts(promptTokens, completionTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, 1, 0);
    }

    /** Cache reads actually billed: never more than the prompt. */
    public long billedCacheRead() {
        return Math.min(cacheReadTokens, promptTokens);
    }

    /** Cache writes actually billed: never more than what the prompt has left after cache reads. */
    public long billedCacheWrite() {
        return Math.min(cacheWriteTokens, promptTokens - billedCacheRead());
    }

    /** Input tokens neither read from nor written to the cache: prompt − cache reads − cache writes, at least 0. */
    public long uncachedInput() {
        return promptTokens - billedCacheRead() - billedCacheWrite();
    }

    /** Reasoning tokens actually billed: never more than the completion. */
    public long billedReasoning() {
        return Math.min(reasoningTokens, completionTokens);
    }

    /** Output tokens that are not reasoning: completion − reasoning, at least 0. */
    public long textOutput() {
        return completionTokens - billedReasoning();
    }

    /** The same counts with a number of web searches. */
    public TokenCounts withWebSearches(long searches) {
        return new TokenCounts(promptTokens, completionTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens,
                requests, searches);
    }

    /** The same counts with a number of requests (0: no request fee). */
    public TokenCounts withRequests(long n) {
        return new TokenCounts(promptTokens, completionTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens, n,
                webSearches);
    }
}
