package dev.openrouter4j.langchain4j.internal.cache;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Stands between a stream going to OpenRouter and the caller's handler: forwards every callback (with the cache's
 * handle in the contexts, so a cancel from a callback also reaches the cache), records the length of each text piece,
 * and reports the outcome: the complete answer on success; on failure the error, or {@code null} when it was the
 * caller's own handler that threw (that is no reason to fail the identical calls waiting for this one).
 */
final class RecordingHandler implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler handler;
    private final CacheStreamHandle handle;
    private final BiConsumer<CachedAnswer, Throwable> outcome;
    private final List<Integer> pieces = new ArrayList<>();
    private volatile boolean handlerThrew;

    RecordingHandler(StreamingChatResponseHandler handler, CacheStreamHandle handle,
                     BiConsumer<CachedAnswer, Throwable> outcome) {
        this.handler = handler;
        this.handle = handle;
        this.outcome = outcome;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        record(partial.text());
        guard(() -> handler.onPartialResponse(partial, new PartialResponseContext(handle)));
    }

    @Override
    public void onPartialResponse(String text) {
        record(text);
        guard(() -> handler.onPartialResponse(text));
    }

    @Override
    public void onPartialThinking(PartialThinking thinking, PartialThinkingContext context) {
        guard(() -> handler.onPartialThinking(thinking, new PartialThinkingContext(handle)));
    }

    @Override
    public void onPartialToolCall(PartialToolCall call, PartialToolCallContext context) {
        guard(() -> handler.onPartialToolCall(call, new PartialToolCallContext(handle)));
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall call) {
        guard(() -> handler.onCompleteToolCall(call));
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        List<Integer> lengths;
        synchronized (pieces) {
            lengths = List.copyOf(pieces);
        }
        outcome.accept(CachedAnswer.of(response, lengths), null);
        if (handle.tryFinish()) {
            handler.onCompleteResponse(CachedAnswer.withStatus(response, ResponseCacheStatus.MISS));
        }
    }

    @Override
    public void onError(Throwable error) {
        outcome.accept(null, handlerThrew ? null : error);
        if (handle.tryFinish()) {
            handler.onError(error);
        }
    }

    private void record(String text) {
        if (text != null && !text.isEmpty()) {
            synchronized (pieces) {
                pieces.add(text.length());
            }
        }
    }

    private void guard(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            handlerThrew = true;
            throw e;
        }
    }
}
