package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.UnresolvedModelServerException;

/**
 * The host of the base URL could not be resolved (DNS).
 */
public class OpenRouterUnresolvedHostException extends UnresolvedModelServerException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public OpenRouterUnresolvedHostException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
