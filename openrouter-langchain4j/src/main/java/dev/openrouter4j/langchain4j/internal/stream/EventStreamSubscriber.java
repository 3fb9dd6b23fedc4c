package dev.openrouter4j.langchain4j.internal.stream;

import dev.openrouter4j.langchain4j.internal.error.IdleTimeoutException;
import dev.openrouter4j.langchain4j.internal.http.IdleWatchdog;
import dev.openrouter4j.langchain4j.logging.Log;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Reads an event-stream body from the JDK client, one read at a time, into the {@link StreamDecoder}: the
 * backpressure (reading pauses while the handler has many callbacks queued), the idle timeout, and the one safe way to
 * stop reading.
 * <p>
 * Why stopping is delicate: the JDK returns an HTTP/1.1 connection to its pool right after it hands over the last
 * bytes of a body, before it signals the end. A {@code Subscription.cancel()} from another thread in that window
 * closes the pooled connection under the next call that takes it ("header parser received no bytes"). So the
 * subscription is cancelled only where the JDK cannot be finishing the body: inside {@code onSubscribe} or
 * {@code onNext} (the JDK waits for them), or from another thread while no read is being decoded and the body is not
 * ending ({@code [DONE]} not seen). After {@code [DONE]} the body is left to drain, and its connection is reused.
 */
final class EventStreamSubscriber implements HttpResponse.BodySubscriber<Void>, IdleWatchdog.Watched {

    private static final Log LOG = Log.of(EventStreamSubscriber.class);
    private static final int HIGH_WATER = 256;
    private static final int LOW_WATER = 32;

    /** Where the reading stands; guarded by this. */
    private enum Read { WAITING_FOR_SUBSCRIPTION, REQUESTED, DECODING, PAUSED, ENDED }

    private final StreamingCall call;
    private final StreamDecoder decoder;
    private final CallbackQueue queue;
    private final IdleWatchdog watchdog;
    private final long idleNanos;
    private final CompletableFuture<Void> bodyDone = new CompletableFuture<>();
    private Flow.Subscription subscription; // guarded by this
    private volatile Read read = Read.WAITING_FOR_SUBSCRIPTION; // written under this; read alone as a hint
    private boolean stopWanted; // guarded by this: the call ended, stop reading as soon as it is safe
    private boolean bodyEnding; // guarded by this: [DONE] was decoded, the server is ending the body
    private volatile long lastActivity;

    EventStreamSubscriber(StreamingCall call, StreamDecoder decoder, CallbackQueue queue, IdleWatchdog watchdog,
                          long idleNanos) {
        this.call = call;
        this.decoder = decoder;
        this.queue = queue;
        this.watchdog = watchdog;
        this.idleNanos = idleNanos;
        // once the body is over, no idle check is needed: drop it now rather than keep this call for `timeout`
        bodyDone.whenComplete((v, e) -> watchdog.unwatch(this));
    }

    @Override
    public CompletionStage<Void> getBody() {
        return bodyDone;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean stop;
        synchronized (this) {
            subscription = s;
            stop = stopWanted;
            read = stop ? Read.ENDED : Read.REQUESTED;
        }
        if (stop) {
            s.cancel();
            bodyDone.complete(null);
            return;
        }
        lastActivity = System.nanoTime();
        watchdog.watch(this);
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        lastActivity = System.nanoTime();
        synchronized (this) {
            if (read == Read.ENDED) return;
            read = Read.DECODING;
        }
        if (call.isOpen()) {
            decode(buffers);
        }
        boolean ending = decoder.doneSeen();
        Flow.Subscription s;
        Read next;
        synchronized (this) {
            bodyEnding = ending;
            if (stopWanted && !ending) {
                next = Read.ENDED; // on the JDK's thread, before it can pool the connection: safe
            } else if (queue.pending() < HIGH_WATER || ending || !call.isOpen()) {
                next = Read.REQUESTED;
            } else {
                next = Read.PAUSED; // backpressure: a slow handler pauses its own stream only
            }
            read = next;
            s = subscription;
        }
        if (next == Read.ENDED) {
            s.cancel();
            bodyDone.complete(null);
        } else if (next == Read.REQUESTED) {
            s.request(1);
        } else {
            resumeIfDrained();
        }
    }

    private void decode(List<ByteBuffer> buffers) {
        try {
            decoder.feed(buffers);
        } catch (RuntimeException e) {
            // a bug of ours must still end the call once, with a message, and never reach the HTTP client
            LOG.error("openrouter4j failed to process a stream chunk", e);
            call.fail(call.serverFailure("openrouter4j failed to process a chunk of the stream from "
                    + call.host() + call.modelSuffix() + ": " + e, decoder.partialOrNull(), e));
        }
    }

    /** Resumes a paused read once the handler caught up; run after each callback task. */
    void resumeIfDrained() {
        if (read != Read.PAUSED) {
            return; // the common case, without taking the lock after every callback
        }
        Flow.Subscription s;
        synchronized (this) {
            if (read != Read.PAUSED || queue.pending() > LOW_WATER) return;
            read = Read.REQUESTED;
            s = subscription;
        }
        s.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        synchronized (this) {
            read = Read.ENDED;
        }
        bodyDone.completeExceptionally(throwable);
        call.fail(call.transportFailure(throwable, "in the middle of the stream", decoder.partial()));
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            read = Read.ENDED;
        }
        bodyDone.complete(null);
        decoder.bodyEnded();
    }

    /**
     * Stops reading because the call ended, now when that is safe, else at the end of the read being decoded; after
     * {@code [DONE]} not at all unless {@code force} (the body ends by itself).
     *
     * @return whether reading has ended
     */
    boolean stop(boolean force) {
        Flow.Subscription s;
        synchronized (this) {
            stopWanted = true;
            if (read == Read.ENDED) {
                return true;
            }
            if (read == Read.WAITING_FOR_SUBSCRIPTION || read == Read.DECODING || (bodyEnding && !force)) {
                return false;
            }
            read = Read.ENDED;
            s = subscription;
        }
        s.cancel();
        bodyDone.complete(null);
        return true;
    }

    @Override
    public boolean checkIdle(long now) {
        if (bodyDone.isDone()) {
            return false;
        }
        long idle = now - lastActivity;
        if (idle < idleNanos) {
            return true;
        }
        if (!call.isOpen()) {
            return !stop(true); // a stream that went quiet after its end: release the connection
        }
        call.fail(call.transportFailure(new IdleTimeoutException("no data for "
                + TimeUnit.NANOSECONDS.toMillis(idle) + " ms"), "in the middle of the stream",
                decoder.partialOrNull()));
        return false;
    }
}
