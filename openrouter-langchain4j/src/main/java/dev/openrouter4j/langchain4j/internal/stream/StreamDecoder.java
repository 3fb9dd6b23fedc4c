package dev.openrouter4j.langchain4j.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.sse.SseParser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The decoding half of a stream: event-stream bytes to SSE events ({@link SseParser}), events to chunks (the fast
 * {@link PlainChunkReader} for plain content chunks, a JSON tree otherwise), chunks into the {@link StreamAccumulator},
 * whose deltas go to the {@link CallbackQueue}. It decides the outcomes the bytes carry: {@code [DONE]}, an
 * {@code event: error} frame, an error chunk, a malformed chunk, a body that ends without an answer.
 * <p>
 * Everything here runs under the queue's monitor (the stream's one lock): bytes arrive on HTTP threads one read at a
 * time, and other threads only read the partial response.
 */
final class StreamDecoder implements SseParser.Listener {

    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final StreamingCall call;
    private final CallbackQueue queue;
    private final ApiClient client;
    private final ErrorMapper errors;
    private final SseParser parser = new SseParser();
    private final StreamAccumulator acc;
    private boolean doneSeen; // guarded by queue

    StreamDecoder(StreamingCall call, CallbackQueue queue, ApiClient client, ErrorMapper errors,
                  boolean returnThinking) {
        this.call = call;
        this.queue = queue;
        this.client = client;
        this.errors = errors;
        this.acc = new StreamAccumulator(returnThinking);
    }

    /** Decodes one network read; what the handler must hear is queued before this returns. */
    void feed(List<ByteBuffer> buffers) {
        synchronized (queue) {
            queue.beginRead();
            try {
                for (ByteBuffer b : buffers) {
                    if (doneSeen) {
                        break; // what follows [DONE] is drained unread, so the connection can be reused
                    }
                    parser.feed(b, this);
                }
            } finally {
                queue.endRead();
            }
        }
    }

    /** The body ended: a finish reason without {@code [DONE]} is a complete answer, anything less a failure. */
    void bodyEnded() {
        ChatResponse partial;
        boolean finished;
        int chunks;
        synchronized (queue) {
            if (!doneSeen) {
                parser.finish(this);
            }
            finished = acc.finished();
            partial = acc.response();
            chunks = acc.chunks();
        }
        if (finished) {
            call.succeed(partial);
        } else {
            call.fail(call.serverFailure("The stream from " + client.host() + " ended before the answer finished:"
                    + " no [DONE] and no finish reason after " + chunks + " chunks" + call.modelSuffix(), partial,
                    null));
        }
    }

    /** Whether {@code [DONE]} arrived: the server is ending the body, which then drains by itself. */
    boolean doneSeen() {
        synchronized (queue) {
            return doneSeen;
        }
    }

    /** The response so far, or null before the first chunk. */
    ChatResponse partialOrNull() {
        synchronized (queue) {
            return acc.chunks() == 0 ? null : acc.response();
        }
    }

    /** The response so far (possibly empty). */
    ChatResponse partial() {
        synchronized (queue) {
            return acc.response();
        }
    }

    /** Reports the tool calls not completed yet, before a successful end. */
    void completeToolCalls() {
        synchronized (queue) {
            acc.completeToolCalls(queue);
        }
    }

    @Override
    public void onEvent(String event, byte[] data, int off, int len) {
        if (doneSeen || !call.isOpen()) {
            return;
        }
        if (client.logsStreamEvents()) {
            client.logStreamEvent(event, new String(data, off, len, StandardCharsets.UTF_8));
        }
        if (isDone(data, off, len)) {
            onDone();
        } else if ("error".equals(event)) {
            onErrorEvent(data, off, len);
        } else if (!PlainChunkReader.read(data, off, len, acc, queue)) { // the common content chunk, without a tree
            onTreeChunk(data, off, len);
        }
    }

    private void onDone() {
        doneSeen = true;
        if (acc.chunks() == 0 && !acc.finished()) {
            call.fail(call.serverFailure("The stream from " + client.host() + " sent [DONE] without any answer"
                    + call.modelSuffix(), acc.response(), null));
            return;
        }
        call.succeed(acc.response());
    }

    private void onErrorEvent(byte[] data, int off, int len) {
        JsonNode node = tryParse(data, off, len);
        JsonNode error = node != null && node.has("error") ? node.get("error") : node;
        if (error == null || !error.isObject()) {
            error = Json.MAPPER.createObjectNode().put("message",
                    "the stream sent an error event: " + new String(data, off, len, StandardCharsets.UTF_8));
        }
        call.fail(errors.fromErrorNode(200, error, null, acc.response(), acc.generationId()));
    }

    private void onTreeChunk(byte[] data, int off, int len) {
        JsonNode chunk = tryParse(data, off, len);
        if (chunk == null) {
            String snippet = new String(data, off, Math.min(len, 120), StandardCharsets.UTF_8);
            call.fail(call.transportFailure(new MalformedResponseException("a stream chunk is not valid JSON: "
                    + snippet), "in the middle of the stream", acc.response()));
            return;
        }
        JsonNode error = acc.accept(chunk, queue);
        if (error != null) {
            call.fail(errors.fromErrorNode(200, error, null, acc.response(), acc.generationId()));
        }
    }

    static boolean isDone(byte[] data, int off, int len) {
        int s = off;
        int e = off + len;
        while (s < e && (data[s] == ' ' || data[s] == '\t')) s++;
        while (e > s && (data[e - 1] == ' ' || data[e - 1] == '\t')) e--;
        if (e - s != DONE.length) return false;
        for (int i = 0; i < DONE.length; i++) {
            if (data[s + i] != DONE[i]) return false;
        }
        return true;
    }

    static JsonNode tryParse(byte[] data, int off, int len) {
        try {
            return Json.MAPPER.readTree(data, off, len);
        } catch (java.io.IOException e) {
            // invalid UTF-8 inside a string: decode with replacement characters and try again
            try {
                return Json.parse(new String(data, off, len, StandardCharsets.UTF_8));
            } catch (java.io.IOException e2) {
                return null;
            }
        }
    }
}
