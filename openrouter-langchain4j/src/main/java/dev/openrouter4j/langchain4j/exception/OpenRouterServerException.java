package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.InternalServerException;

/**
 * OpenRouter or the upstream provider failed (HTTP 5xx, 524 edge timeout, 529 overloaded), or answered something that is not a valid response: an HTML page, malformed or truncated JSON, an error inside an HTTP 200, or a stream that ended before it finished.
 */
public class OpenRouterServerException extends InternalServerException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public OpenRouterServerException(String message, OpenRouterErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
