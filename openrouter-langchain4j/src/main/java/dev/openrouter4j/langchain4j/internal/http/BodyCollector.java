package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.error.IdleTimeoutException;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Collects a whole response body, failing with {@link IdleTimeoutException} when no byte arrives for longer than the
 * idle timeout: the JDK's request timeout stops at the response headers, so without this a body that stalls would
 * block a sync call forever.
 * <p>
 * It is a plain {@link Flow.Subscriber} wrapped by {@link HttpResponse.BodySubscribers#fromSubscriber}: the JDK trusts
 * its own adapters to complete without blocking, so the response completes on the thread that read the last byte;
 * a custom {@code BodySubscriber} costs one more executor hand-off per call.
 */
public final class BodyCollector implements Flow.Subscriber<List<ByteBuffer>>, IdleWatchdog.Watched {

    private final IdleWatchdog watchdog;
    private final long idleNanos;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    private volatile long lastActivity;
    private volatile Flow.Subscription subscription;
    private volatile HttpResponse.BodySubscriber<byte[]> adapter;
    private volatile boolean ended;

    private BodyCollector(IdleWatchdog watchdog, Duration idleTimeout) {
        this.watchdog = watchdog;
        this.idleNanos = idleTimeout.toNanos();
    }

    /** A body subscriber that collects the bytes, failing when the body goes quiet for longer than the timeout. */
    public static HttpResponse.BodySubscriber<byte[]> create(IdleWatchdog watchdog, Duration idleTimeout) {
        BodyCollector c = new BodyCollector(watchdog, idleTimeout);
        HttpResponse.BodySubscriber<byte[]> s = HttpResponse.BodySubscribers.fromSubscriber(c, BodyCollector::bytes);
        c.adapter = s;
        return s;
    }

    private byte[] bytes() {
        synchronized (out) {
            return out.toByteArray();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        lastActivity = System.nanoTime();
        watchdog.watch(this);
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
        ended = true;
        watchdog.unwatch(this);
    }

    @Override
    public void onComplete() {
        ended = true;
        watchdog.unwatch(this);
    }

    @Override
    public boolean checkIdle(long now) {
        if (ended) {
            return false;
        }
        long idle = now - lastActivity;
        if (idle < idleNanos) {
            return true;
        }
        ended = true;
        // Fail the body first, then close the connection: cancelling first lets the JDK (Java 21+) fail the exchange
        // with its own "fixed content-length ..., bytes received ..." IOException, and the caller would see a broken
        // connection instead of a timeout.
        try {
            adapter.onError(new IdleTimeoutException(
                    "no data for " + TimeUnit.NANOSECONDS.toMillis(idle) + " ms in the middle of the response body"));
        } finally {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
        return false;
    }
}
