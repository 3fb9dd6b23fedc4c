package dev.openrouter4j.langchain4j.internal.util;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the library's work under the thread context class loader captured where the model (or the shared transport)
 * was created, so that callbacks, listeners and anything they load (ServiceLoader, JAXB, CDI lookups) see the
 * application's loader, not whatever loader the thread that happened to start a pool thread had. The loader is set
 * before each task and the previous one restored after it, on the library's own pools and on an executor the caller
 * supplied alike.
 */
public final class ContextClassLoaders {

    private ContextClassLoaders() {
    }

    /** The loader of the calling thread, captured once when a model or a shared transport is built. */
    public static ClassLoader capture() {
        return Thread.currentThread().getContextClassLoader();
    }

    /** Runs {@code task} with {@code loader} as the context class loader, restoring the previous one afterwards. */
    public static void run(ClassLoader loader, Runnable task) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        if (previous == loader) {
            task.run();
            return;
        }
        t.setContextClassLoader(loader);
        try {
            task.run();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** An executor that runs every task of {@code delegate} under {@code loader}. */
    public static Executor wrap(Executor delegate, ClassLoader loader) {
        return task -> delegate.execute(() -> run(loader, task));
    }

    /** A pool of {@code threads} daemon threads named {@code openrouter4j-<role>-N} whose idle threads expire. */
    public static ThreadPoolExecutor pool(String role, int threads, ClassLoader loader) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new NamedThreadFactory(role, loader)) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                t.setContextClassLoader(loader); // a task may have changed it: each task starts from the captured one
            }
        };
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A one-thread scheduler whose tasks run under {@code loader}. */
    public static ScheduledThreadPoolExecutor timer(ClassLoader loader) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("timer", loader)) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                t.setContextClassLoader(loader);
            }
        };
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
