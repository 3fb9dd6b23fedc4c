package dev.openrouter4j.langchain4j;

/**
 * Observes the calls of the models LangChain4j gives no listener to: {@link OpenRouterScoringModel},
 * {@link OpenRouterImageModel}, {@link OpenRouterTextToSpeechModel} and {@link OpenRouterAudioTranscriptionModel}
 * (embeddings use LangChain4j's {@code EmbeddingModelListener}, chat its {@code ChatModelListener}). Register it with
 * the model builder's {@code listeners(...)}.
 * <p>
 * It exists so a cost ledger, a budget or your own metrics see every call the way a {@code ChatModelListener} sees
 * chat calls, with the same guarantees: for each call that is sent, {@link #onRequest} once on the caller's thread
 * before sending, then exactly one of {@link #onResponse} or {@link #onError} (a failed, timed-out or interrupted call
 * included), on the caller's thread, with the same {@link OpenRouterCallRequest} instance. A listener that throws is
 * logged and ignored: it never breaks the call nor keeps the other listeners from being called. Input refused before
 * anything is sent (a blank prompt, a bad {@code n}) is not a call and reaches no listener.
 */
public interface OpenRouterCallListener {

    /** Before the request is sent. */
    default void onRequest(OpenRouterCallRequest request) {
    }

    /** After a successful answer was read. */
    default void onResponse(OpenRouterCallRequest request, OpenRouterCallResponse response) {
    }

    /** After the call failed: {@code error} is what the caller receives (a typed OpenRouter exception, mostly). */
    default void onError(OpenRouterCallRequest request, Throwable error) {
    }
}
