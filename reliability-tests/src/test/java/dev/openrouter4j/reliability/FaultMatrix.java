package dev.openrouter4j.reliability;

import dev.openrouter4j.langchain4j.exception.ContextLengthExceededException;
import dev.openrouter4j.langchain4j.exception.InsufficientCreditsException;
import dev.openrouter4j.langchain4j.exception.ModerationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterAuthenticationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterInvalidRequestException;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException;
import dev.openrouter4j.langchain4j.exception.OpenRouterUnresolvedHostException;
import dev.openrouter4j.langchain4j.exception.PermissionDeniedException;
import dev.openrouter4j.testkit.FakeResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.openrouter4j.reliability.Fault.fails;
import static dev.openrouter4j.reliability.Fault.fault;
import static dev.openrouter4j.reliability.Fault.named;
import static dev.openrouter4j.reliability.Fault.succeeds;

/**
 * The rows of the fault matrix: every fault of the reliability issue, plus a few neighbours, with the outcome each
 * must have on the sync and on the streaming model. The single source of the table in {@code docs/reliability.md}.
 */
final class FaultMatrix {

    /** The models' timeout: connect, first byte, and any silence inside a body or stream. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Retries of 429, 502, 503 and refused connections. */
    static final int MAX_RETRIES = 2;
    /** What an outcome may take beyond the timeout (and, for retried faults, beyond the retry delays). */
    static final Duration MARGIN = Duration.ofSeconds(2);
    /** Retried faults: backoff 0.5 s then 1 s, each ±20 %, at most 1.8 s in all. */
    static final Duration RETRY_DELAYS = Duration.ofMillis(1_800);
    /** The default bound: timeout + margin. */
    static final Duration BOUND = TIMEOUT.plus(MARGIN);
    /** Long enough that only the client's timeout can end it. */
    static final Duration STALL = Duration.ofSeconds(10);
    static final String MODEL = "openai/gpt-4o-mini";
    static final String UNRESOLVABLE_HOST = "openrouter4j-reliability-test.invalid";
    static final int LARGE = 10 * 1024 * 1024;

    private FaultMatrix() {
    }

