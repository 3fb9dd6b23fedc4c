package dev.openrouter4j.samples.chatapi;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.weld.proxy.WeldClientProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bridges a LangChain4j stream to Server-Sent Events: a {@code token} event per piece of the answer, then one
 * {@code done} event with usage and cost, or one {@code error} event. When the client goes away (a write fails, the
 * sink is closed, or a keep-alive comment sent during a long silence cannot be written) the upstream stream is
 * cancelled through its {@link StreamingHandle}: OpenRouter's connection is closed, and the cost ledger records the
 * call as cancelled.
 */
@ApplicationScoped
public class ChatStreams {

    /** How often a keep-alive comment is sent, which also notices clients that left during a long silence. */
    static final long KEEP_ALIVE_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(ChatStreams.class);

    private ScheduledExecutorService keepAlive;

    @PostConstruct
    void init() {
        keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chat-api-keep-alive");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void close() {
        keepAlive.shutdownNow();
    }

    /** Starts streaming {@code request} on {@code model} into {@code sink}; returns at once. */
    public void open(StreamingChatModel model, ChatRequest request, String modelId, SseEventSink sink, Sse sse) {
        new Stream(sink, sse, modelId).start(model, request);
    }

    /**
     * Starts the call and returns its handle. The injected model is a CDI client proxy of the
     * {@code StreamingChatModel} interface; its instance is the library's {@link OpenRouterStreamingChatModel}, whose
     * {@code chatWithHandle} can cancel even before the first token. Any other model is cancelled from the first
     * callback's context instead.
     */
    private static StreamingHandle startUpstream(StreamingChatModel model, ChatRequest request,
                                                 StreamingChatResponseHandler handler) {
        Object target = model instanceof WeldClientProxy proxy ? proxy.getMetadata().getContextualInstance() : model;
        if (target instanceof OpenRouterStreamingChatModel openRouter) {
            return openRouter.chatWithHandle(request, handler);
        }
        model.chat(request, handler);
        return null;
    }

    /** One client's stream. */
    private final class Stream implements StreamingChatResponseHandler {

        private final SseEventSink sink;
        private final Sse sse;
        private final String modelId;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile StreamingHandle handle;
        private volatile boolean clientGone;
        private volatile ScheduledFuture<?> pings;

        Stream(SseEventSink sink, Sse sse, String modelId) {
            this.sink = sink;
            this.sse = sse;
            this.modelId = modelId;
        }

        void start(StreamingChatModel model, ChatRequest request) {
            pings = keepAlive.scheduleAtFixedRate(this::ping, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS,
                    TimeUnit.SECONDS);
            StreamingHandle h = startUpstream(model, request, this);
            if (h != null) {
                handle = h;
                if (clientGone) {
                    h.cancel();
                }
            }
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            if (handle == null && context != null) {
                handle = context.streamingHandle();
            }
            if (clientGone) {
                cancelUpstream();
                return;
            }
            if (!send(event("token", new Api.Token(partial.text())))) {
                clientLeft();
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            finish(event("done", Conversations.toAnswer(response, modelId)));
        }

        @Override
        public void onError(Throwable error) {
            ApiError e = Failures.describe(error);
            LOG.warn("Stream of {} failed -> {} {}: {}", modelId, e.status(), e.code(), e.message());
            finish(event("error", new Api.ErrorBody(e)));
        }

        private void finish(OutboundSseEvent last) {
            if (!finished.compareAndSet(false, true)) return;
            stopPings();
            send(last);
            closeSink();
        }

        private void ping() {
            if (!send(sse.newEventBuilder().comment("keep-alive").build())) {
                clientLeft();
            }
        }

        /** The client disconnected: cancel the upstream stream (closing OpenRouter's connection) and stop. */
        private void clientLeft() {
            if (clientGone) return;
            clientGone = true;
            finished.set(true);
            stopPings();
            cancelUpstream();
            closeSink();
            LOG.info("A client went away from its {} stream: cancelled the upstream stream", modelId);
        }

        private void cancelUpstream() {
            StreamingHandle h = handle;
            if (h != null && !h.isCancelled()) {
                h.cancel();
            }
        }

        private synchronized boolean send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                return false;
            }
            try {
                sink.send(event).toCompletableFuture().get(30, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void stopPings() {
            ScheduledFuture<?> p = pings;
            if (p != null) p.cancel(false);
        }

        private void closeSink() {
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already closed by the container
            }
        }

        private OutboundSseEvent event(String name, Object data) {
            return sse.newEventBuilder().name(name).data(String.class, JsonConfig.write(data)).build();
        }
    }
}
