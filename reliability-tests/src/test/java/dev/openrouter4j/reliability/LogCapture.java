package dev.openrouter4j.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sees every line written to {@code System.err}, where slf4j-simple logs (configured with
 * {@code cacheOutputStream=false}, so it looks {@code System.err} up on every line): each line is scanned for the
 * canary key whole, before it is passed on. Passed-on lines are cut at 2,000 characters (the matrix logs a 10 MB
 * response body); the scan always sees the whole line.
 */
final class LogCapture extends OutputStream {

    private static final int MAX_ECHO = 2_000;
    private static LogCapture installed;

    private final PrintStream original;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong linesWithKey = new AtomicLong();
    private final AtomicLong linesWithMaskedKey = new AtomicLong();
    private final AtomicLong libraryLines = new AtomicLong();

    private LogCapture(PrintStream original) {
        this.original = original;
    }

    /** Installs the capture on {@code System.err} once for the JVM (idempotent). */
    static synchronized LogCapture install() {
        if (installed == null) {
            installed = new LogCapture(System.err);
            System.setErr(new PrintStream(installed, true, StandardCharsets.UTF_8));
        }
        return installed;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            endLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        line.write(b, start, off + len - start);
    }

    @Override
    public synchronized void flush() {
        original.flush();
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        lines.incrementAndGet();
        if (text.contains("dev.openrouter4j")) {
            libraryLines.incrementAndGet();
        }
        if (text.contains(Canary.KEY)) {
            linesWithKey.incrementAndGet();
            original.println("[LogCapture] THE CANARY KEY WAS LOGGED on the next line");
        }
        if (text.contains(Canary.MASKED)) {
            linesWithMaskedKey.incrementAndGet();
        }
        if (text.length() > MAX_ECHO) {
            original.println(text.substring(0, MAX_ECHO) + "... (" + text.length() + " characters, cut here only)");
        } else {
            original.println(text);
        }
    }

    long lines() {
        return lines.get();
    }

    long linesWithKey() {
        return linesWithKey.get();
    }

    long linesWithMaskedKey() {
        return linesWithMaskedKey.get();
    }

    long libraryLines() {
        return libraryLines.get();
    }
}
