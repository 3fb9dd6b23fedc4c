package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.NonRetriableException;

/**
 * The account has too few credits for this call (HTTP 402). Add credits at https://openrouter.ai/settings/credits, or lower {@code max_tokens}: OpenRouter reserves the model's whole output limit when none is sent. Retrying does not help.
 */
public class InsufficientCreditsException extends NonRetriableException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public InsufficientCreditsException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
