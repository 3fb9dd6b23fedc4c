package dev.openrouter4j.langchain4j.internal.error;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.exception.ContextLengthExceededException;
import dev.openrouter4j.langchain4j.exception.InsufficientCreditsException;
import dev.openrouter4j.langchain4j.exception.ModerationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterAuthenticationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterInvalidRequestException;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException;
import dev.openrouter4j.langchain4j.exception.OpenRouterUnresolvedHostException;
import dev.openrouter4j.langchain4j.exception.PermissionDeniedException;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Turns what OpenRouter or the transport said into one typed LangChain4j exception. {@link ErrorClassifier} decides
 * the kind from the error's structure (status, {@code error_type}, availability code; English text only as the last
 * resort), so a 403 moderation flag is not an authentication error and a 400 "not a valid model ID" is a
 * model-not-found error; {@link #create} gives each kind one exception type and one message text. Messages carry
 * OpenRouter's own message plus the status, the model and the upstream provider; never a raw HTML page and never the
 * key.
 */
public final class ErrorMapper {

    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final String modelId;
    private final Function<String, List<String>> suggester;
    private final String apiKey;

    /**
     * @param modelId   the model the call asked for, named in messages
     * @param suggester nearest known model ids for an unknown one (may be null)
     * @param apiKey    the key, scrubbed from anything the server echoes
     */
    public ErrorMapper(String modelId, Function<String, List<String>> suggester, String apiKey) {
        this.modelId = modelId;
        this.suggester = suggester;
        this.apiKey = apiKey;
    }

    /** An HTTP error response (status >= 400, or an error body in a 200). */
    /** The model id this mapper names in messages, or null. */
    public String modelId() {
        return modelId;
    }

    public RuntimeException fromHttp(int status, String contentType, String body, String retryAfterHeader) {
        JsonNode root = null;
        if (body != null && !body.isBlank() && looksLikeJson(contentType, body)) {
            try {
                root = Json.parse(body);
            } catch (IOException ignored) {
                root = null;
            }
        }
        JsonNode error = root == null ? null : root.get("error");
        if (error == null || !error.isObject()) {
            String what = describeNonOpenRouterBody(contentType, body);
            OpenRouterErrorDetails d = new OpenRouterErrorDetails(status, null, null, what, null, modelId,
                    parseRetryAfter(retryAfterHeader), List.of(), null, null);
            ErrorKind kind = ErrorClassifier.byStatus(status);
            String context = " (HTTP " + status + " from the server" + (modelId == null ? "" : ", model " + modelId)
                    + ")";
            return create(kind == null ? (status == 403 ? ErrorKind.PERMISSION_DENIED : ErrorKind.INVALID_REQUEST)
                    : kind, what, context, "", d);
        }
        return fromErrorNode(status, error, retryAfterHeader, null, null);
    }

    /**
     * An OpenRouter {@code error} object, from an error response, an HTTP-200 body, a choice, or a stream chunk.
     *
     * @param httpStatus   the HTTP status of the exchange (200 for in-band errors)
     * @param partial      what a stream had delivered, or null
     * @param generationId the generation id, if known
     */
    public RuntimeException fromErrorNode(int httpStatus, JsonNode error, String retryAfterHeader,
                                          ChatResponse partial, String generationId) {
        String code = Json.text(error, "code");
        int status = httpStatus;
        Integer numericCode = parseInt(code);
        if ((status == 200 || status <= 0) && numericCode != null && numericCode >= 400 && numericCode < 600) {
            status = numericCode;
        }
        String orMessage = Secrets.scrub(Json.text(error, "message"), apiKey);
        if (orMessage == null || orMessage.isBlank()) {
            orMessage = "(no message)";
        }
        JsonNode metadata = error.get("metadata");
        String errorType = firstNonNull(Json.text(metadata, "error_type"), Json.text(error, "error_type"));
        String provider = Json.text(metadata, "provider_name");
        String raw = Secrets.scrub(rawText(metadata), apiKey);
        List<String> reasons = strings(metadata == null ? null : metadata.get("reasons"));
        JsonNode availability = error.get("availability");
        JsonNode retryable = availability == null ? null : availability.get("retryable");
        Duration retryAfter = parseRetryAfter(retryAfterHeader);
        if (retryAfter == null && availability != null) {
            Integer s = Json.integer(availability, "retry_after");
            if (s != null) retryAfter = Duration.ofSeconds(s);
        }
        ErrorKind kind = ErrorClassifier.classify(new ErrorClassifier.Facts(status, errorType,
                Json.text(availability, "code"), retryable != null && retryable.isBoolean() ? retryable.asBoolean()
                : null, reasons, orMessage));

        StringBuilder context = new StringBuilder(" (HTTP ").append(status);
        if (status != httpStatus && httpStatus > 0) {
            context.append(" inside an HTTP ").append(httpStatus).append(" response");
        }
        if (modelId != null) context.append(", model ").append(modelId);
        if (provider != null) context.append(", provider ").append(provider);
        context.append(')');
        String upstream = raw == null || raw.isBlank() || raw.equals(orMessage) ? "" : ". Upstream said: " + truncate(raw, 400);

        OpenRouterErrorDetails d = new OpenRouterErrorDetails(status, code, errorType, orMessage, provider, modelId,
                retryAfter, reasons, generationId, partial);
        return create(kind, orMessage, context.toString(), upstream, d);
    }

    /** The one exception type and message text of each kind. */
    private RuntimeException create(ErrorKind kind, String said, String context, String upstream,
                                    OpenRouterErrorDetails d) {
        switch (kind) {
            case AUTHENTICATION:
                return new OpenRouterAuthenticationException("OpenRouter rejected the API key: " + said + context
                        + ". Check that OPENROUTER_API_KEY (or apiKey) holds a valid key starting with sk-or-v1-.",
                        d, null);
            case INSUFFICIENT_CREDITS:
                return new InsufficientCreditsException("Insufficient OpenRouter credits: " + said + context
                        + ". Add credits at https://openrouter.ai/settings/credits, or send a lower max_tokens"
                        + " (without one, OpenRouter reserves the model's whole output limit).", d, null);
            case MODEL_NOT_FOUND:
                return modelNotFound(said, context, d);
            case MODERATION:
                String why = d.reasons().isEmpty() ? "" : " Reasons: " + String.join(", ", d.reasons()) + ".";
                return new ModerationException("The input was flagged by moderation: " + said + context + "." + why,
                        d, null);
            case PERMISSION_DENIED:
                return new PermissionDeniedException("OpenRouter refused the call (guardrail or permission): " + said
                        + context + upstream, d, null);
            case CONTEXT_TOO_LONG:
                return new ContextLengthExceededException("The prompt is too long for the model's context window: "
                        + said + context + ". Shorten the conversation, lower max_tokens, use a longer-context"
                        + " model, or enable the context-compression plugin.", d, null);
            case TIMEOUT:
                return new OpenRouterTimeoutException("OpenRouter timed out: " + said + context + upstream, d, null);
            case RATE_LIMITED:
                String wait = d.retryAfter() == null ? "" : " Retry after " + d.retryAfter().toSeconds() + " s.";
                return new OpenRouterRateLimitException("Rate limited: " + said + context + upstream + "." + wait,
                        d, null);
            case SERVER:
                return new OpenRouterServerException("OpenRouter or the upstream provider failed: " + said + context
                        + upstream, d, null);
            default:
                return new OpenRouterInvalidRequestException("OpenRouter refused the request: " + said + context
                        + upstream, d, null);
        }
    }

    private RuntimeException modelNotFound(String said, String context, OpenRouterErrorDetails d) {
        String asked = modelId != null ? modelId : extractModel(said);
        List<String> suggestions = suggester == null || asked == null ? List.of() : safeSuggest(asked);
        String hint = suggestions.isEmpty()
                ? " Use a full model id such as openai/gpt-4o-mini; see https://openrouter.ai/models."
                : " Did you mean: " + String.join(", ", suggestions) + "?";
        return new OpenRouterModelNotFoundException("Model not found on OpenRouter: '" + asked + "'. " + said
                + context + "." + hint, d, suggestions, null);
    }

    /** A failure with no usable response: refused, reset, DNS, timeouts, malformed or truncated JSON. */
    public RuntimeException fromTransport(Throwable t, String host, String phase, Duration timeout,
                                          ChatResponse partial) {
        Throwable root = unwrap(t);
        if (root instanceof OpenRouterFailure && root instanceof RuntimeException re) {
            return re;
        }
        String where = host == null ? "" : " " + host;
        String detail = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + Secrets.scrub(root.getMessage(), apiKey);
        String secs = timeout == null ? "" : " " + timeout.toMillis() + " ms";
        OpenRouterErrorDetails d;
        if (root instanceof HttpConnectTimeoutException) {
            String m = "Connecting to" + where + " timed out after" + secs + forModel();
            return new OpenRouterTimeoutException(m, details(m, partial), root);
        }
        if (root instanceof HttpTimeoutException) {
            String m = "No response from" + where + " within" + secs + " (" + phase + ")" + forModel();
            return new OpenRouterTimeoutException(m, details(m, partial), root);
        }
        if (root instanceof IdleTimeoutException) {
            String m = "No data from" + where + " for" + secs + " " + phase + forModel()
                    + "; the stream or body stalled and was closed";
            return new OpenRouterTimeoutException(m, details(m, partial), root);
        }
        if (isUnresolvedHost(root)) {
            String m = "Cannot resolve the host" + where + " of the base URL (DNS)" + forModel();
            return new OpenRouterUnresolvedHostException(m, details(m, partial), root);
        }
        if (root instanceof ConnectException) {
            String m = "Cannot connect to" + where + ": connection refused" + forModel();
            return new OpenRouterConnectionException(m, details(m, partial), root);
        }
        if (root instanceof MalformedResponseException) {
            String m = "Malformed response from" + where + " " + phase + forModel() + ": " + detail;
            return new OpenRouterServerException(m, details(m, partial), root);
        }
        if (root instanceof IOException) {
            String m = "Connection to" + where + " failed " + phase + forModel() + ": " + detail;
            return new OpenRouterConnectionException(m, details(m, partial), root);
        }
        if (root instanceof LangChain4jException le) {
            return le;
        }
        String m = "Call to" + where + " failed " + phase + forModel() + ": " + detail;
        return new OpenRouterConnectionException(m, details(m, partial), root);
    }

    /** Whether the host could not be resolved; JDK 17 wraps that in a {@code ConnectException}. */
    public static boolean isUnresolvedHost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private OpenRouterErrorDetails details(String message, ChatResponse partial) {
        return OpenRouterErrorDetails.transport(message, modelId).withPartialResponse(partial);
    }

    /** Unwraps CompletionException / ExecutionException layers. */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException)
                && cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        if (cur instanceof CancellationException && cur.getCause() != null) {
            return cur.getCause();
        }
        return cur;
    }

    private String forModel() {
        return modelId == null ? "" : " (model " + modelId + ")";
    }

    private List<String> safeSuggest(String asked) {
        try {
            List<String> s = suggester.apply(asked);
            return s == null ? List.of() : s;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static String extractModel(String message) {
        int i = message.indexOf(" is not a valid model");
        if (i > 0) return message.substring(0, i).trim();
        String p = "No endpoints found for ";
        if (message.startsWith(p)) {
            String rest = message.substring(p.length());
            return rest.endsWith(".") ? rest.substring(0, rest.length() - 1) : rest;
        }
        return null;
    }

    private static String rawText(JsonNode metadata) {
        if (metadata == null) return null;
        JsonNode raw = metadata.get("raw");
        if (raw == null || raw.isNull()) return null;
        return raw.isTextual() ? raw.asText() : raw.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static Integer parseInt(String s) {
        if (s == null) return null;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean looksLikeJson(String contentType, String body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) return true;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c)) return c == '{';
        }
        return false;
    }

    private static String describeNonOpenRouterBody(String contentType, String body) {
        if (body == null || body.isBlank()) {
            return "empty body";
        }
        String ct = contentType == null ? "unknown content type" : contentType;
        if (ct.toLowerCase(Locale.ROOT).contains("html") || body.stripLeading().startsWith("<")) {
            String title = htmlTitle(body);
            return "an HTML page (" + ct + ") instead of an OpenRouter error; a proxy or gateway answered"
                    + (title == null ? "" : " with \"" + title + "\"");
        }
        return "a " + ct + " body that is not an OpenRouter error (" + body.length() + " chars)";
    }

    private static String htmlTitle(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        int s = lower.indexOf("<title>");
        int e = lower.indexOf("</title>");
        if (s >= 0 && e > s) {
            String t = body.substring(s + 7, e).replaceAll("\\s+", " ").trim();
            return truncate(t.replaceAll("[<>]", ""), 80);
        }
        return null;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** Parses {@code Retry-After}: delta-seconds or an HTTP date; capped at one hour; null when absent or bad. */
    public static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        try {
            long secs = (long) Math.ceil(Double.parseDouble(v));
            if (secs < 0) return null;
            Duration d = Duration.ofSeconds(secs);
            return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                if (d.isNegative()) return Duration.ZERO;
                return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }
}
