package dev.openrouter4j.langchain4j.internal.error;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.AUTHENTICATION;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.CONTEXT_TOO_LONG;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.INSUFFICIENT_CREDITS;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.INVALID_REQUEST;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.MODEL_NOT_FOUND;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.MODERATION;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.PERMISSION_DENIED;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.RATE_LIMITED;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.SERVER;
import static dev.openrouter4j.langchain4j.internal.error.ErrorKind.TIMEOUT;

/**
 * Decides the {@link ErrorKind} of an OpenRouter error from its structure, in this order:
 * <ol>
 *   <li>an HTTP status that means one thing (401, 402, 408, 413, 429, 5xx; an in-band numeric {@code error.code} counts
 *       as the status);</li>
 *   <li>{@code error.metadata.error_type} (OpenRouter's typed vocabulary);</li>
 *   <li>{@code error.availability.code} and {@code retryable} (model availability failures);</li>
 *   <li>moderation {@code reasons} on a 403;</li>
 *   <li>only then, OpenRouter's English message ({@link #byMessage}), for bodies that carry none of the above;</li>
 *   <li>the remaining status: 403 is a refusal, anything else an invalid request.</li>
 * </ol>
 */
final class ErrorClassifier {

    /** The structural facts of one error, as read from the body; all but {@code status} may be null. */
    record Facts(int status, String errorType, String availabilityCode, Boolean retryable, List<String> reasons,
                 String message) {
    }

    private static final Map<String, ErrorKind> BY_ERROR_TYPE = Map.ofEntries(
            Map.entry("authentication", AUTHENTICATION),
            Map.entry("payment_required", INSUFFICIENT_CREDITS),
            Map.entry("permission_denied", PERMISSION_DENIED),
            Map.entry("content_policy_violation", MODERATION),
            Map.entry("context_length_exceeded", CONTEXT_TOO_LONG),
            Map.entry("max_tokens_exceeded", CONTEXT_TOO_LONG),
            Map.entry("token_limit_exceeded", CONTEXT_TOO_LONG),
            Map.entry("payload_too_large", CONTEXT_TOO_LONG),
            Map.entry("rate_limit_exceeded", RATE_LIMITED),
            Map.entry("provider_overloaded", SERVER),
            Map.entry("provider_unavailable", SERVER),
            Map.entry("server", SERVER),
            Map.entry("timeout", TIMEOUT));

    private static final Map<String, ErrorKind> BY_AVAILABILITY = Map.of(
            "model_not_found", MODEL_NOT_FOUND,
            "model_deprecated", MODEL_NOT_FOUND,
            "free_variant_ended", MODEL_NOT_FOUND,
            "model_unavailable_upstream", SERVER,
            "capacity_exhausted", SERVER,
            "temporarily_unavailable", SERVER);

    private ErrorClassifier() {
    }

    static ErrorKind classify(Facts f) {
        ErrorKind kind = byStatus(f.status());
        if (kind == null && f.errorType() != null) kind = BY_ERROR_TYPE.get(f.errorType());
        if (kind == null && f.availabilityCode() != null) kind = BY_AVAILABILITY.get(f.availabilityCode());
        if (kind == null && Boolean.TRUE.equals(f.retryable())) kind = SERVER;
        if (kind == null && f.status() == 403 && f.reasons() != null && !f.reasons().isEmpty()) kind = MODERATION;
        if (kind == null) kind = byMessage(f.status(), f.errorType(), f.message());
        if (kind == null) kind = f.status() == 403 ? PERMISSION_DENIED : INVALID_REQUEST;
        return kind;
    }

    /** Statuses with one meaning whatever the body says; null for 400, 403, 404, 422 and the like. */
    static ErrorKind byStatus(int status) {
        switch (status) {
            case 401: return AUTHENTICATION;
            case 402: return INSUFFICIENT_CREDITS;
            case 408: return TIMEOUT;
            case 413: return CONTEXT_TOO_LONG;
            case 429: return RATE_LIMITED;
            default: return status >= 500 || status == 0 ? SERVER : null;
        }
    }

    /** The last resort: OpenRouter's English texts for errors that came without a type or availability code. */
    private static ErrorKind byMessage(int status, String errorType, String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (lower.contains("is not a valid model id") || lower.contains("not a valid model")
                || lower.startsWith("no endpoints found for ") || lower.contains("model not found")
                || ("not_found".equals(errorType) && lower.contains("model"))) {
            return MODEL_NOT_FOUND;
        }
        if (status == 403 && (lower.contains("moderation") || lower.contains("flagged"))) {
            return MODERATION;
        }
        if ((status == 400 || status == 422) && (lower.contains("context length") || lower.contains("context window")
                || lower.contains("maximum context") || lower.contains("too many tokens")
                || lower.contains("prompt is too long"))) {
            return CONTEXT_TOO_LONG;
        }
        return null;
    }
}
