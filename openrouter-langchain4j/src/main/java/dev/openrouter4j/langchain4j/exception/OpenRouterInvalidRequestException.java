package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.InvalidRequestException;

/**
 * OpenRouter refused the request as invalid (a 4xx not covered by a more specific exception).
 */
public class OpenRouterInvalidRequestException extends InvalidRequestException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public OpenRouterInvalidRequestException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
