package dev.openrouter4j.testkit;

import dev.openrouter4j.testkit.internal.Answer;
import dev.openrouter4j.testkit.internal.ChatCall;
import dev.openrouter4j.testkit.internal.ChatEngine;
import dev.openrouter4j.testkit.internal.Errors;
import dev.openrouter4j.testkit.internal.Faults;
import dev.openrouter4j.testkit.internal.RecordingData;
import dev.openrouter4j.testkit.internal.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One scripted answer of the fake to a {@code POST /chat/completions}, for {@link FakeOpenRouter#enqueue}.
 *
 * <p>It exists so a test can put the client in front of exactly the situation it needs, with OpenRouter's real
 * bodies: a given answer, an error status, an in-band stream error, broken framing, invalid bytes, a slow or
 * cut connection. Synthesized answers ({@link #text}, the faults built on a completion) honour the request's
 * {@code stream} flag, so one script works for the sync and the streaming path. Instances are immutable and
 * can be enqueued any number of times.
 */
public final class FakeResponse {

    private final String description;
    private final Function<ChatCall, Reply> responder;
    private final Map<String, String> headers;
    private final Duration delay;

    private FakeResponse(String description, Function<ChatCall, Reply> responder, Map<String, String> headers,
            Duration delay) {
        this.description = description;
        this.responder = responder;
        this.headers = headers;
        this.delay = delay;
    }

    private static FakeResponse of(String description, Function<ChatCall, Reply> responder) {
        return new FakeResponse(description, responder, Map.of(), Duration.ZERO);
    }

    /** Builds the reply for one request (called on a worker thread of the fake). */
    Reply reply(ChatCall call) {
        Reply r = responder.apply(call);
        headers.forEach(r::header);
        return r.delayBefore(delay);
    }

    static FakeResponse recorded(String name, int index, RecordingData.Item item) {
        return of("replay " + name + " #" + (index + 1), call -> RecordingData.reply(item));
    }

    // ------------------------------------------------------------------ modifiers

    /** The same response with one more (or a replaced) response header. Framing headers cannot be set. */
    public FakeResponse withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new FakeResponse(description, responder, Map.copyOf(h), delay);
    }

    /** The same response, sent only after {@code delay} (nothing, not even the status line, comes earlier). */
    public FakeResponse withDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new FakeResponse(description + " after " + delay, responder, headers, this.delay.plus(delay));
    }

    @Override
    public String toString() {
        return "FakeResponse[" + description + "]";
    }

    // ------------------------------------------------------------------ raw

    /** This status and body, {@code Content-Type: application/json}, served as given. */
    public static FakeResponse json(int status, String body) {
        return json(status, body, Map.of());
    }

    /** This status, body and extra headers (they may replace the content type), served as given. */
    public static FakeResponse json(int status, String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = Map.copyOf(headers);
        return of("json " + status, call -> {
            Reply r = Reply.json(status, bytes);
            h.forEach(r::header);
            return r;
        });
    }

    /** HTTP 200 {@code text/event-stream} with exactly this body, chunked after every blank line. */
    public static FakeResponse sse(String rawBody) {
        byte[] bytes = rawBody.getBytes(StandardCharsets.UTF_8);
        return of("sse", call -> {
            Reply r = ChatEngine.sseHead();
            RecordingData.splitEvents(bytes).forEach(r::data);
            return r;
        });
    }

    /**
     * HTTP 200 {@code text/event-stream}: a {@code : OPENROUTER PROCESSING} comment, then {@code data: <payload>}
     * for each payload, then {@code data: [DONE]}; one chunk per event.
     */
    public static FakeResponse sseEvents(List<String> dataPayloads) {
        List<String> payloads = List.copyOf(dataPayloads);
        return of("sse events", call -> {
            Reply r = ChatEngine.sseHead();
            r.data(": OPENROUTER PROCESSING\n\n");
            for (String p : payloads) {
                r.data("data: " + p + "\n\n");
            }
            return r.data("data: [DONE]\n\n");
        });
    }

    // ------------------------------------------------------------------ synthesized answers

    /**
     * A successful answer with this content, as JSON or as a stream (content split into word chunks, finish
     * chunk, usage chunk, {@code [DONE]}) depending on the request's {@code stream} flag. Usage and cost are
     * computed as for the default answer, for the request's model.
     */
    public static FakeResponse text(String content) {
        Objects.requireNonNull(content, "content");
        return of("text", call -> {
            Answer a = call.engine().newAnswer(call);
            ChatEngine.text(a, content);
            return call.engine().render(call, a);
        });
    }

    /** Same as {@link #text(String)} (which also streams when asked); reads better in streaming tests. */
    public static FakeResponse streamText(String content) {
        return text(content);
    }

    /**
     * A successful answer that calls one tool ({@code finish_reason: "tool_calls"}), as JSON or as a stream.
     *
     * @param argumentsJson the arguments string, normally a JSON object
     */
    public static FakeResponse toolCall(String name, String argumentsJson) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        return of("tool call " + name, call -> {
            Answer a = call.engine().newAnswer(call);
            ChatEngine.toolCall(a, name, argumentsJson);
            return call.engine().render(call, a);
        });
    }

    // ------------------------------------------------------------------ OpenRouter errors (real bodies)

    /**
     * The status with the body OpenRouter sends for it: 400 bad request, 401 {@link #unauthorized}, 402
     * {@link #insufficientCredits}, 403 {@link #moderation}, 404 {@link #noEndpoints} for the request's model,
     * 408, 413, 429 (OpenRouter's own per-minute limit with {@code X-RateLimit-*} headers), 500, 502, 503, 524,
     * 529, anything else a plain {@code {"error":{"code","message"}}}.
     */
    public static FakeResponse error(int status) {
        return of("error " + status, call -> Errors.canonical(status, call));
    }

    /** 400 with this message. */
    public static FakeResponse badRequest(String message) {
        return of("400 " + message, call -> Errors.badRequest(message));
    }

    /** 400 {@code "<id> is not a valid model ID"}. */
    public static FakeResponse invalidModel(String modelId) {
        return of("invalid model " + modelId, call -> Errors.invalidModel(modelId));
    }

    /** 404 {@code "No endpoints found for <id>."}. */
    public static FakeResponse noEndpoints(String modelId) {
        return of("no endpoints " + modelId, call -> Errors.noEndpoints(modelId));
    }

    /** 401: {@code "No auth credentials found"} if the request had no bearer key, else {@code "User not found."}. */
    public static FakeResponse unauthorized() {
        return of("unauthorized", Errors::unauthorized);
    }

    /** 402 with OpenRouter's real "requires more credits, or fewer max_tokens" message. */
    public static FakeResponse insufficientCredits() {
        return of("insufficient credits", call -> Errors.insufficientCredits());
    }

    /** 403 moderation: metadata {@code reasons}, {@code flagged_input}, {@code provider_name}, {@code model_slug}. */
    public static FakeResponse moderation(List<String> reasons) {
        List<String> r = List.copyOf(reasons);
        return of("moderation " + r, call -> Errors.moderation(r, call));
    }

    /** 403 from a guardrail: metadata {@code patterns} and {@code permission}. */
    public static FakeResponse guardrail() {
        return of("guardrail", call -> Errors.guardrail());
    }

    /** 408. */
    public static FakeResponse requestTimeout() {
        return of("request timeout", call -> Errors.requestTimeout());
    }

    /** 400 with {@code metadata.error_type: "context_length_exceeded"} and a "maximum context length" message. */
    public static FakeResponse contextTooLong() {
        return of("context too long", call -> Errors.contextTooLong());
    }

    /** 413. */
    public static FakeResponse payloadTooLarge() {
        return of("payload too large", call -> Errors.payloadTooLarge());
    }

    /** 429 "Provider returned error" with {@code metadata.provider_name/raw} (as recorded) and {@code Retry-After}. */
    public static FakeResponse rateLimited(int retryAfterSeconds) {
        return of("rate limited " + retryAfterSeconds + "s", call -> Errors.rateLimited(retryAfterSeconds, call));
    }

    /** 500. */
    public static FakeResponse serverError() {
        return of("server error", call -> Errors.serverError());
    }

    /** 502 "Provider returned error". */
    public static FakeResponse badGateway() {
        return of("bad gateway", Errors::badGateway);
    }

    /** 503: no provider meets the routing requirements. */
    public static FakeResponse noProvider() {
        return of("no provider", call -> Errors.noProvider());
    }

    /** 524 edge timeout. */
    public static FakeResponse edgeTimeout() {
        return of("edge timeout", call -> Errors.edgeTimeout());
    }

    /** 529 provider overloaded. */
    public static FakeResponse overloaded() {
        return of("overloaded", Errors::overloaded);
    }

    /** A Cloudflare-like HTML error page with this status, {@code Content-Type: text/html}. */
    public static FakeResponse htmlPage(int status) {
        return of("html " + status, call -> Errors.htmlPage(status));
    }

    /** HTTP 200 whose body is {@code {"error":{...}}} and has no {@code choices}. */
    public static FakeResponse ok200ErrorBody() {
        return of("200 with error body", Errors::ok200ErrorBody);
    }

    /**
     * HTTP 200 JSON (whatever the request asked) whose {@code choices[0]} has {@code finish_reason: "error"}, an
     * {@code error} and partial content. The streaming counterpart is {@link #midStreamError}.
     */
    public static FakeResponse choiceError() {
        return of("choice error", call -> Faults.choiceError(call, "The answer is"));
    }

    // ------------------------------------------------------------------ stream faults

    /**
     * Stream: chunks with {@code partialText}, then a chunk with a top-level {@code error} and
     * {@code finish_reason: "error"}, then the body ends (no {@code [DONE]}), as OpenRouter documents mid-stream
     * errors. A sync request gets {@link #choiceError()}'s shape with this partial text.
     */
    public static FakeResponse midStreamError(String partialText) {
        return of("mid-stream error", call -> Faults.midStreamError(call, partialText));
    }

    /** Always a stream: a little content, then an {@code event: error} frame, then the body ends. */
    public static FakeResponse eventErrorFrame() {
        return of("event: error frame", Faults::eventErrorFrame);
    }

    /**
     * Always a stream: content chunks, then the chunked body ends cleanly and the connection closes, with no
     * finish chunk, no usage and no {@code [DONE]}.
     */
    public static FakeResponse streamWithoutDone(String text) {
        return of("stream without [DONE]", call -> Faults.streamWithoutDone(call, text));
    }

    /** Always a stream: a complete answer, then {@code data: [DONE]} twice. */
    public static FakeResponse duplicatedDone(String text) {
        return of("duplicated [DONE]", call -> Faults.duplicatedDone(call, text));
    }

    /** Stream: a {@code data:} line with invalid JSON between valid chunks. Sync: a 200 body that is not JSON. */
    public static FakeResponse malformedChunk() {
        return of("malformed chunk", Faults::malformedChunk);
    }

    /**
     * Sync: the JSON body cut in the middle, with the {@code Content-Length} of the cut body. Stream: a few
     * chunks, then half a chunk's JSON, then the connection closes without ending the chunked body.
     */
    public static FakeResponse truncatedJson() {
        return of("truncated JSON", Faults::truncatedJson);
    }

    /**
     * Content containing invalid UTF-8 (the bytes {@code C3 28} and {@code FF}) after {@code text + " café"};
     * in a stream the {@code é} (C3 A9) is also split across two HTTP chunks.
     */
    public static FakeResponse invalidUtf8(String text) {
        return of("invalid UTF-8", call -> Faults.invalidUtf8(call, text));
    }

    /**
     * {@code tokens} tokens ({@code "tok0 tok1 ..."}), one per {@code interval}; a sync request gets its JSON
     * body in as many slices, one per interval. Waiting costs no thread, so hundreds can run at once.
     */
    public static FakeResponse dribble(int tokens, Duration interval) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be >= 1: " + tokens);
        }
        Objects.requireNonNull(interval, "interval");
        return of("dribble " + tokens + " x " + interval, call -> Faults.dribble(call, tokens, interval));
    }

    /** A successful answer with about {@code bytes} bytes of content (e.g. 10 MB), sync or streamed. */
    public static FakeResponse large(int bytes) {
        return of("large " + bytes, call -> Faults.large(call, bytes));
    }

    // ------------------------------------------------------------------ transport faults

    /** Reads the request, then resets the connection (TCP RST, SO_LINGER 0) before sending any byte. */
    public static FakeResponse resetBeforeHeaders() {
        return of("reset before headers", call -> Faults.resetBeforeHeaders());
    }

    /**
     * The default answer, cut by a TCP reset: in a stream after {@code events} {@code data:} events, in a sync
     * response after half the body (whose {@code Content-Length} announced all of it).
     */
    public static FakeResponse resetAfter(int events) {
        return of("reset after " + events, call -> Faults.resetAfter(call, events));
    }

    /** The default answer (as if nothing were scripted), sent only after {@code stall}. */
    public static FakeResponse stallBeforeHeaders(Duration stall) {
        Objects.requireNonNull(stall, "stall");
        return of("stall " + stall + " before headers",
                call -> call.engine().defaultChat(call).delayBefore(stall));
    }

    /**
     * The default answer, then silence: in a stream after {@code events} {@code data:} events, in a sync
     * response after half the body; after {@code stall} the connection closes.
     */
    public static FakeResponse stallAfter(int events, Duration stall) {
        Objects.requireNonNull(stall, "stall");
        return of("stall " + stall + " after " + events, call -> Faults.stallAfter(call, events, stall));
    }

    /** Reads the request, then closes the connection (FIN) without a response. */
    public static FakeResponse closeWithoutResponse() {
        return of("close without response", call -> Faults.closeWithoutResponse());
    }

    static List<FakeResponse> replayOf(String name) {
        List<RecordingData.Item> items = RecordingData.load(name);
        List<FakeResponse> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(recorded(name, i, items.get(i)));
        }
        return out;
    }
}
