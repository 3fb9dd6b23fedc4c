package dev.openrouter4j.langchain4j.internal.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code openrouter4j-<role>-<n>}, so a thread dump says whose they are, whose context class
 * loader is the one captured where the model or shared transport was created (see {@link ContextClassLoaders}).
 */
public final class NamedThreadFactory implements ThreadFactory {

    /** Every thread the library starts has a name starting with this. */
    public static final String PREFIX = "openrouter4j-";

    private final String prefix;
    private final ClassLoader loader;
    private final AtomicInteger counter = new AtomicInteger();

    public NamedThreadFactory(String role, ClassLoader loader) {
        this.prefix = PREFIX + role + "-";
        this.loader = loader;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + counter.incrementAndGet());
        t.setDaemon(true);
        t.setContextClassLoader(loader);
        return t;
    }
}
