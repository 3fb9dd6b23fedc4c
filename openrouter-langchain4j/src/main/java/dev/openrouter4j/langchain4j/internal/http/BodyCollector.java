package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.error.IdleTimeoutException;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Collects a whole response body, failing with {@link IdleTimeoutException} when no byte arrives for longer than the
 * idle timeout: the JDK's request timeout stops at the response headers, so without this a body that stalls would
 * block a sync call forever.
 */
public final class BodyCollector implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ScheduledExecutorService timer;
    private final long idleNanos;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    private volatile long lastActivity;
    private volatile Flow.Subscription subscription;

    public BodyCollector(ScheduledExecutorService timer, Duration idleTimeout) {
        this.timer = timer;
        this.idleNanos = idleTimeout.toNanos();
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        lastActivity = System.nanoTime();
        scheduleCheck(idleNanos);
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        lastActivity = System.nanoTime();
        synchronized (out) {
            for (ByteBuffer b : buffers) {
                if (b.hasArray()) {
                    out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
                    b.position(b.limit());
                } else {
                    byte[] copy = new byte[b.remaining()];
                    b.get(copy);
                    out.write(copy, 0, copy.length);
                }
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        synchronized (out) {
            result.complete(out.toByteArray());
        }
    }

    private void scheduleCheck(long delayNanos) {
        try {
            timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the model is closing; the call fails through the closed client instead
        }
    }

    private void check() {
        if (result.isDone()) {
            return;
        }
        long idle = System.nanoTime() - lastActivity;
        if (idle >= idleNanos) {
            if (result.completeExceptionally(new IdleTimeoutException(
                    "no data for " + TimeUnit.NANOSECONDS.toMillis(idle) + " ms in the middle of the response body"))) {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
            }
        } else {
            scheduleCheck(idleNanos - idle);
        }
    }
}