    static List<Fault> rows() {
        List<Fault> rows = new ArrayList<>();
        int attempts = MAX_RETRIES + 1;

        // ---- the connection cannot be made
        rows.add(fault("Connection refused", "a loopback port where nothing listens", BOUND)
                .endpoint(Fault.Endpoint.REFUSED)
                .bound(BOUND.plus(RETRY_DELAYS), "retry delays 1.8 s + timeout + margin")
                .both(fails(OpenRouterConnectionException.class, "connection refused", "127.0.0.1:")));
        rows.add(fault("Unresolvable host", "base URL on `" + UNRESOLVABLE_HOST + "`, RFC 2606", BOUND)
                .endpoint(Fault.Endpoint.UNRESOLVED)
                .bound(BOUND, "not retried: timeout + margin")
                .both(fails(OpenRouterUnresolvedHostException.class, "Cannot resolve the host", UNRESOLVABLE_HOST)));

        // ---- the connection breaks
        rows.add(fault("Reset before headers", "`resetBeforeHeaders()`", BOUND)
                .scripted(FakeResponse.resetBeforeHeaders())
                .both(fails(OpenRouterConnectionException.class, "Connection to 127.0.0.1:")));
        rows.add(fault("Closed without a response", "`closeWithoutResponse()`", BOUND)
                .scripted(FakeResponse.closeWithoutResponse())
                .both(fails(OpenRouterConnectionException.class, "Connection to 127.0.0.1:")));
        rows.add(fault("Reset mid-body (sync), mid-stream (stream)", "`resetAfter(3)`", BOUND)
                .scripted(FakeResponse.resetAfter(3))
                .sync(fails(OpenRouterConnectionException.class, "while waiting for or reading the response"))
                .stream(fails(OpenRouterConnectionException.class, "in the middle of the stream")));

        // ---- the server is slow
        rows.add(fault("First byte slower than the timeout", "`stallBeforeHeaders(10 s)`", BOUND)
                .scripted(FakeResponse.stallBeforeHeaders(STALL))
                .atLeast(TIMEOUT)
                .both(fails(OpenRouterTimeoutException.class, "No response from", "within 1000 ms")));
        rows.add(fault("Silence mid-body (sync), mid-stream (stream) longer than the timeout",
                "`stallAfter(2, 10 s)`", BOUND)
                .scripted(FakeResponse.stallAfter(2, STALL))
                .atLeast(TIMEOUT)
                .sync(fails(OpenRouterTimeoutException.class, "No data from", "stalled"))
                .stream(fails(OpenRouterTimeoutException.class, "No data from", "in the middle of the stream",
                        "stalled")));
        Duration dribbleTotal = Duration.ofMillis(8 * 300);
        rows.add(fault("Slow but steady: 8 tokens 300 ms apart (2.4 s in all, longer than the timeout)",
                "`dribble(8, 300 ms)`", dribbleTotal.plus(BOUND))
                .scripted(FakeResponse.dribble(8, Duration.ofMillis(300)))
                .bound(dribbleTotal.plus(BOUND), "2.4 s + timeout + margin")
                .both(succeeds("not cut: the timeout bounds silence, not length",
                        named("text ends with tok7", r -> r.aiMessage().text().endsWith("tok7")))));

        // ---- the body is not what it should be
        rows.add(fault("Malformed JSON", "`malformedChunk()`", BOUND)
                .scripted(FakeResponse.malformedChunk())
                .sync(fails(OpenRouterServerException.class, "Malformed response", "not valid JSON"))
                .stream(fails(OpenRouterServerException.class, "Malformed response", "not valid JSON")));
        rows.add(fault("Truncated JSON", "`truncatedJson()`", BOUND)
                .scripted(FakeResponse.truncatedJson())
                .sync(fails(OpenRouterServerException.class, "Malformed response", "truncated or malformed"))
                .stream(fails(OpenRouterConnectionException.class, "in the middle of the stream")));
        rows.add(fault("HTML error page with 502", "`htmlPage(502)` × " + attempts + " (retried)", BOUND)
                .scriptedTimes(attempts, FakeResponse.htmlPage(502))
                .bound(BOUND.plus(RETRY_DELAYS), "retry delays 1.8 s + timeout + margin")
                .both(new Fault.Fails(OpenRouterServerException.class,
                        List.of("HTTP 502 from the server", "an HTML page"),
                        List.of("<html", "<!DOCTYPE", "cf-wrapper"))));
        rows.add(fault("HTTP 200 with an OpenRouter error body and no `choices`", "`ok200ErrorBody()`", BOUND)
                .scripted(FakeResponse.ok200ErrorBody())
                .both(fails(OpenRouterServerException.class, "Provider returned error", "HTTP 502 inside an HTTP 200")));
        rows.add(fault("HTTP 200 whose choice has `finish_reason: error`", "`choiceError()`", BOUND)
                .scripted(FakeResponse.choiceError())
                .both(fails(OpenRouterServerException.class, "Upstream error from")));

        // ---- stream framing
        rows.add(fault("Stream closed without `[DONE]` and without a finish reason", "`streamWithoutDone(..)`",
                BOUND)
                .scripted(FakeResponse.streamWithoutDone("cut short here"))
                .stream(fails(OpenRouterServerException.class, "ended before the answer finished", "[DONE]")));
        rows.add(fault("`event: error` frame", "`eventErrorFrame()`", BOUND)
                .scripted(FakeResponse.eventErrorFrame())
                .stream(fails(OpenRouterServerException.class, "Provider returned error", "HTTP 502")));
        rows.add(fault("Chunk with a top-level `error` (mid-stream error)", "`midStreamError(..)`", BOUND)
                .scripted(FakeResponse.midStreamError("The first part"))
                .stream(fails(OpenRouterServerException.class, "Provider returned error", "HTTP 502")));
        rows.add(fault("Duplicated `[DONE]`", "`duplicatedDone(..)`", BOUND)
                .scripted(FakeResponse.duplicatedDone("said twice"))
                .stream(succeeds("", named("text contains 'said twice'",
                        r -> r.aiMessage().text().contains("said twice")))));

        // ---- content
        rows.add(fault("Invalid UTF-8 inside content", "`invalidUtf8(..)`", BOUND)
                .scripted(FakeResponse.invalidUtf8("bytes"))
                .both(succeeds("bad bytes become U+FFFD",
                        named("text has U+FFFD and café", r -> r.aiMessage().text().contains("\uFFFD")
                                && r.aiMessage().text().contains("caf\u00e9")))));
        rows.add(fault("10 MB response", "`large(10 MiB)`", Duration.ofSeconds(15))
                .scripted(FakeResponse.large(LARGE))
                .bound(Duration.ofSeconds(15), "a transfer, not a fault")
                .both(succeeds("", named("text of at least 10 MiB",
                        r -> r.aiMessage().text().length() >= LARGE))));

        // ---- retries
        rows.add(fault("429 storm with `Retry-After: 1` that clears within `maxRetries` (" + MAX_RETRIES + ")",
                "`rateLimited(1)` × " + MAX_RETRIES + ", then `text(..)`",
                Duration.ofSeconds(MAX_RETRIES).plus(BOUND))
                .scripted(FakeResponse.rateLimited(1), FakeResponse.rateLimited(1), FakeResponse.text("cleared"))
                .requests(attempts)
                .bound(Duration.ofSeconds(MAX_RETRIES).plus(BOUND), MAX_RETRIES + " × 1 s + timeout + margin")
                .atLeast(Duration.ofSeconds(MAX_RETRIES))
                .both(succeeds("after " + MAX_RETRIES + " retries", named("text is 'cleared'",
                        r -> r.aiMessage().text().equals("cleared")))));

        // ---- the caller gives up
        rows.add(fault("Caller gives up: interrupts the thread (sync), cancels the handle (stream)",
                "`dribble(20, 100 ms)`; interrupt after 300 ms / cancel at the first token", BOUND)
                .scripted(FakeResponse.dribble(20, Duration.ofMillis(100)))
                .callerGivesUp()
                .sync(fails(OpenRouterConnectionException.class, "Interrupted"))
                .stream(new Fault.Cancelled()));

        // ---- every OpenRouter error status, with its real body
        rows.add(status(400, null, null, OpenRouterInvalidRequestException.class, 1, "Invalid request parameters"));
        rows.add(status(400, "context too long", FakeResponse.contextTooLong(), ContextLengthExceededException.class,
                1, "maximum context length"));
        rows.add(status(400, "invalid model id", FakeResponse.invalidModel(MODEL),
                OpenRouterModelNotFoundException.class, 1, "is not a valid model ID"));
        rows.add(status(401, null, null, OpenRouterAuthenticationException.class, 1, "User not found"));
        rows.add(status(402, null, null, InsufficientCreditsException.class, 1, "more credits"));
        rows.add(status(403, "moderation", null, ModerationException.class, 1, "flagged"));
        rows.add(status(403, "guardrail", FakeResponse.guardrail(), PermissionDeniedException.class, 1,
                "prompt injection"));
        rows.add(status(404, null, null, OpenRouterModelNotFoundException.class, 1, "No endpoints found"));
        rows.add(status(408, null, null, OpenRouterTimeoutException.class, 1, "Operation timed out"));
        rows.add(status(409, null, null, OpenRouterInvalidRequestException.class, 1, "Resource conflict"));
        rows.add(status(413, null, null, ContextLengthExceededException.class, 1, "too large"));
        rows.add(status(422, null, null, OpenRouterInvalidRequestException.class, 1, "Invalid argument"));
        rows.add(status(429, null, null, OpenRouterRateLimitException.class, attempts, "Rate limit exceeded"));
        rows.add(status(500, null, null, OpenRouterServerException.class, 1, "Internal Server Error"));
        rows.add(status(502, null, null, OpenRouterServerException.class, attempts, "Provider returned error"));
        rows.add(status(503, null, null, OpenRouterServerException.class, attempts, "No allowed providers"));
        rows.add(status(524, null, null, OpenRouterServerException.class, 1, "Request timed out"));
        rows.add(status(529, null, null, OpenRouterServerException.class, 1, "Provider returned error"));
        return rows;
    }

    private static Fault status(int status, String label, FakeResponse named, Class<? extends RuntimeException> type,
                                int attempts, String says) {
        String name = "HTTP " + status + (label == null ? "" : " (" + label + ")");
        FakeResponse response = named == null ? FakeResponse.error(status) : named;
        String script = named == null ? "`error(" + status + ")`" : "`" + scriptName(label) + "`";
        if (attempts > 1) {
            script += " × " + attempts + " (retried)";
        }
        Fault f = fault(name, script, BOUND)
                .scriptedTimes(attempts, response)
                .both(fails(type, says, "HTTP " + status, MODEL));
        if (attempts > 1) {
            f.bound(BOUND.plus(RETRY_DELAYS), "retry delays 1.8 s + timeout + margin");
        }
        return f;
    }

    private static String scriptName(String label) {
        return switch (label) {
            case "context too long" -> "contextTooLong()";
            case "invalid model id" -> "invalidModel(..)";
            case "guardrail" -> "guardrail()";
            default -> throw new IllegalArgumentException(label);
        };
    }
}
