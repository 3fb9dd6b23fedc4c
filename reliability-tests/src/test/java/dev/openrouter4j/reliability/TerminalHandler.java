package dev.openrouter4j.reliability;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A streaming handler that counts terminal callbacks, records when the first came, and can act on tokens. */
final class TerminalHandler implements StreamingChatResponseHandler {

    final AtomicInteger terminals = new AtomicInteger();
    final AtomicInteger partials = new AtomicInteger();
    final AtomicInteger partialsAfterTerminal = new AtomicInteger();
    /** Completes with the response or the error of the first terminal callback. */
    final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    volatile long terminalNanos;
    volatile Consumer<PartialResponseContext> onPartial;

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        partials.incrementAndGet();
        if (terminals.get() > 0) {
            partialsAfterTerminal.incrementAndGet();
        }
        synchronized (text) {
            text.append(partial.text());
        }
        Consumer<PartialResponseContext> hook = onPartial;
        if (hook != null) {
            hook.accept(context);
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        terminal(response);
    }

    @Override
    public void onError(Throwable error) {
        terminal(error);
    }

    private void terminal(Object o) {
        if (terminals.incrementAndGet() == 1) {
            terminalNanos = System.nanoTime();
        }
        outcome.complete(o);
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }
}
