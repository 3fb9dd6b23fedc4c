package dev.openrouter4j.samples.chatapi;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.openrouter4j.cost.budget.BudgetExceededException;
import dev.openrouter4j.langchain4j.exception.ContextLengthExceededException;
import dev.openrouter4j.langchain4j.exception.InsufficientCreditsException;
import dev.openrouter4j.langchain4j.exception.ModerationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterAuthenticationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterInvalidRequestException;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException;
import dev.openrouter4j.langchain4j.exception.OpenRouterUnresolvedHostException;
import dev.openrouter4j.langchain4j.exception.PermissionDeniedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.NoContentException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns any failure into the {@link ApiError} the client gets, the same way for a JSON answer and for a stream's
 * {@code error} event.
 * <p>
 * Bad input is 4xx: malformed or mistyped JSON and unknown fields 400, a body over
 * {@value ChatApiServer#MAX_BODY_BYTES} bytes 413, an unknown model 400 with suggestions. OpenRouter's failures keep
 * its message: a rate limit is 429 with {@code Retry-After}; no credits left on the server's key is 503 (the
 * client cannot fix it); timeouts, unreachable OpenRouter and 503/529 upstream are 503; a rejected key, a refusal and
 * any other upstream error are 502. Rejections caused by the input (context too long, moderation, an invalid
 * parameter) are 400.
 */
final class Failures {

    /** Jackson's "from Object value" / "from Array value" / "from Integer value (...)". */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");
    private static final Pattern GOT = Pattern.compile("from (Object|Array|String|Integer|Float|Boolean) value");

    private Failures() {
    }

    static ApiError describe(Throwable t) {
        ApiException api = find(t, ApiException.class);
        if (api != null) {
            return api.error();
        }
        JsonProcessingException syntax = find(t, JsonParseException.class); // databind wraps it with a path
        JsonProcessingException json = syntax != null ? syntax : find(t, JsonProcessingException.class);
        if (json != null) {
            return json(json);
        }
        if (find(t, NoContentException.class) != null) {
            return emptyBody();
        }
        OpenRouterFailure upstream = find(t, OpenRouterFailure.class);
        if (upstream != null) {
            return upstream((Throwable) upstream);
        }
        BudgetExceededException budget = find(t, BudgetExceededException.class);
        if (budget != null) {
            return ApiError.of(429, "budget_exceeded", budget.getMessage());
        }
        if (t instanceof WebApplicationException w) {
            return web(w);
        }
        return ApiError.of(500, "internal_error", "Internal error (" + t.getClass().getSimpleName()
                + "); the server log has the details");
    }

    static ApiError emptyBody() {
        return ApiError.of(400, "empty_body", "The request body is empty: send JSON such as"
                + " {\"model\": \"openai/gpt-3.5-turbo\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}");
    }

    static ApiError tooLarge(long bytes) {
        String size = bytes < 0 ? "larger than the limit" : bytes + " bytes, over the limit";
        return new ApiError(413, "body_too_large", "The request body is " + size + " of "
                + ChatApiServer.MAX_BODY_BYTES + " bytes (64 KiB): shorten the conversation", null, null, null,
                ChatApiServer.MAX_BODY_BYTES);
    }

    private static ApiError json(JsonProcessingException e) {
        if (e instanceof JsonParseException p) {
            var loc = p.getLocation();
            String at = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            return ApiError.of(400, "malformed_json", "Malformed JSON" + at + ": " + firstLine(p.getOriginalMessage()));
        }
        List<JsonMappingException.Reference> path = e instanceof JsonMappingException m ? m.getPath() : List.of();
        if (e instanceof UnrecognizedPropertyException u) {
            String in = path.size() > 1 ? " in '" + path(path.subList(0, path.size() - 1)) + "'" : "";
            String known = u.getKnownPropertyIds() == null ? "" : "; known fields: "
                    + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return ApiError.of(400, "unknown_field", "Unknown field '" + u.getPropertyName() + "'" + in + known);
        }
        String where = path.isEmpty() ? "" : " at '" + path(path) + "'";
        String message = firstLine(e.getOriginalMessage());
        if (message.contains("end-of-input") || message.contains("Unexpected end")) {
            return ApiError.of(400, "malformed_json", "Malformed JSON: the body ends too early" + where);
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            Matcher got = GOT.matcher(message);
            return ApiError.of(400, "invalid_json", "Invalid JSON" + where + ": expected " + kind(mi.getTargetType())
                    + (got.find() ? ", got " + article(got.group(1).toLowerCase(Locale.ROOT)) : ""));
        }
        return ApiError.of(400, "invalid_json", "Invalid JSON" + where + ": " + message);
    }

