package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.NonRetriableException;

/**
 * A guardrail or a permission refused the call (HTTP 403 that is not a moderation flag): e.g. a key or workspace policy, a data policy, or a region restriction.
 */
public class PermissionDeniedException extends NonRetriableException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public PermissionDeniedException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
