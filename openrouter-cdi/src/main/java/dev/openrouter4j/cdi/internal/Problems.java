package dev.openrouter4j.cdi.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration problems found so far, in order, each once. A problem is one line naming the property, its
 * environment variable and its source; it never contains a value.
 */
public final class Problems {

    private final Set<String> lines = new LinkedHashSet<>();

    /** Adds a problem (ignored when the same line was added before). */
    public void add(String line) {
        lines.add(line);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The problems, in the order they were found. */
    public List<String> list() {
        return new ArrayList<>(lines);
    }

    @Override
    public String toString() {
        return "Problems" + lines;
    }
}
