package dev.openrouter4j.langchain4j.internal.error;

import java.io.IOException;

/** The server answered something that is not a valid OpenRouter response (bad JSON, truncated body, no choices). */
public final class MalformedResponseException extends IOException {
    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedResponseException(String message) {
        super(message);
    }
}
