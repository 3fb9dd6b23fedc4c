package dev.openrouter4j.reliability;

import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The canary key every model of this suite uses, and the record of everything the suite produced that a person could
 * read (exception messages and stack traces, {@code toString()} of models, responses, ledgers and entries): none of it
 * may contain the key, only its masked form. Log lines are scanned by {@link LogCapture}.
 * <p>
 * The canary is shaped like a real key ({@code sk-or-v1-} and 64 characters) but starts with {@code test}, so the
 * repository's committed-key check ({@code NoCommittedKeysTest} in openrouter-langchain4j, which fails the build on
 * {@code sk-or-v1-} followed by 64 hex digits) does not flag this file.
 */
final class Canary {

    /** {@code sk-or-v1-test} and 60 hex digits: 64 characters after {@code sk-or-v1-}, like a real key. */
    static final String KEY = "sk-or-v1-test" + "5a1e7c0ffee0ddba11c0de4b1dfacade5eed0ba5eba11defaced00d0c0fe";
    /** What the library shows instead: prefix, four stars, last four characters. */
    static final String MASKED = "sk-or-v1-****" + KEY.substring(KEY.length() - 4);

    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static final AtomicLong SCANNED = new AtomicLong();

    private Canary() {
    }

    /** Scans a text the suite produced (a message, a {@code toString()}); remembers it if it holds the key. */
    static void scan(String where, String text) {
        SCANNED.incrementAndGet();
        if (text != null && text.contains(KEY)) {
            LEAKS.add(where + ": " + text);
        }
    }

    /** Scans an exception: its {@code toString()}, and its whole stack trace with every cause. */
    static void scan(String where, Throwable t) {
        if (t == null) {
            return;
        }
        scan(where + " toString", t.toString());
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        scan(where + " stack trace", sw.toString());
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            scan(where + " message of " + c.getClass().getSimpleName(), c.getMessage());
            if (c instanceof OpenRouterFailure f) {
                scanObject(where + " details", f.details());
            }
        }
    }

    /** Scans any object's {@code toString()}. */
    static void scanObject(String where, Object o) {
        if (o != null) {
            scan(where, o.toString());
        }
    }

    /** Texts that held the key, so far. */
    static List<String> leaks() {
        return List.copyOf(LEAKS);
    }

    /** How many texts were scanned (log lines are counted by {@link LogCapture}). */
    static long scanned() {
        return SCANNED.get();
    }
}
