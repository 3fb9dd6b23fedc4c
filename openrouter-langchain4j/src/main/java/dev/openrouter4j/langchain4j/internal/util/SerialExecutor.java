package dev.openrouter4j.langchain4j.internal.util;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: the callbacks of one stream never overlap and never
 * reorder, while many streams share a few threads. {@link #pending()} lets the producer apply backpressure.
 */
public final class SerialExecutor implements Executor {

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Runnable drainHook;
    private final ClassLoader loader;

    /**
     * @param pool      the shared pool
     * @param drainHook run after each task (e.g. to request more data when the queue drained), or null
     * @param loader    the context class loader each task runs under (restored after it)
     */
    public SerialExecutor(Executor pool, Runnable drainHook, ClassLoader loader) {
        this.pool = pool;
        this.drainHook = drainHook;
        this.loader = loader;
    }

    @Override
    public void execute(Runnable task) {
        execute(task, 1);
    }

    /** Queues a task that counts as {@code weight} tasks in {@link #pending()} (a batch of callbacks). */
    public void execute(Runnable task, int weight) {
        tasks.add(weight == 1 ? task : new Weighted(task, weight));
        if (pending.getAndAdd(weight) == 0) {
            schedule();
        }
    }

    private record Weighted(Runnable task, int weight) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    private void schedule() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // the pool is shut down (the model was closed): run here so terminal callbacks still happen
            drain();
        }
    }

    private void drain() {
        for (int n = 1; ; n++) {
            Runnable task = tasks.poll();
            int weight = 1;
            if (task != null) {
                if (task instanceof Weighted w) {
                    weight = w.weight();
                }
                try {
                    ContextClassLoaders.run(loader, task); // a task that changed it must not leak it to the next
                } catch (Throwable ignored) {
                    // tasks handle their own failures; one must never stop the queue
                }
            }
            int remaining = pending.addAndGet(-weight);
            if (drainHook != null) {
                drainHook.run();
            }
            if (remaining == 0) {
                return;
            }
            if (n == 64) {
                schedule(); // be fair to the other streams sharing the pool
                return;
            }
        }
    }

    /** Tasks submitted and not yet finished. */
    public int pending() {
        return pending.get();
    }
}
