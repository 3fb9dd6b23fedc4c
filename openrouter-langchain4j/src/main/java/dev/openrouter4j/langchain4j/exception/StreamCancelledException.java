package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.LangChain4jException;

/**
 * Reported to {@code ChatModelListener#onError} (never to the streaming handler) when the caller cancelled a stream,
 * so that listeners such as a cost ledger still see the call: OpenRouter may bill a cancelled stream.
 * {@link #partialResponse()} holds what had arrived.
 */
public class StreamCancelledException extends LangChain4jException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;

    public StreamCancelledException(String message, OpenRouterErrorDetails details) {
        super(message);
        this.details = details;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
