package dev.openrouter4j.jakartaee.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline, failing with what was awaited and what the server logged. */
public final class Wait {

    private Wait() {
    }

    /**
     * Polls {@code condition} every 100 ms until it holds.
     *
     * @param context appended to the failure, e.g. the server's log tail
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "\n" + context.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** The last {@code lines} lines of {@code text}. */
    public static String tail(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines);
        return "--- last " + (all.length - from) + " lines of the server log ---\n"
                + String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
