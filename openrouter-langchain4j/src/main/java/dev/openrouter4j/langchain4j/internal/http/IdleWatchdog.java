package dev.openrouter4j.langchain4j.internal.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The idle timeout of every body and stream of one transport, checked by one periodic task instead of one scheduled
 * task per call: watching and unwatching are a set insert and remove, never a timer-thread wake-up, and nothing is
 * kept after a call ends. A quiet body is noticed between {@code timeout} and {@code timeout + timeout/8} (at most
 * one second late).
 */
public final class IdleWatchdog {

    /** Something with an idle deadline. */
    public interface Watched {
        /** @return whether to keep watching it */
        boolean checkIdle(long nowNanos);
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final long periodNanos;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile ScheduledFuture<?> sweeper;

    public IdleWatchdog(ScheduledExecutorService timer, Duration timeout) {
        this.timer = timer;
        long eighth = timeout.toNanos() / 8;
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(eighth, TimeUnit.SECONDS.toNanos(1)));
    }

    public void watch(Watched w) {
        watched.add(w);
        if (!started.get() && started.compareAndSet(false, true)) {
            try {
                sweeper = timer.scheduleAtFixedRate(this::sweep, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // the model is closing
            }
        }
    }

    /** Stops the periodic sweep (the client closed; its timer may be shared and live on). */
    public void stop() {
        started.set(true);
        ScheduledFuture<?> f = sweeper;
        if (f != null) {
            f.cancel(false);
        }
        watched.clear();
    }

    public void unwatch(Watched w) {
        watched.remove(w);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched w : watched) {
            boolean keep;
            try {
                keep = w.checkIdle(now);
            } catch (RuntimeException e) {
                ApiClient.LOG.error("openrouter4j idle check failed", e);
                keep = false;
            }
            if (!keep) {
                watched.remove(w);
            }
        }
    }
}