    /** What JSON value a Java type is read from, for people. */
    private static String kind(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        if (CharSequence.class.isAssignableFrom(type)) return "a string";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        return "an object";
    }

    private static String article(String jsonKind) {
        return switch (jsonKind) {
            case "array", "object", "integer" -> "an " + jsonKind;
            case "float" -> "a number";
            default -> "a " + jsonKind;
        };
    }

    private static ApiError upstream(Throwable e) {
        OpenRouterFailure f = (OpenRouterFailure) e;
        String message = e.getMessage();
        // OpenRouter's own message, when it answered (a transport failure has only the library's message)
        String orMessage = f.details() == null || f.httpStatus() <= 0 ? null : f.details().message();
        if (e instanceof OpenRouterModelNotFoundException m) {
            return new ApiError(400, "unknown_model", message, orMessage, m.suggestions(), null, null);
        }
        if (e instanceof OpenRouterRateLimitException) {
            Duration wait = f.retryAfter();
            long seconds = wait == null ? 1 : Math.max(1, (wait.toMillis() + 999) / 1000);
            return new ApiError(429, "rate_limited", message, orMessage, null, seconds, null);
        }
        int status;
        String code;
        if (e instanceof InsufficientCreditsException) {
            status = 503;
            code = "insufficient_credits";
        } else if (e instanceof ContextLengthExceededException) {
            status = 400;
            code = "context_length_exceeded";
        } else if (e instanceof ModerationException) {
            status = 400;
            code = "moderation_flagged";
        } else if (e instanceof OpenRouterInvalidRequestException) {
            status = 400;
            code = "rejected_by_openrouter";
        } else if (e instanceof OpenRouterAuthenticationException) {
            status = 502;
            code = "upstream_auth_failed";
        } else if (e instanceof PermissionDeniedException) {
            status = 502;
            code = "upstream_refused";
        } else if (e instanceof OpenRouterTimeoutException) {
            status = 503;
            code = "upstream_timeout";
        } else if (e instanceof OpenRouterConnectionException || e instanceof OpenRouterUnresolvedHostException) {
            status = 503;
            code = "upstream_unavailable";
        } else if (e instanceof OpenRouterServerException && (f.httpStatus() == 503 || f.httpStatus() == 529)) {
            status = 503;
            code = "upstream_unavailable";
        } else {
            status = 502;
            code = "upstream_error";
        }
        return new ApiError(status, code, message, orMessage, null, null, null);
    }

    private static ApiError web(WebApplicationException w) {
        int status = w.getResponse().getStatus();
        if (w instanceof NotFoundException) {
            return ApiError.of(404, "not_found", "No such endpoint: the API is GET /api/v1/llm/models,"
                    + " POST /api/v1/llm/chat, POST /api/v1/llm/chat/stream and GET /api/v1/llm/usage");
        }
        if (w instanceof NotAllowedException) {
            return ApiError.of(405, "method_not_allowed", "This endpoint does not take this method; it allows "
                    + String.join(", ", w.getResponse().getAllowedMethods()));
        }
        if (w instanceof NotSupportedException) {
            return ApiError.of(415, "unsupported_media_type",
                    "Send the body as JSON with the header Content-Type: application/json");
        }
        if (w instanceof NotAcceptableException) {
            return ApiError.of(406, "not_acceptable", "This endpoint answers application/json (the stream:"
                    + " text/event-stream); accept that type");
        }
        String reason = w.getResponse().getStatusInfo().getReasonPhrase();
        return ApiError.of(status, "http_" + status, reason == null ? "HTTP " + status : reason);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).trim();
        return SOURCE.matcher(line).replaceAll("line $1, column $2"); // Jackson's "[Source: REDACTED ...; line: 1, ...]"
    }

    private static <T> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
