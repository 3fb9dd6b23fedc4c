package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** A streaming handler for tests: records every callback, its thread, and counts terminal callbacks. */
class RecordingHandler implements StreamingChatResponseHandler {

    final StringBuilder text = new StringBuilder();
    final StringBuilder thinking = new StringBuilder();
    final List<PartialToolCall> partialToolCalls = new CopyOnWriteArrayList<>();
    final List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger terminals = new AtomicInteger();
    final AtomicInteger partialsAfterTerminal = new AtomicInteger();
    final CompletableFuture<ChatResponse> response = new CompletableFuture<>();
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    volatile BiConsumer<String, PartialResponseContext> onPartial;

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        threads.add(Thread.currentThread().getName());
        if (terminals.get() > 0) partialsAfterTerminal.incrementAndGet();
        synchronized (text) {
            text.append(partialResponse.text());
        }
        BiConsumer<String, PartialResponseContext> hook = onPartial;
        if (hook != null) hook.accept(partialResponse.text(), context);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        thinking.append(partialThinking.text());
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        partialToolCalls.add(partialToolCall);
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        completeToolCalls.add(completeToolCall);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        threads.add(Thread.currentThread().getName());
        terminals.incrementAndGet();
        response.complete(completeResponse);
    }

    @Override
    public void onError(Throwable t) {
        threads.add(Thread.currentThread().getName());
        terminals.incrementAndGet();
        error.complete(t);
    }

    ChatResponse awaitResponse(Duration max) throws Exception {
        CompletableFuture.anyOf(response, error).get(max.toMillis(), TimeUnit.MILLISECONDS);
        if (error.isDone()) {
            throw new AssertionError("expected a response but got an error", error.get());
        }
        return response.get();
    }

    Throwable awaitError(Duration max) throws Exception {
        CompletableFuture.anyOf(response, error).get(max.toMillis(), TimeUnit.MILLISECONDS);
        if (response.isDone()) {
            throw new AssertionError("expected an error but the stream completed: " + response.get());
        }
        return error.get();
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }
}
