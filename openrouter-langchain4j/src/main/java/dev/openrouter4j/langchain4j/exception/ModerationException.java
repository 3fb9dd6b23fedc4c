package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.ContentFilteredException;

import java.util.List;

/**
 * The input was flagged by moderation (HTTP 403 with moderation metadata). {@link #reasons()} lists why. This is
 * not an authentication problem: the key is fine.
 */
public class ModerationException extends ContentFilteredException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public ModerationException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    /** The moderation reasons OpenRouter gave (e.g. {@code "harassment"}). */
    public List<String> reasons() {
        return details.reasons();
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
