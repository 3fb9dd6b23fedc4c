package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.internal.cache.CacheEngine;
import dev.openrouter4j.langchain4j.internal.cache.OpenRouterCacheHeaders;
import dev.openrouter4j.langchain4j.internal.cache.StreamFlow;
import dev.openrouter4j.langchain4j.internal.http.RequestBody;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.stream.ListenerNotifier;
import dev.openrouter4j.langchain4j.internal.stream.StreamingCall;
import dev.openrouter4j.langchain4j.logging.Log;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * A LangChain4j {@link StreamingChatModel} for every model behind OpenRouter, on a non-blocking path: no thread is
 * held per open stream, so a few library threads serve thousands of streams.
 * <p>
 * Guarantees: exactly one terminal callback per call ({@code onCompleteResponse} or {@code onError}), also when the
 * request cannot even be built (then {@code onError}, never a throw) and when a handler callback throws (the stream is
 * cancelled and {@code onError} is called once). A mid-stream error chunk, an {@code event: error} frame, a malformed
 * chunk, a reset, a stall longer than the timeout, or a stream that ends without {@code [DONE]} and without a finish
 * reason is an {@code onError}, never a truncated success; the exception's
 * {@link dev.openrouter4j.langchain4j.exception.OpenRouterFailure#partialResponse()} holds what had arrived.
 * <p>
 * Threads: callbacks run on the library's callback pool (threads named {@code openrouter4j-callback-N}, or your
 * {@link OpenRouterModelBuilder#callbackExecutor executor}), never on the HTTP client's threads; one stream's callbacks
 * never overlap and arrive in order; a slow handler only slows its own stream.
 * <p>
 * Cancelling ({@link StreamingHandle#cancel()} from a callback's context, or the handle {@link #chatWithHandle}
 * returns, even before the first token) closes the connection; the handler hears nothing more, and listeners get one
 * {@code onError} with a {@link dev.openrouter4j.langchain4j.exception.StreamCancelledException}, so a cost ledger
 * still sees the call.
 */
public class OpenRouterStreamingChatModel extends AbstractOpenRouterModel implements StreamingChatModel {

    /**
     * The listener attribute this model sets to {@code "true"} on every call, so listeners (such as the cost listener)
     * know a call streamed without guessing from threads.
     */
    public static final String STREAMING_ATTRIBUTE = OpenRouterListenerAttributes.STREAMING;

    private static final Log LOG = Log.of(OpenRouterStreamingChatModel.class);

    protected OpenRouterStreamingChatModel(Builder builder) {
        super(builder.buildCore());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        chatWithHandle(request, options, handler);
    }

    /** Like {@link #chat(ChatRequest, StreamingChatResponseHandler)}, returning a handle that can cancel at once. */
    public StreamingHandle chatWithHandle(ChatRequest request, StreamingChatResponseHandler handler) {
        return chatWithHandle(request, ChatRequestOptions.EMPTY, handler);
    }

    /** Like {@link #chat(ChatRequest, ChatRequestOptions, StreamingChatResponseHandler)}, returning a handle. */
    public StreamingHandle chatWithHandle(ChatRequest request, ChatRequestOptions options,
                                          StreamingChatResponseHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
        ChatRequest finalRequest;
        try {
            finalRequest = ChatRequest.builder()
                    .messages(request.messages())
                    .parameters(defaultRequestParameters().overrideWith(request.parameters()))
                    .build();
        } catch (RuntimeException e) {
            return failBeforeStart(null, handler, e);
        }
        Map<Object, Object> attributes = new ConcurrentHashMap<>(
                options == null ? Map.of() : options.listenerAttributes());
        attributes.putIfAbsent(STREAMING_ATTRIBUTE, "true");
        ListenerNotifier notifier = new ListenerNotifier(core.listeners(), finalRequest, provider(), attributes);
        notifier.onRequest();
        return start(finalRequest, handler, notifier);
    }

    /** Starts the call without listeners, as LangChain4j's {@code doChat} contract says. */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        start(request, handler, new ListenerNotifier(List.of(), request, provider(), new ConcurrentHashMap<>()));
    }

    private StreamingHandle start(ChatRequest request, StreamingChatResponseHandler handler,
                                  ListenerNotifier notifier) {
        OpenRouterChatRequestParameters p;
        byte[] body;
        String cacheKey = null;
        CacheEngine cache = core.responseCache();
        try {
            core.client().ensureOpen();
            p = core.parameters(request.parameters());
            if (cache != null && cache.accepts(p.temperature(), p.seed())) {
                ObjectNode tree = core.writer().tree(request, p, false);
                // the key is that of the sync body, so sync and streaming calls of one request share an entry
                cacheKey = cache.key(core.client().baseUrl(), "chat/completions",
                        Json.MAPPER.writeValueAsBytes(tree));
                tree.put("stream", true);
                body = Json.MAPPER.writeValueAsBytes(tree);
            } else {
                body = core.writer().write(request, p, true);
            }
        } catch (RuntimeException | JsonProcessingException e) {
            return failBeforeStart(notifier, handler,
                    e instanceof RuntimeException r ? r : new IllegalArgumentException(e.getMessage(), e));
        }
        String model = p.modelName();
        RequestBody requestBody = OpenRouterCacheHeaders.body(body, p.openRouterCache());
        if (cacheKey == null) {
            return new StreamingCall(core.client(), requestBody, core.errors(model), handler, notifier,
                    core.returnThinking(), model).start();
        }
        StreamFlow.Listeners listeners = new StreamFlow.Listeners() {
            @Override
            public void onResponse(ChatResponse response) {
                notifier.onResponse(response);
            }

            @Override
            public void onError(Throwable error) {
                notifier.onError(error);
            }
        };
        return new StreamFlow(cache, cacheKey, handler, core.client().resources().callbackExecutor(), listeners,
                h -> new StreamingCall(core.client(), requestBody, core.errors(model), h, notifier,
                        core.returnThinking(), model).start()).start();
    }

    private StreamingHandle failBeforeStart(ListenerNotifier notifier, StreamingChatResponseHandler handler,
                                            RuntimeException e) {
        Runnable deliver = () -> {
            if (notifier != null) {
                notifier.onError(e);
            }
            try {
                handler.onError(e);
            } catch (RuntimeException t) {
                LOG.warn("The streaming handler threw in onError; ignored", t);
            }
        };
        try {
            core.client().resources().callbackExecutor().execute(deliver);
        } catch (RejectedExecutionException closed) {
            deliver.run();
        }
        return FinishedHandle.INSTANCE;
    }

    /** Builds {@link OpenRouterStreamingChatModel}; see {@link OpenRouterModelBuilder} for every option. */
    public static class Builder extends OpenRouterModelBuilder<Builder> {

        public Builder() {
        }

        public OpenRouterStreamingChatModel build() {
            return new OpenRouterStreamingChatModel(this);
        }
    }

    private enum FinishedHandle implements StreamingHandle {
        INSTANCE;

        @Override
        public void cancel() {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
