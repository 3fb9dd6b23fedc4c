package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.NonRetriableException;

/**
 * The server answered with a redirect ({@code 3xx} with a {@code Location}), which the library does not follow: the
 * API key goes to the configured base URL only, never to another scheme, host or port, and OpenRouter's API does not
 * redirect. It usually means the base URL is out of date (a proxy or gateway moved); the message names the status and
 * the {@code Location}, never the key. Point {@code baseUrl} at the new address if you trust it.
 */
public class OpenRouterRedirectException extends NonRetriableException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;
    private final String location;

    public OpenRouterRedirectException(String message, OpenRouterErrorDetails details, String location) {
        super(message);
        this.details = details;
        this.location = location;
    }

    /** Where the server wanted the request to go (the {@code Location} header), or null when it sent none. */
    public String location() {
        return location;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
