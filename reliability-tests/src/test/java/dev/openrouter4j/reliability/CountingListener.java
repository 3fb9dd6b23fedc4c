package dev.openrouter4j.reliability;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Counts what listeners hear: requests, responses, errors; keeps the last error. */
final class CountingListener implements ChatModelListener {

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger responses = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicReference<Throwable> lastError = new AtomicReference<>();

    @Override
    public void onRequest(ChatModelRequestContext ctx) {
        requests.incrementAndGet();
    }

    @Override
    public void onResponse(ChatModelResponseContext ctx) {
        responses.incrementAndGet();
    }

    @Override
    public void onError(ChatModelErrorContext ctx) {
        lastError.set(ctx.error());
        errors.incrementAndGet();
    }

    int terminals() {
        return responses.get() + errors.get();
    }
}
