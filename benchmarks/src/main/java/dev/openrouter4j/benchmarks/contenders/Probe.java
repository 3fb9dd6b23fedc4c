package dev.openrouter4j.benchmarks.contenders;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What one streaming call reports: when it started, when its first token and its completion arrived (taken on the
 * thread that delivered them, so waking the waiting thread is not counted), how many tokens, and the final text.
 */
public final class Probe {

    public final long start = System.nanoTime();
    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch all;
    private volatile long firstToken;
    private volatile long end;
    private volatile int tokens;
    private volatile String text;
    private volatile Throwable error;
    private final StringBuilder partials;

    public Probe() {
        this(null);
    }

    /** @param all counted down too when the call ends, or null */
    public Probe(CountDownLatch all) {
        this(all, false);
    }

    /** @param collect keep the tokens' text (to check their order), which the measurements do not */
    public Probe(CountDownLatch all, boolean collect) {
        this.all = all;
        this.partials = collect ? new StringBuilder() : null;
    }

    /** A content token arrived (called by one thread at a time per call). */
    public void token(String text) {
        if (firstToken == 0) {
            firstToken = System.nanoTime();
        }
        tokens++;
        if (partials != null) {
            synchronized (partials) {
                partials.append(text);
            }
        }
    }

    /** The tokens' text in the order they arrived, when collected. */
    public String partials() {
        if (partials == null) return null;
        synchronized (partials) {
            return partials.toString();
        }
    }

    public void complete(String finalText) {
        end = System.nanoTime();
        text = finalText;
        done.countDown();
        if (all != null) all.countDown();
    }

    public void fail(Throwable t) {
        end = System.nanoTime();
        error = t;
        done.countDown();
        if (all != null) all.countDown();
    }

    public void await() {
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("stream did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (error != null) {
            throw new IllegalStateException("stream failed: " + error, error);
        }
    }

    public boolean finished() {
        return done.getCount() == 0;
    }

    public long ttftNanos() {
        return firstToken == 0 ? -1 : firstToken - start;
    }

    public long totalNanos() {
        return end == 0 ? -1 : end - start;
    }

    public long endNanos() {
        return end;
    }

    public int tokens() {
        return tokens;
    }

    public String text() {
        return text;
    }

    public Throwable error() {
        return error;
    }
}
