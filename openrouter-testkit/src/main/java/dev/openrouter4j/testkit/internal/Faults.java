package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Replies that go wrong on purpose: in-band stream errors, broken framing, bad bytes, slow and cut connections. */
public final class Faults {

    /** Wait before a reset so the bytes already written reach the client before the RST does. */
    private static final Duration BEFORE_RESET = Duration.ofMillis(50);

    private Faults() {
    }

    private static Answer answer(ChatCall call, String text) {
        Answer a = call.engine().newAnswer(call);
        ChatEngine.text(a, text);
        return a;
    }

    private static Answer defaultAnswer(ChatCall call) {
        ChatEngine engine = call.engine();
        return engine.defaultAnswer(call, engine.catalog().lookupLenient(call.requestedModel()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ in-band errors

    /** Stream: content, then a chunk with a top-level {@code error} and finish_reason "error" (as documented). */
    public static Reply midStreamError(ChatCall call, String partialText) {
        if (!call.stream()) {
            return choiceError(call, partialText);
        }
        Answer a = answer(call, partialText);
        List<ChatEngine.SseEvent> events = new ArrayList<>(ChatEngine.streamEvents(a, false));
        events.subList(events.size() - 2, events.size()).clear(); // no finish, no usage
        ObjectNode c = ChatEngine.chunk(a);
        ObjectNode error = c.putObject("error");
        error.put("code", 502);
        error.put("message", "Provider returned error");
        error.putObject("metadata").put("error_type", "provider_unavailable").put("provider_code", "upstream_error");
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", "");
        choice.put("finish_reason", "error");
        choice.put("native_finish_reason", "error");
        events.add(ChatEngine.SseEvent.of(c));
        return ChatEngine.sse(events, Duration.ZERO);
    }

    /** HTTP 200, choices[0].finish_reason "error", choices[0].error and partial content. */
    public static Reply choiceError(ChatCall call, String partialText) {
        Answer a = answer(call, partialText);
        a.finishReason = "error";
        a.nativeFinishReason = "error";
        ObjectNode root = ChatEngine.result(a);
        ObjectNode choice = (ObjectNode) root.path("choices").get(0);
        ObjectNode error = choice.putObject("error");
        error.put("code", 502);
        error.put("message", "Upstream error from " + a.provider + ": the connection was closed mid-generation");
        error.putObject("metadata").put("provider_name", a.provider).put("error_type", "provider_unavailable");
        return Reply.json(200, Json.bytes(root));
    }

    /** Stream: a little content, then an {@code event: error} frame, then the end of the body. */
    public static Reply eventErrorFrame(ChatCall call) {
        Answer a = answer(call, "Hello");
        List<ChatEngine.SseEvent> events = new ArrayList<>(ChatEngine.streamEvents(a, false));
        events.subList(events.size() - 2, events.size()).clear();
        Reply r = ChatEngine.sse(events, Duration.ZERO);
        ObjectNode body = Errors.body(502, "Provider returned error", null, false);
        r.data(utf8("event: error\ndata: " + Json.write(body) + "\n\n"));
        return r;
    }

    // ------------------------------------------------------------------ broken streams and bodies

    /** Stream: content chunks, then the body ends (cleanly) and the connection closes: no finish, no [DONE]. */
    public static Reply streamWithoutDone(ChatCall call, String text) {
        Answer a = answer(call, text);
        List<ChatEngine.SseEvent> events = new ArrayList<>(ChatEngine.streamEvents(a, false));
        events.subList(events.size() - 2, events.size()).clear();
        return ChatEngine.sse(events, Duration.ZERO).closeAfter();
    }

    /** Stream: a complete answer followed by {@code data: [DONE]} twice. */
    public static Reply duplicatedDone(ChatCall call, String text) {
        Answer a = answer(call, text);
        call.engine().remember(call, a, true);
        List<ChatEngine.SseEvent> events = new ArrayList<>(ChatEngine.streamEvents(a, true));
        events.add(ChatEngine.done());
        return ChatEngine.sse(events, Duration.ZERO);
    }

    /** Stream: a {@code data:} line with invalid JSON between valid chunks. Sync: an invalid JSON body. */
    public static Reply malformedChunk(ChatCall call) {
        Answer a = answer(call, "Hello world");
        if (!call.stream()) {
            String broken = "{\"id\":\"" + a.id + "\",\"object\":\"chat.completion\",\"created\":" + a.created
                    + ",\"model\":\"" + a.model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"Hello world\"},,\"finish_reason\":\"stop\"}]";
            return Reply.json(200, utf8(broken));
        }
        List<ChatEngine.SseEvent> events = new ArrayList<>(ChatEngine.streamEvents(a, true));
        int at = indexOfContent(events, 1); // after the first content chunk
        events.add(at, new ChatEngine.SseEvent(utf8("data: {\"id\":\"" + a.id
                + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" wor\n\n"),
                true));
        return ChatEngine.sse(events, Duration.ZERO);
    }

    /** Index just after the n-th data event that follows the role chunk. */
    private static int indexOfContent(List<ChatEngine.SseEvent> events, int n) {
        int data = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).data()) {
                data++;
                if (data == n + 1) {
                    return i + 1;
                }
            }
        }
        return events.size();
    }

