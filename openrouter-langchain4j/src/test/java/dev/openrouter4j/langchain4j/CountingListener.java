package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A listener for tests that counts each kind of call and keeps what it saw. */
class CountingListener implements ChatModelListener {
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger responses = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final List<Throwable> errorList = new CopyOnWriteArrayList<>();
    final List<ChatModelResponseContext> responseList = new CopyOnWriteArrayList<>();

    @Override
    public void onRequest(ChatModelRequestContext ctx) {
        requests.incrementAndGet();
    }

    @Override
    public void onResponse(ChatModelResponseContext ctx) {
        responses.incrementAndGet();
        responseList.add(ctx);
    }

    @Override
    public void onError(ChatModelErrorContext ctx) {
        errors.incrementAndGet();
        errorList.add(ctx.error());
    }

    int terminals() {
        return responses.get() + errors.get();
    }
}
