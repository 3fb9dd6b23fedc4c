package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.RetriableException;

/**
 * The connection failed: refused, reset, or closed before a whole response arrived. The message says at which point.
 */
public class OpenRouterConnectionException extends RetriableException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public OpenRouterConnectionException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