    /** Sync: the JSON body cut in the middle (Content-Length of the cut body). Stream: a chunk cut mid-JSON, then close. */
    public static Reply truncatedJson(ChatCall call) {
        Answer a = answer(call, "This answer will be cut off in the middle");
        if (!call.stream()) {
            byte[] full = Json.bytes(ChatEngine.result(a));
            return Reply.json(200, Arrays.copyOf(full, full.length / 2));
        }
        List<ChatEngine.SseEvent> events = ChatEngine.streamEvents(a, true);
        int cutAt = indexOfContent(events, 2);
        Reply r = ChatEngine.sse(events.subList(0, cutAt), Duration.ZERO);
        byte[] next = events.get(cutAt).bytes();
        r.data(Arrays.copyOf(next, next.length / 2));
        return r.pause(BEFORE_RESET).close();
    }

    /** The invalid bytes put inside content: a lead byte with a bad continuation, and 0xFF (never valid). */
    static final byte[] INVALID = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
    private static final String PLACEHOLDER = "@@INVALID@@";

    /**
     * Content with invalid UTF-8 bytes; in a stream, additionally a valid two-byte character ("é") split
     * across two HTTP chunks.
     */
    public static Reply invalidUtf8(ChatCall call, String text) {
        String valid = text + " caf\u00e9";
        String withPlaceholder = " bad:" + PLACEHOLDER + " end";
        Answer a = answer(call, valid + withPlaceholder);
        if (!call.stream()) {
            return Reply.json(200, replacePlaceholder(Json.bytes(ChatEngine.result(a))));
        }
        call.engine().remember(call, a, true);
        Reply r = ChatEngine.sseHead();
        r.data(ChatEngine.comment().bytes());
        r.data(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, "", null)).bytes());
        byte[] first = ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, valid, null)).bytes();
        byte[] eAcute = {(byte) 0xC3, (byte) 0xA9};
        int split = indexOf(first, eAcute) + 1; // between the two bytes of "é"
        r.data(Arrays.copyOfRange(first, 0, split));
        r.data(Arrays.copyOfRange(first, split, first.length));
        r.data(replacePlaceholder(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, withPlaceholder, null)).bytes()));
        r.data(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, "", a.finishReason)).bytes());
        r.data(ChatEngine.SseEvent.of(ChatEngine.usageChunk(a)).bytes());
        r.data(ChatEngine.done().bytes());
        return r;
    }

    private static byte[] replacePlaceholder(byte[] bytes) {
        byte[] p = utf8(PLACEHOLDER);
        int at = indexOf(bytes, p);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        out.write(bytes, 0, at);
        out.write(INVALID, 0, INVALID.length);
        out.write(bytes, at + p.length, bytes.length - at - p.length);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("pattern not found");
    }

    // ------------------------------------------------------------------ slow and large

    /** {@code tokens} tokens "tok0 tok1 ...", one per {@code interval}; sync: the JSON body in as many slices. */
    public static Reply dribble(ChatCall call, int tokens, Duration interval) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            sb.append(i == 0 ? "" : " ").append("tok").append(i);
        }
        Answer a = answer(call, sb.toString());
        call.engine().remember(call, a, call.stream());
        if (!call.stream()) {
            byte[] body = Json.bytes(ChatEngine.result(a));
            Reply r = Reply.status(200).header("Content-Type", "application/json");
            int slices = Math.max(1, tokens);
            for (int i = 0; i < slices; i++) {
                if (i > 0) {
                    r.pause(interval);
                }
                r.data(Arrays.copyOfRange(body, (int) ((long) body.length * i / slices),
                        (int) ((long) body.length * (i + 1) / slices)));
            }
            return r;
        }
        Reply r = ChatEngine.sseHead();
        r.data(ChatEngine.comment().bytes());
        r.data(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, "", null)).bytes());
        for (String piece : a.pieces) {
            r.pause(interval);
            r.data(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, piece, null)).bytes());
        }
        r.data(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, "", a.finishReason)).bytes());
        r.data(ChatEngine.SseEvent.of(ChatEngine.usageChunk(a)).bytes());
        r.data(ChatEngine.done().bytes());
        return r;
    }

    private static final String FILLER = "The quick brown fox jumps over the lazy dog while the fake OpenRouter "
            + "streams a very large answer to test buffers. ";

    /** A successful answer of about {@code bytes} bytes of content; streamed in 16 KB content chunks. */
    public static Reply large(ChatCall call, int bytes) {
        int wordsPerFiller = FILLER.trim().split(" ").length;
        StringBuilder sb = new StringBuilder(bytes + FILLER.length());
        int words = 0;
        while (sb.length() < bytes) {
            sb.append(FILLER);
            words += wordsPerFiller;
        }
        Answer a = call.engine().newAnswer(call);
        a.content = sb.toString();
        a.completionTokens = words;
        a.computeCost();
        call.engine().remember(call, a, call.stream());
        if (!call.stream()) {
            return Reply.json(200, Json.bytes(ChatEngine.result(a)));
        }
        Reply r = ChatEngine.sseHead();
        r.data(ChatEngine.comment().bytes());
        r.data(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, "", null)).bytes());
        int piece = 16 * 1024;
        for (int i = 0; i < a.content.length(); i += piece) {
            String part = a.content.substring(i, Math.min(a.content.length(), i + piece));
            r.data(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, part, null)).bytes());
        }
        r.data(ChatEngine.SseEvent.of(ChatEngine.contentChunk(a, "", a.finishReason)).bytes());
        r.data(ChatEngine.SseEvent.of(ChatEngine.usageChunk(a)).bytes());
        r.data(ChatEngine.done().bytes());
        return r;
    }

    // ------------------------------------------------------------------ transport faults

    public static Reply resetBeforeHeaders() {
        return Reply.headless(new Reply.Reset());
    }

    public static Reply closeWithoutResponse() {
        return Reply.headless(new Reply.Close());
    }

    /** Stream: after {@code events} data events, a TCP reset. Sync: after half the body. */
    public static Reply resetAfter(ChatCall call, int events) {
        return cut(call, events, BEFORE_RESET).reset();
    }

    /** Silence for {@code stall} after {@code events} data events (sync: half the body), then close. */
    public static Reply stallAfter(ChatCall call, int events, Duration stall) {
        return cut(call, events, stall).close();
    }

    private static Reply cut(ChatCall call, int dataEvents, Duration pause) {
        Answer a = defaultAnswer(call);
        if (!call.stream()) {
            byte[] body = Json.bytes(ChatEngine.result(a));
            return Reply.status(200).header("Content-Type", "application/json").declaredLength(body.length)
                    .data(Arrays.copyOf(body, body.length / 2)).pause(pause);
        }
        List<ChatEngine.SseEvent> all = ChatEngine.streamEvents(a, true);
        Reply r = ChatEngine.sseHead();
        int sent = 0;
        for (int i = 0; i < all.size() - 1 && sent < dataEvents; i++) {
            r.data(all.get(i).bytes());
            if (all.get(i).data()) {
                sent++;
            }
        }
        return r.pause(pause);
    }
}
