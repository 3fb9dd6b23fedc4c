package dev.openrouter4j.reliability;

import java.time.Duration;

/**
 * Counts the threads of the library ({@code openrouter4j-*}) and of the JDK HTTP client ({@code HttpClient-*}); the
 * fake's threads ({@code fake-openrouter-*}) and the test's own are not counted.
 * <p>
 * Java 17's {@code HttpClient} cannot be closed: its selector thread ends only once the client is garbage collected
 * (it looks every 3 s). So a baseline is taken after {@link #settle}: a GC, then waiting until the count stops
 * dropping.
 */
final class LibraryThreads {

    private LibraryThreads() {
    }

    /** Threads of the library and of the JDK HTTP client. */
    static int count() {
        return count("openrouter4j-") + count("HttpClient-");
    }

    /** Threads of the library only ({@code openrouter4j-*}). */
    static int own() {
        return count("openrouter4j-");
    }

    /** Threads of the JDK HTTP client only ({@code HttpClient-*}, its selector threads). */
    static int jdkClient() {
        return count("HttpClient-");
    }

    private static int count(String prefix) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Collects garbage (so unreachable HTTP clients stop their selector threads) until the count is at most
     * {@code target} or {@code max} has passed; returns the count.
     */
    static int settle(int target, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        int n;
        while ((n = count()) > target && System.nanoTime() < deadline) {
            System.gc();
            sleep(200);
        }
        return n;
    }

    /** A baseline: at most 10 s of collecting garbage until no such thread is left (or the count is stable). */
    static int baseline() {
        int last = Integer.MAX_VALUE;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int stable = 0;
        while (System.nanoTime() < deadline) {
            System.gc();
            sleep(250);
            int n = count();
            if (n == 0) {
                return 0;
            }
            stable = n == last ? stable + 1 : 0;
            if (stable >= 16) { // 4 s without change: the rest belongs to something still alive
                return n;
            }
            last = n;
        }
        return count();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
