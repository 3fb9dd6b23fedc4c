package dev.openrouter4j.langchain4j.internal.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code openrouter4j-<role>-<n>}, so a thread dump says whose they are. */
public final class NamedThreadFactory implements ThreadFactory {

    /** Every thread the library starts has a name starting with this. */
    public static final String PREFIX = "openrouter4j-";

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    public NamedThreadFactory(String role) {
        this.prefix = PREFIX + role + "-";
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + counter.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
