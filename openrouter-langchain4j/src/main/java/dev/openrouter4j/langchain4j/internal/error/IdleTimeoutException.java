package dev.openrouter4j.langchain4j.internal.error;

import java.io.IOException;

/** The body or stream went silent for longer than the idle timeout. */
public final class IdleTimeoutException extends IOException {
    public IdleTimeoutException(String message) {
        super(message);
    }
}
