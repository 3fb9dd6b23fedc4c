package dev.openrouter4j.langchain4j.internal.stream;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.StreamCancelledException;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.cache.OpenRouterCacheHeaders;
import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.http.RequestBody;

import java.util.List;

/**
 * One streaming call, from request to exactly one terminal callback, and its handle. It wires the parts a reader can
 * name (see the package documentation): {@link StreamExchange} (HTTP, retry before the first byte) and
 * {@link EventStreamSubscriber} (reading, backpressure, idle timeout), {@link StreamDecoder} (bytes to chunks to the
 * accumulator), {@link CallbackQueue} (the handler's callbacks, in order) and {@link Terminal} (which outcome won).
 */
public final class StreamingCall implements StreamingHandle {

    private final ApiClient client;
    private final ErrorMapper errors;
    private final String modelId;
    private final Terminal terminal;
    private final CallbackQueue queue;
    private final StreamDecoder decoder;
    private final StreamExchange exchange;
    private volatile boolean cancelCalled; // what the handle reports; the outcome lives in the terminal state

    private volatile String cacheStatusHeader; // X-OpenRouter-Cache-Status of the response, or null

    public StreamingCall(ApiClient client, byte[] body, ErrorMapper errors, StreamingChatResponseHandler handler,
                         ListenerNotifier listeners, boolean returnThinking, String modelId) {
        this(client, RequestBody.json(body), errors, handler, listeners, returnThinking, modelId);
    }

    /** A call whose body carries headers of its own (OpenRouter's cache headers). */
    public StreamingCall(ApiClient client, RequestBody body, ErrorMapper errors, StreamingChatResponseHandler handler,
                         ListenerNotifier listeners, boolean returnThinking, String modelId) {
        this.client = client;
        this.errors = errors;
        this.modelId = modelId;
        this.terminal = new Terminal(handler, listeners, this::partialOrNull, this::cancelledError);
        this.queue = new CallbackQueue(client.resources().callbackExecutor(),
                client.resources().contextClassLoader(), this::resumeIfDrained, handler, this,
                terminal, this::handlerFailed);
        this.decoder = new StreamDecoder(this, queue, client, errors, returnThinking);
        this.exchange = new StreamExchange(this, client, body, errors, decoder, queue, returnThinking);
    }

    /** Sends the request; every outcome arrives through the handler. */
    public StreamingCall start() {
        exchange.start();
        return this;
    }

    /** Cancels the call: the connection is closed and the handler hears nothing more; listeners hear it. */
    @Override
    public void cancel() {
        if (cancelCalled) {
            return;
        }
        cancelCalled = true;
        // the state first: stopping the exchange may complete it at once, and its failure must find the call over
        boolean decided = terminal.cancel();
        exchange.stop();
        if (decided) {
            ChatResponse partial = partialOrNull();
            queue.enqueue(() -> terminal.deliverCancellation(partial));
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelCalled;
    }

    // ---- what the parts report ----

    /** Whether no outcome was decided yet. */
    boolean isOpen() {
        return terminal.isOpen();
    }

    /** The response's {@code X-OpenRouter-Cache-Status}, put into the final metadata. */
    void cacheStatusHeader(String value) {
        cacheStatusHeader = value;
    }

    void succeed(ChatResponse response) {
        if (!terminal.decide(Terminal.State.SUCCEEDED)) {
            return;
        }
        decoder.completeToolCalls();
        ChatResponse withCacheStatus = OpenRouterCacheHeaders.apply(response, cacheStatusHeader);
        queue.enqueue(() -> terminal.deliverSuccess(withCacheStatus));
    }

    void fail(RuntimeException error) {
        if (!terminal.decide(Terminal.State.FAILED)) {
            return;
        }
        exchange.stop();
        queue.enqueue(() -> terminal.deliverFailure(error));
    }

    private void handlerFailed(String callback, Throwable t) {
        exchange.stop();
        terminal.handlerFailed(callback, t);
    }

    private void resumeIfDrained() {
        exchange.resumeIfDrained();
    }

    // ---- messages ----

    RuntimeException transportFailure(Throwable t, String phase, ChatResponse partial) {
        return errors.fromTransport(ErrorMapper.unwrap(t), client.host(), phase, client.timeout(), partial);
    }

    RuntimeException serverFailure(String message, ChatResponse partial, Throwable cause) {
        return new OpenRouterServerException(message, details(message, partial), cause);
    }

    String host() {
        return client.host();
    }

    String modelSuffix() {
        return modelId == null ? "" : " (model " + modelId + ")";
    }

    private ChatResponse partialOrNull() {
        return decoder.partialOrNull();
    }

    private StreamCancelledException cancelledError(ChatResponse partial) {
        String m = "The stream was cancelled by the caller" + modelSuffix();
        return new StreamCancelledException(m, details(m, partial));
    }

    private OpenRouterErrorDetails details(String message, ChatResponse partial) {
        return new OpenRouterErrorDetails(-1, null, null, message, null, modelId, null, List.of(),
                partial == null ? null : partial.metadata().id(), partial);
    }
}
