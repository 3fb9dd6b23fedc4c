package dev.openrouter4j.langchain4j.internal.cache;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.StreamCancelledException;
import dev.openrouter4j.langchain4j.logging.Log;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One streaming call through the client cache: a stored answer is replayed as a stream (its pieces in order, then
 * one terminal callback), an identical call in flight is waited for without holding a thread and then replayed, and
 * otherwise the call goes to OpenRouter and its complete answer is stored. The rules of who leads and who waits are
 * {@link CacheEngine}'s. Listeners hear one {@code onResponse} or {@code onError} per call, as for any stream.
 */
public final class StreamFlow {

    /** The model's listener notifications for this call. */
    public interface Listeners {
        void onResponse(ChatResponse response);

        void onError(Throwable error);
    }

    private static final Log LOG = Log.of(StreamFlow.class);
    private static final int MAX_ROUNDS = 3;

    private final CacheEngine engine;
    private final String key;
    private final StreamingChatResponseHandler handler;
    private final Executor callbacks;
    private final Listeners listeners;
    private final Function<StreamingChatResponseHandler, StreamingHandle> upstream;
    private final CacheStreamHandle handle = new CacheStreamHandle();

    public StreamFlow(CacheEngine engine, String key, StreamingChatResponseHandler handler, Executor callbacks,
                      Listeners listeners, Function<StreamingChatResponseHandler, StreamingHandle> upstream) {
        this.engine = engine;
        this.key = key;
        this.handler = handler;
        this.callbacks = callbacks;
        this.listeners = listeners;
        this.upstream = upstream;
    }

    /** Starts the call; every outcome arrives through the handler. */
    public StreamingHandle start() {
        handle.onCancel(() -> { }, () -> listeners.onError(cancelled()));
        run(0);
        return handle;
    }

    private void run(int round) {
        CachedAnswer stored = engine.read(key, ChatCodec.INSTANCE);
        if (stored != null) {
            engine.countHit();
            replay(stored, ResponseCacheStatus.HIT);
            return;
        }
        if (!engine.coalesces()) {
            callUpstream(null, false);
            return;
        }
        CompletableFuture<CachedAnswer> mine = new CompletableFuture<>();
        CompletableFuture<CachedAnswer> running = engine.register(key, mine);
        if (running != null) {
            running.whenComplete((answer, error) -> follow(answer, error, round));
            return;
        }
        lead(mine);
    }

    private void follow(CachedAnswer answer, Throwable error, int round) {
        if (handle.isCancelled()) {
            return;
        }
        if (answer != null) {
            engine.countCoalesced();
            replay(answer, ResponseCacheStatus.COALESCED);
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CacheEngine.Abandoned && round < MAX_ROUNDS) {
            execute(() -> run(round + 1));
        } else {
            execute(() -> fail(cause));
        }
    }

    private void lead(CompletableFuture<CachedAnswer> mine) {
        CachedAnswer stored = engine.read(key, ChatCodec.INSTANCE);
        if (stored != null) {
            engine.finish(key, mine, stored, null, false);
            engine.countHit();
            replay(stored, ResponseCacheStatus.HIT);
            return;
        }
        if (!engine.locksAcrossInstances()) {
            callUpstream(mine, false);
            return;
        }
        handle.onCancel(() -> engine.finish(key, mine, null, null, false), () -> listeners.onError(cancelled()));
        engine.awaitRemote(key, ChatCodec.INSTANCE).whenComplete((wait, error) -> {
            if (wait != null && wait.answer() != null) {
                engine.finish(key, mine, wait.answer(), null, false);
                engine.countCoalesced();
                replay(wait.answer(), ResponseCacheStatus.COALESCED);
            } else {
                callUpstream(mine, wait != null && wait.locked());
            }
        });
    }

    private void callUpstream(CompletableFuture<CachedAnswer> mine, boolean locked) {
        handle.onCancel(() -> {
            if (mine != null) engine.finish(key, mine, null, null, locked);
        }, () -> listeners.onError(cancelled()));
        if (handle.isCancelled()) {
            return;
        }
        RecordingHandler recording = new RecordingHandler(handler, handle, (answer, error) -> {
            if (answer != null) {
                engine.countMiss();
                engine.write(key, answer, ChatCodec.INSTANCE);
            }
            if (mine != null) {
                engine.finish(key, mine, answer, error, locked);
            }
        });
        StreamingHandle real;
        try {
            real = upstream.apply(recording);
        } catch (RuntimeException e) {
            if (mine != null) engine.finish(key, mine, null, e, locked);
            throw e;
        }
        handle.bind(real);
    }

    private void replay(CachedAnswer answer, ResponseCacheStatus status) {
        execute(() -> deliver(answer, answer.asHit(status)));
    }

    private void deliver(CachedAnswer answer, ChatResponse response) {
        try {
            String thinking = response.aiMessage().thinking();
            if (thinking != null && !thinking.isEmpty() && !handle.isCancelled()) {
                handler.onPartialThinking(new PartialThinking(thinking), new PartialThinkingContext(handle));
            }
            for (String piece : answer.textPieces()) {
                if (handle.isCancelled()) {
                    return;
                }
                handler.onPartialResponse(new PartialResponse(piece), new PartialResponseContext(handle));
            }
            List<dev.langchain4j.agent.tool.ToolExecutionRequest> tools = response.aiMessage().toolExecutionRequests();
            for (int i = 0; tools != null && i < tools.size() && !handle.isCancelled(); i++) {
                handler.onCompleteToolCall(new CompleteToolCall(i, tools.get(i)));
            }
        } catch (RuntimeException e) {
            LOG.debug("The streaming handler threw while a cached answer was replayed; ending the stream", e);
            fail(e);
            return;
        }
        if (handle.tryFinish()) {
            listeners.onResponse(response);
            handler.onCompleteResponse(response);
        }
    }

    private void fail(Throwable error) {
        if (handle.tryFinish()) {
            listeners.onError(error);
            try {
                handler.onError(error);
            } catch (RuntimeException t) {
                LOG.warn("The streaming handler threw in onError; ignored", t);
            }
        }
    }

    private void execute(Runnable r) {
        try {
            callbacks.execute(r);
        } catch (RejectedExecutionException closed) {
            r.run();
        }
    }

    private static StreamCancelledException cancelled() {
        String m = "The stream was cancelled by the caller before any request was sent";
        return new StreamCancelledException(m, OpenRouterErrorDetails.transport(m, null));
    }
}
