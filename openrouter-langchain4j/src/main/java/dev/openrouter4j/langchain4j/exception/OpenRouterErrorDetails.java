package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.model.chat.response.ChatResponse;

import java.time.Duration;
import java.util.List;

/**
 * What OpenRouter (or the transport) said about a failed call, in one immutable value.
 * <p>
 * Every exception this library throws carries one, whatever its LangChain4j class, so that a listener or a cost
 * ledger can read the HTTP status, OpenRouter's error code and message, the upstream provider and, for a stream that
 * failed part-way, the partial response (text so far, token usage and cost if a chunk reported them, generation id).
 *
 * @param httpStatus      the HTTP status of the failed exchange, or {@code -1} when no response was received
 * @param errorCode       OpenRouter's {@code error.code} (a number or a string), or null
 * @param errorType       OpenRouter's {@code error.metadata.error_type}, or null
 * @param message         OpenRouter's own {@code error.message}, or what failed in the transport
 * @param providerName    the upstream provider named in the error, or null
 * @param modelId         the model the call asked for, or null
 * @param retryAfter      how long the server asked to wait ({@code Retry-After}), or null
 * @param reasons         moderation reasons, or an empty list
 * @param generationId    the generation id, when the server assigned one before failing, or null
 * @param partialResponse what had been received before a stream failed or was cancelled, or null
 */
public record OpenRouterErrorDetails(
        int httpStatus,
        String errorCode,
        String errorType,
        String message,
        String providerName,
        String modelId,
        Duration retryAfter,
        List<String> reasons,
        String generationId,
        ChatResponse partialResponse) {

    public OpenRouterErrorDetails {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** A copy carrying the given partial response. */
    public OpenRouterErrorDetails withPartialResponse(ChatResponse partial) {
        return new OpenRouterErrorDetails(httpStatus, errorCode, errorType, message, providerName, modelId,
                retryAfter, reasons, generationId, partial);
    }

    /** Details for a failure with no HTTP response (refused, reset, stalled, malformed). */
    public static OpenRouterErrorDetails transport(String message, String modelId) {
        return new OpenRouterErrorDetails(-1, null, null, message, null, modelId, null, List.of(), null, null);
    }
}
