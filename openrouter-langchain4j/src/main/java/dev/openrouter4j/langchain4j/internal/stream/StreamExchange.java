package dev.openrouter4j.langchain4j.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.cache.OpenRouterCacheHeaders;
import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.http.BodyCollector;
import dev.openrouter4j.langchain4j.internal.http.RequestBody;
import dev.openrouter4j.langchain4j.internal.http.RetryPolicy;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.response.ResponseMapper;
import dev.openrouter4j.langchain4j.logging.Log;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP half of a stream: sends the request through the {@link ApiClient}, retries before the first byte as the
 * {@link RetryPolicy} says (429, 502, 503, refused connections), refuses redirects, and hands an event-stream body to an
 * {@link EventStreamSubscriber}. A body that is not an event stream (an error, or a whole completion from a server that
 * does not stream) is collected and decided here.
 */
final class StreamExchange {

    private static final Log LOG = Log.of(StreamExchange.class);
    private static final String PATH = "chat/completions";

    private final StreamingCall call;
    private final ApiClient client;
    private final RequestBody body;
    private final ErrorMapper errors;
    private final StreamDecoder decoder;
    private final CallbackQueue queue;
    private final boolean returnThinking;
    private int attempt; // one attempt at a time: a retry is scheduled only after the previous one ended
    private CompletableFuture<?> future; // guarded by this
    private boolean responseArrived; // guarded by this
    private boolean stopWanted; // guarded by this: the call ended
    private volatile EventStreamSubscriber subscriber; // written under this

    StreamExchange(StreamingCall call, ApiClient client, RequestBody body, ErrorMapper errors, StreamDecoder decoder,
                   CallbackQueue queue, boolean returnThinking) {
        this.call = call;
        this.client = client;
        this.body = body;
        this.errors = errors;
        this.decoder = decoder;
        this.queue = queue;
        this.returnThinking = returnThinking;
    }

    void start() {
        client.log().request("POST", PATH, body);
        send();
    }

    private void send() {
        if (!call.isOpen()) {
            return;
        }
        CompletableFuture<HttpResponse<Void>> f;
        try {
            HttpRequest request = client.request("POST", PATH, body, "text/event-stream");
            f = client.client().sendAsync(request, this::bodyHandler);
        } catch (RuntimeException e) {
            call.fail(call.transportFailure(e, "before sending the request", null));
            return;
        }
        boolean cancelNow;
        synchronized (this) {
            future = f;
            cancelNow = stopWanted && !responseArrived;
        }
        if (cancelNow) {
            f.cancel(true);
        }
        f.whenComplete((r, err) -> {
            if (err != null) {
                onExchangeFailure(err);
            }
        });
    }

    /** Stops the exchange because the call ended: before the response by cancelling it, after by the subscriber. */
    void stop() {
        CompletableFuture<?> f = null;
        EventStreamSubscriber s;
        synchronized (this) {
            stopWanted = true;
            s = subscriber;
            if (!responseArrived) {
                f = future;
            }
        }
        if (s != null) {
            s.stop(false);
        } else if (f != null && !f.isDone()) {
            f.cancel(true); // no response yet: the body handler, if it runs now, closes the connection itself
        }
    }

    /** Resumes a read paused by backpressure, once the handler caught up. */
    void resumeIfDrained() {
        EventStreamSubscriber s = subscriber;
        if (s != null) {
            s.resumeIfDrained();
        }
    }

    private HttpResponse.BodySubscriber<Void> bodyHandler(HttpResponse.ResponseInfo info) {
        synchronized (this) {
            responseArrived = true;
            if (stopWanted) {
                return closing();
            }
        }
        int status = info.statusCode();
        String contentType = info.headers().firstValue("content-type").orElse(null);
        call.cacheStatusHeader(info.headers().firstValue(OpenRouterCacheHeaders.STATUS).orElse(null));
        try {
            client.checkNotRedirect(status, info.headers(), errors);
        } catch (RuntimeException redirect) {
            call.fail(redirect);
            return closing();
        }
        if (status < 400 && ApiClient.isEventStream(contentType)) {
            EventStreamSubscriber s = new EventStreamSubscriber(call, decoder, queue, client.watchdog(),
                    client.timeout().toNanos());
            synchronized (this) {
                subscriber = s;
                if (!stopWanted) {
                    return s;
                }
            }
            return closing();
        }
        String retryAfter = info.headers().firstValue("retry-after").orElse(null);
        HttpResponse.BodySubscriber<byte[]> collector = BodyCollector.create(client.watchdog(), client.timeout());
        collector.getBody().whenComplete((bytes, err) -> {
            if (err != null) {
                onExchangeFailure(err);
            } else {
                onPlainBody(status, contentType, retryAfter, bytes);
            }
        });
        return HttpResponse.BodySubscribers.mapping(collector, b -> null);
    }

    /** A body nobody reads: its connection is closed at once, on the JDK's thread, so it is never pooled. */
    private static HttpResponse.BodySubscriber<Void> closing() {
        return HttpResponse.BodySubscribers.fromSubscriber(new Flow.Subscriber<List<ByteBuffer>>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
    }

    private void onExchangeFailure(Throwable err) {
        if (!call.isOpen()) {
            return;
        }
        boolean streaming;
        synchronized (this) {
            streaming = subscriber != null;
        }
        if (!streaming && client.retry().retriesTransportFailure(err, false) && client.retry().allowsAnother(attempt)) {
            retryLater(client.retry().delay(attempt, null), ErrorMapper.unwrap(err).toString());
            return;
        }
        String phase = streaming ? "in the middle of the stream" : "before the stream started";
        call.fail(call.transportFailure(err, phase, decoder.partialOrNull()));
    }

    private void onPlainBody(int status, String contentType, String retryAfter, byte[] bytes) {
        if (!call.isOpen()) {
            return;
        }
        client.log().response(status, contentType, bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (status >= 400) {
            RuntimeException failure = errors.fromHttp(status, contentType, text, retryAfter);
            if (RetryPolicy.isRetriableStatus(status) && client.retry().allowsAnother(attempt)) {
                retryLater(client.retry().delay(attempt, retryAfter), failure.getMessage());
                return;
            }
            call.fail(failure);
            return;
        }
        // a 2xx that is not an event stream: an error body, or a whole completion from a non-streaming server
        try {
            JsonNode root = Json.parse(text);
            ChatResponse response = ResponseMapper.fromCompletion(root, returnThinking, errors);
            if (response.aiMessage().text() != null) {
                queue.text(response.aiMessage().text());
            }
            call.succeed(response);
        } catch (RuntimeException e) {
            call.fail(e);
        } catch (IOException e) {
            call.fail(call.transportFailure(new MalformedResponseException("HTTP " + status + " with content type "
                    + contentType + " and a body that is not an OpenRouter response", e), "instead of an event stream",
                    null));
        }
    }

    private void retryLater(Duration delay, String why) {
        attempt++;
        synchronized (this) {
            responseArrived = false;
            future = null;
        }
        LOG.warn("OpenRouter stream could not start ({}); retry {} of {} in {} ms", why, attempt,
                client.retry().maxRetries(), delay.toMillis());
        try {
            client.resources().timer().schedule(this::send, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            call.fail(new OpenRouterConnectionException("The model was closed while a stream was waiting to retry",
                    OpenRouterErrorDetails.transport("closed", null), e));
        }
    }
}
