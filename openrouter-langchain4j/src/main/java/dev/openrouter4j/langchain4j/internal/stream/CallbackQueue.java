package dev.openrouter4j.langchain4j.internal.stream;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.langchain4j.internal.util.ContextClassLoaders;
import dev.openrouter4j.langchain4j.internal.util.SerialExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * What the handler of one stream hears, in order, on the callback pool: the partial callbacks the decoder reports
 * (it is the accumulator's {@link StreamAccumulator.Sink}) and the terminal delivery. One stream's tasks never
 * overlap ({@link SerialExecutor}); {@link #pending()} lets the exchange pause reading when the handler is slow.
 * <p>
 * Batching: while a network read is being decoded ({@link #beginRead()} .. {@link #endRead()}) and the handler is
 * still busy, the callbacks of that read are collected and handed to the pool as one task: at most two hand-offs per
 * read instead of one per token, and the first token of a read never waits for the rest of it.
 * <p>
 * Its monitor is the one lock of a stream (see the package documentation): the decoder holds it while it decodes, so
 * tasks are queued in the order the decoder produced them, and a terminal delivery queued from another thread never
 * overtakes the callbacks of a read being decoded.
 */
final class CallbackQueue implements StreamAccumulator.Sink {

    private final SerialExecutor serial;
    private final ClassLoader loader;
    private final StreamingChatResponseHandler handler;
    private final StreamingHandle handle;
    private final Terminal terminal;
    private final BiConsumer<String, Throwable> onHandlerFailure;
    private List<Runnable> batch; // the callbacks of the read being decoded; guarded by this
    private boolean batchOpen;    // whether this read already handed a callback over; guarded by this

    /**
     * @param drainHook        run after each task (the exchange resumes a paused read there)
     * @param onHandlerFailure called on the callback thread when a handler callback threw
     */
    CallbackQueue(Executor pool, ClassLoader loader, Runnable drainHook, StreamingChatResponseHandler handler, StreamingHandle handle,
                  Terminal terminal, BiConsumer<String, Throwable> onHandlerFailure) {
        this.serial = new SerialExecutor(pool, drainHook, loader);
        this.loader = loader;
        this.handler = handler;
        this.handle = handle;
        this.terminal = terminal;
        this.onHandlerFailure = onHandlerFailure;
    }

    /** Tasks queued and not yet finished. */
    int pending() {
        return serial.pending();
    }

    synchronized void beginRead() {
        batch = new ArrayList<>();
        batchOpen = false;
    }

    synchronized void endRead() {
        List<Runnable> tasks = batch;
        batch = null;
        if (tasks == null || tasks.isEmpty()) {
            return;
        }
        if (tasks.size() == 1) {
            serial.execute(tasks.get(0));
            return;
        }
        serial.execute(() -> {
            for (Runnable t : tasks) {
                try {
                    ContextClassLoaders.run(loader, t);
                } catch (Throwable ignored) {
                    // each task handles its own failures
                }
            }
        }, tasks.size());
    }

    /** Queues a task (a terminal delivery from any thread, or a partial callback from the decoder). */
    void enqueue(Runnable task) {
        synchronized (this) {
            if (batch != null) {
                if (batchOpen || !batch.isEmpty() || serial.pending() > 0) {
                    batch.add(task);
                    return;
                }
                batchOpen = true; // the handler is idle: this one goes now, the rest of the read goes as one task
            }
        }
        serial.execute(task);
    }

    private void partial(String callback, Runnable call) {
        enqueue(() -> {
            if (!terminal.acceptsPartials()) return;
            try {
                call.run();
            } catch (Throwable t) {
                onHandlerFailure.accept(callback, t);
            }
        });
    }

    @Override
    public void text(String delta) {
        partial("onPartialResponse", () -> handler.onPartialResponse(new PartialResponse(delta),
                new PartialResponseContext(handle)));
    }

    @Override
    public void thinking(String delta) {
        partial("onPartialThinking", () -> handler.onPartialThinking(new PartialThinking(delta),
                new PartialThinkingContext(handle)));
    }

    @Override
    public void partialToolCall(int index, String id, String name, String argumentsDelta) {
        PartialToolCall call = PartialToolCall.builder().index(index).id(id).name(name)
                .partialArguments(argumentsDelta).build();
        partial("onPartialToolCall", () -> handler.onPartialToolCall(call, new PartialToolCallContext(handle)));
    }

    @Override
    public void completeToolCall(int index, ToolExecutionRequest request) {
        CompleteToolCall call = new CompleteToolCall(index, request);
        partial("onCompleteToolCall", () -> handler.onCompleteToolCall(call));
    }
}
