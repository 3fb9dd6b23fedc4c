package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.TimeoutException;

/**
 * A call did not complete in time: connecting, waiting for the first byte, or a silence inside the body or stream longer than the configured timeout; or OpenRouter's HTTP 408.
 */
public class OpenRouterTimeoutException extends TimeoutException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public OpenRouterTimeoutException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
