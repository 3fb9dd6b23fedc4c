package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.RateLimitException;

/**
 * OpenRouter or the upstream provider is rate-limiting the calls (HTTP 429). {@link #retryAfter()} says how long the
 * server asked to wait, when it did. Free ({@code :free}) variants have their own, lower limits.
 */
public class OpenRouterRateLimitException extends RateLimitException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public OpenRouterRateLimitException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
