package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.model.chat.response.ChatResponse;

import java.time.Duration;

/**
 * Implemented by every exception that openrouter4j throws or reports, whatever LangChain4j class it extends.
 * <p>
 * LangChain4j's exception hierarchy ({@code RateLimitException}, {@code TimeoutException}, ...) is what callers catch;
 * this interface is what listeners and the cost ledger read, without caring which class they got:
 * <pre>{@code
 * if (error instanceof OpenRouterFailure f && f.partialResponse() != null) {
 *     TokenUsage usage = f.partialResponse().tokenUsage();  // what a failed stream already used
 * }
 * }</pre>
 */
public interface OpenRouterFailure {

    /** All details of the failure. */
    OpenRouterErrorDetails details();

    /** HTTP status, or {@code -1} when no response was received. */
    default int httpStatus() {
        return details().httpStatus();
    }

    /** The upstream provider that failed, when OpenRouter named one. */
    default String providerName() {
        return details().providerName();
    }

    /** How long the server asked to wait before retrying, or null. */
    default Duration retryAfter() {
        return details().retryAfter();
    }

    /** What a stream had delivered before it failed or was cancelled (text, usage, cost, generation id), or null. */
    default ChatResponse partialResponse() {
        return details().partialResponse();
    }

    /**
     * Reads the details of any throwable: its own if it is an {@link OpenRouterFailure}, else those of the first
     * cause that is one, else null.
     */
    static OpenRouterErrorDetails detailsOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OpenRouterFailure f) {
                return f.details();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
