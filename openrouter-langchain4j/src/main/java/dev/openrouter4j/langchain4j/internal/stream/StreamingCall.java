package dev.openrouter4j.langchain4j.internal.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.StreamCancelledException;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.IdleTimeoutException;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.http.BodyCollector;
import dev.openrouter4j.langchain4j.internal.http.OpenRouterTransport;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.response.ResponseMapper;
import dev.openrouter4j.langchain4j.internal.sse.SseParser;
import dev.openrouter4j.langchain4j.internal.util.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One streaming call, from request to exactly one terminal callback.
 * <p>
 * Bytes arrive on the HTTP client's threads through the JDK's {@code Flow} body subscriber: no thread waits on an open
 * stream. They are parsed there (SSE framing, chunk JSON, accumulation), and what the handler must hear is queued, in
 * order, on a per-call {@link SerialExecutor} over the library's callback pool, so handlers never run on the client's
 * threads and a slow handler holds back only its own stream (the queue is bounded by pausing reads).
 * <p>
 * Terminal rules: the first of success, failure or cancellation wins ({@link #decided}); the handler hears exactly one
 * of {@code onCompleteResponse} / {@code onError}, or nothing after the caller cancelled; listeners hear exactly one of
 * {@code onResponse} / {@code onError} in every case (a cancelled call as {@link StreamCancelledException}).
 */
public final class StreamingCall implements StreamingHandle, HttpResponse.BodySubscriber<Void>, SseParser.Listener,
        StreamAccumulator.Sink, dev.openrouter4j.langchain4j.internal.http.IdleWatchdog.Watched {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingCall.class);
    private static final int HIGH_WATER = 256;
    private static final int LOW_WATER = 32;
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final OpenRouterTransport transport;
    private final byte[] body;
    private final ErrorMapper errors;
    private final StreamingChatResponseHandler handler;
    private final ListenerNotifier listeners;
    private final StreamAccumulator acc;
    private final SseParser parser = new SseParser();
    private final SerialExecutor callbacks;
    private final CompletableFuture<Void> bodyDone = new CompletableFuture<>();
    private final long idleNanos;
    private final boolean returnThinking;
    private final String modelId;

    private final AtomicBoolean decided = new AtomicBoolean();
    private volatile boolean cancelled;
    private boolean delivered; // touched only on the serial executor
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<?> exchange;
    private volatile long lastActivity;
    private volatile boolean responseArrived;
    private volatile boolean readPaused;
    private boolean doneSeen; // touched under the accumulator lock
    private java.util.ArrayList<Runnable> batch; // callbacks of the read being parsed; under the accumulator lock
    private boolean batchOpen; // whether this read already handed a callback over; under the accumulator lock
    private int attempt;

    public StreamingCall(OpenRouterTransport transport, byte[] body, ErrorMapper errors,
                         StreamingChatResponseHandler handler, ListenerNotifier listeners, boolean returnThinking,
                         String modelId) {
        this.transport = transport;
        this.returnThinking = returnThinking;
        this.modelId = modelId;
        this.body = body;
        this.errors = errors;
        this.handler = handler;
        this.listeners = listeners;
        this.acc = new StreamAccumulator(returnThinking);
        this.callbacks = new SerialExecutor(transport.callbackExecutor(), this::resumeIfDrained);
        this.idleNanos = transport.timeout().toNanos();
        // once the body is over, no idle check is needed: drop it now rather than keep this call for `timeout`
        this.bodyDone.whenComplete((v, e) -> transport.watchdog().unwatch(this));
    }

    /** Sends the request; every outcome arrives through the handler. */
    public StreamingCall start() {
        transport.logRequest("chat/completions", body);
        send();
        return this;
    }

    private void send() {
        if (cancelled || decided.get()) {
            return;
        }
        CompletableFuture<HttpResponse<Void>> f;
        try {
            f = transport.client().sendAsync(transport.post("chat/completions", body, true), this::bodyHandler);
        } catch (RuntimeException e) {
            fail(errors.fromTransport(e, transport.host(), "before sending the request", transport.timeout(), null));
            return;
        }
        exchange = f;
        if (cancelled) {
            f.cancel(true);
        }
        f.whenComplete((r, err) -> {
            if (err != null) {
                onExchangeFailure(err);
            }
        });
    }

    private HttpResponse.BodySubscriber<Void> bodyHandler(HttpResponse.ResponseInfo info) {
        responseArrived = true;
        int status = info.statusCode();
        String contentType = info.headers().firstValue("content-type").orElse(null);
        if (status < 400 && OpenRouterTransport.isEventStream(contentType)) {
            return this;
        }
        String retryAfter = info.headers().firstValue("retry-after").orElse(null);
        HttpResponse.BodySubscriber<byte[]> collector = BodyCollector.create(transport.watchdog(), transport.timeout());
        collector.getBody().whenComplete((bytes, err) -> {
            if (err != null) {
                onExchangeFailure(err);
            } else {
                onPlainBody(status, contentType, retryAfter, bytes);
            }
        });
        return HttpResponse.BodySubscribers.mapping(collector, b -> null);
    }

    private void onExchangeFailure(Throwable err) {
        if (decided.get() || cancelled) {
            return;
        }
        Throwable root = ErrorMapper.unwrap(err);
        if (subscription == null && OpenRouterTransport.isConnectFailure(root)
                && attempt < transport.settings().maxRetries()) {
            retryLater(transport.backoff(attempt, null), root.toString());
            return;
        }
        String phase = subscription == null ? "before the stream started" : "in the middle of the stream";
        fail(errors.fromTransport(root, transport.host(), phase, transport.timeout(), partialOrNull()));
    }

    private void onPlainBody(int status, String contentType, String retryAfter, byte[] bytes) {
        if (decided.get() || cancelled) {
            return;
        }
        transport.logResponse(status, bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (status >= 400) {
            RuntimeException failure = errors.fromHttp(status, contentType, text, retryAfter);
            boolean retriable = status == 429 || status == 502 || status == 503;
            if (retriable && attempt < transport.settings().maxRetries()) {
                retryLater(transport.backoff(attempt, ErrorMapper.parseRetryAfter(retryAfter)), failure.getMessage());
                return;
            }
            fail(failure);
            return;
        }
        // a 2xx that is not an event stream: an error body, or a whole completion from a non-streaming server
        try {
            JsonNode root = Json.parse(text);
            ChatResponse response = ResponseMapper.fromCompletion(root, returnThinking, errors);
            if (response.aiMessage().text() != null) {
                text(response.aiMessage().text());
            }
            succeed(response);
        } catch (RuntimeException e) {
            fail(e);
        } catch (java.io.IOException e) {
            fail(errors.fromTransport(new MalformedResponseException("HTTP " + status + " with content type "
                    + contentType + " and a body that is not an OpenRouter response", e), transport.host(),
                    "instead of an event stream", transport.timeout(), null));
        }
    }

    private void retryLater(Duration delay, String why) {
        attempt++;
        LOG.warn("OpenRouter stream could not start ({}); retry {} of {} in {} ms", why, attempt,
                transport.settings().maxRetries(), delay.toMillis());
        try {
            transport.timer().schedule(this::send, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            fail(new OpenRouterConnectionException("The model was closed while a stream was waiting to retry",
                    OpenRouterErrorDetails.transport("closed", null), e));
        }
    }

    // ---- Flow subscriber of the event stream ----

    @Override
    public CompletionStage<Void> getBody() {
        return bodyDone;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled || decided.get()) {
            s.cancel();
            bodyDone.complete(null);
            return;
        }
        lastActivity = System.nanoTime();
        transport.watchdog().watch(this);
        if (bodyDone.isDone()) {
            transport.watchdog().unwatch(this);
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        lastActivity = System.nanoTime();
        if (cancelled || (decided.get() && !doneSeen)) {
            return; // cancelled: the subscription is cancelled; nothing more is read
        }
        try {
            synchronized (acc) {
                batch = new java.util.ArrayList<>();
                batchOpen = false;
                try {
                    for (ByteBuffer b : buffers) {
                        if (doneSeen) {
                            break; // drain what follows [DONE] so the connection can be reused
                        }
                        parser.feed(b, this);
                    }
                } finally {
                    flushBatch();
                }
            }
        } catch (RuntimeException e) {
            // a bug of ours must still end the call once, with a message, and never reach the HTTP client
            LOG.error("openrouter4j failed to process a stream chunk", e);
            String m = "openrouter4j failed to process a chunk of the stream from " + transport.host() + modelSuffix()
                    + ": " + e;
            fail(new OpenRouterServerException(m, details(m, partialOrNull()), e));
            return;
        }
        Flow.Subscription s = subscription;
        if (s != null && !cancelled) {
            if (callbacks.pending() < HIGH_WATER || doneSeen || decided.get()) {
                s.request(1);
            } else {
                readPaused = true; // backpressure: a slow handler pauses its own stream only
                resumeIfDrained();
            }
        }
    }

    private void resumeIfDrained() {
        if (readPaused && callbacks.pending() <= LOW_WATER) {
            readPaused = false;
            Flow.Subscription s = subscription;
            if (s != null && !cancelled) {
                s.request(1);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        bodyDone.completeExceptionally(throwable);
        if (decided.get() || cancelled) {
            return;
        }
        ChatResponse partial;
        synchronized (acc) {
            partial = acc.response();
        }
        fail(errors.fromTransport(throwable, transport.host(), "in the middle of the stream", transport.timeout(),
                partial));
    }

    @Override
    public void onComplete() {
        boolean finished;
        ChatResponse partial;
        int chunks;
        synchronized (acc) {
            if (!doneSeen) {
                parser.finish(this);
            }
            finished = acc.finished();
            partial = acc.response();
            chunks = acc.chunks();
        }
        bodyDone.complete(null);
        if (decided.get() || cancelled) {
            return;
        }
        if (finished) {
            succeed(partial); // lenient: a finish reason without [DONE] is a complete answer
        } else {
            String m = "The stream from " + transport.host() + " ended before the answer finished: no [DONE] and no"
                    + " finish reason after " + chunks + " chunks" + modelSuffix();
            fail(new OpenRouterServerException(m, details(m, partial), null));
        }
    }

    // ---- SSE events (called under the accumulator lock) ----

    @Override
    public void onEvent(String event, byte[] data, int off, int len) {
        if (doneSeen || decided.get()) {
            return;
        }
        if (transport.logsStreamEvents()) {
            transport.logStreamEvent(event, new String(data, off, len, StandardCharsets.UTF_8));
        }
        if (isDone(data, off, len)) {
            doneSeen = true;
            if (acc.chunks() == 0 && !acc.finished()) {
                String m = "The stream from " + transport.host() + " sent [DONE] without any answer" + modelSuffix();
                fail(new OpenRouterServerException(m, details(m, acc.response()), null));
                return;
            }
            succeed(acc.response());
            return;
        }
        if ("error".equals(event)) {
            JsonNode node = tryParse(data, off, len);
            JsonNode error = node != null && node.has("error") ? node.get("error") : node;
            if (error == null || !error.isObject()) {
                error = Json.MAPPER.createObjectNode().put("message",
                        "the stream sent an error event: " + new String(data, off, len, StandardCharsets.UTF_8));
            }
            fail(errors.fromErrorNode(200, error, null, acc.response(), acc.generationId()));
            return;
        }
        if (PlainChunkReader.read(data, off, len, acc, this)) {
            return; // the common content chunk, read without building a tree
        }
        JsonNode chunk = tryParse(data, off, len);
        if (chunk == null) {
            String snippet = new String(data, off, Math.min(len, 120), StandardCharsets.UTF_8);
            ChatResponse partial = acc.response();
            fail(errors.fromTransport(new MalformedResponseException("a stream chunk is not valid JSON: " + snippet),
                    transport.host(), "in the middle of the stream", transport.timeout(), partial));
            return;
        }
        JsonNode error = acc.accept(chunk, this);
        if (error != null) {
            fail(errors.fromErrorNode(200, error, null, acc.response(), acc.generationId()));
        }
    }

    private static boolean isDone(byte[] data, int off, int len) {
        int s = off, e = off + len;
        while (s < e && (data[s] == ' ' || data[s] == '\t')) s++;
        while (e > s && (data[e - 1] == ' ' || data[e - 1] == '\t')) e--;
        if (e - s != DONE.length) return false;
        for (int i = 0; i < DONE.length; i++) {
            if (data[s + i] != DONE[i]) return false;
        }
        return true;
    }

    private static JsonNode tryParse(byte[] data, int off, int len) {
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

    // ---- what the accumulator reports: queued for the handler, in order ----

    /**
     * Queues a callback. While a read is being parsed and the handler is still busy with earlier callbacks, the new
     * ones are collected and handed to the callback pool as one task when the read is done: at most two hand-offs per
     * network read instead of one per token, and the first token of a read never waits for the rest of it.
     */
    private void enqueue(Runnable task) {
        synchronized (acc) {
            if (batch != null) {
                if (batchOpen || !batch.isEmpty() || callbacks.pending() > 0) {
                    batch.add(task);
                    return;
                }
                batchOpen = true; // the handler is idle: this one goes now, the rest of the read goes as one task
            }
        }
        callbacks.execute(task);
    }

    private void flushBatch() { // under the accumulator lock
        java.util.ArrayList<Runnable> tasks = batch;
        batch = null;
        if (tasks == null || tasks.isEmpty()) {
            return;
        }
        if (tasks.size() == 1) {
            callbacks.execute(tasks.get(0));
            return;
        }
        callbacks.execute(() -> {
            for (Runnable t : tasks) {
                try {
                    t.run();
                } catch (Throwable ignored) {
                    // each task handles its own failures
                }
            }
        }, tasks.size());
    }

    @Override
    public void text(String delta) {
        enqueue(() -> {
            if (skip()) return;
            try {
                handler.onPartialResponse(new PartialResponse(delta), new PartialResponseContext(this));
            } catch (Throwable t) {
                handlerFailed("onPartialResponse", t);
            }
        });
    }

    @Override
    public void thinking(String delta) {
        enqueue(() -> {
            if (skip()) return;
            try {
                handler.onPartialThinking(new PartialThinking(delta), new PartialThinkingContext(this));
            } catch (Throwable t) {
                handlerFailed("onPartialThinking", t);
            }
        });
    }

    @Override
    public void partialToolCall(int index, String id, String name, String argumentsDelta) {
        PartialToolCall call = PartialToolCall.builder().index(index).id(id).name(name)
                .partialArguments(argumentsDelta).build();
        enqueue(() -> {
            if (skip()) return;
            try {
                handler.onPartialToolCall(call, new PartialToolCallContext(this));
            } catch (Throwable t) {
                handlerFailed("onPartialToolCall", t);
            }
        });
    }

    @Override
    public void completeToolCall(int index, ToolExecutionRequest request) {
        CompleteToolCall call = new CompleteToolCall(index, request);
        enqueue(() -> {
            if (skip()) return;
            try {
                handler.onCompleteToolCall(call);
            } catch (Throwable t) {
                handlerFailed("onCompleteToolCall", t);
            }
        });
    }

    private boolean skip() {
        return delivered || cancelled;
    }

    private void handlerFailed(String callback, Throwable t) {
        LOG.debug("The streaming handler threw in {}; cancelling the stream", callback, t);
        decided.set(true);
        delivered = true;
        cancelTransport();
        listeners.onError(t);
        try {
            handler.onError(t);
        } catch (Throwable t2) {
            LOG.warn("The streaming handler threw in onError; ignored", t2);
        }
    }

    // ---- terminal outcomes ----

    private void succeed(ChatResponse response) {
        if (!decided.compareAndSet(false, true)) {
            return;
        }
        acc.completeToolCalls(this);
        enqueue(() -> {
            if (delivered) return;
            delivered = true;
            if (cancelled) {
                listeners.onError(cancelledError(response));
                return;
            }
            listeners.onResponse(response);
            try {
                handler.onCompleteResponse(response);
            } catch (Throwable t) {
                LOG.warn("The streaming handler threw in onCompleteResponse; ignored (the call had completed)", t);
            }
        });
    }

    private void fail(RuntimeException error) {
        if (!decided.compareAndSet(false, true)) {
            return;
        }
        cancelTransport();
        enqueue(() -> {
            if (delivered) return;
            delivered = true;
            if (cancelled) {
                listeners.onError(cancelledError(partialOrNull()));
                return;
            }
            listeners.onError(error);
            try {
                handler.onError(error);
            } catch (Throwable t) {
                LOG.warn("The streaming handler threw in onError; ignored", t);
            }
        });
    }

    /** Cancels the call: the connection is closed and the handler hears nothing more; listeners hear it. */
    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        cancelTransport();
        if (decided.compareAndSet(false, true)) {
            ChatResponse partial = partialOrNull();
            enqueue(() -> {
                if (delivered) return;
                delivered = true;
                listeners.onError(cancelledError(partial));
            });
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    private StreamCancelledException cancelledError(ChatResponse partial) {
        String m = "The stream was cancelled by the caller" + modelSuffix();
        return new StreamCancelledException(m, details(m, partial));
    }

    private void cancelTransport() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
            bodyDone.complete(null);
        }
        // Cancel the exchange only while no response has arrived: once it has, the JDK may already have returned the
        // connection to the pool for another call, and cancelling the future would close that call's connection.
        CompletableFuture<?> f = exchange;
        if (s == null && !responseArrived && f != null && !f.isDone()) {
            f.cancel(true);
        }
    }

    private ChatResponse partialOrNull() {
        synchronized (acc) {
            return acc.chunks() == 0 ? null : acc.response();
        }
    }

    private OpenRouterErrorDetails details(String message, ChatResponse partial) {
        return new OpenRouterErrorDetails(-1, null, null, message, null, modelId, null, List.of(),
                partial == null ? null : partial.metadata().id(), partial);
    }

    private String modelSuffix() {
        return modelId == null ? "" : " (model " + modelId + ")";
    }

    // ---- idle timeout ----

    @Override
    public boolean checkIdle(long now) {
        if (bodyDone.isDone()) {
            return false;
        }
        long idle = now - lastActivity;
        if (idle < idleNanos) {
            return true;
        }
        if (decided.get() || cancelled) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel(); // a stream that went quiet after its end: release the connection
            }
            bodyDone.complete(null);
            return false;
        }
        ChatResponse partial = partialOrNull();
        fail(errors.fromTransport(new IdleTimeoutException("no data for " + TimeUnit.NANOSECONDS.toMillis(idle)
                + " ms"), transport.host(), "in the middle of the stream", transport.timeout(), partial));
        return false;
    }
}
