package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.AuthenticationException;

/**
 * OpenRouter rejected the API key (HTTP 401): it is missing, wrong, revoked or expired. Never thrown for 403.
 */
public class OpenRouterAuthenticationException extends AuthenticationException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public OpenRouterAuthenticationException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
