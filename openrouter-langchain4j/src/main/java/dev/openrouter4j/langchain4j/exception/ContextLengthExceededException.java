package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.InvalidRequestException;

/**
 * The prompt (plus the requested output) does not fit the model's context window (HTTP 400, 413 or 422 from OpenRouter). Shorten the conversation, lower {@code max_tokens}, pick a longer-context model, or enable the {@code context-compression} plugin.
 */
public class ContextLengthExceededException extends InvalidRequestException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public ContextLengthExceededException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
