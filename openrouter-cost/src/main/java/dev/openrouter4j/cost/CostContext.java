package dev.openrouter4j.cost;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Attributes (tenant, user, feature...) that the calls made inside a block are attributed to, e.g.
 * <pre>{@code
 * String answer = CostContext.with("tenant", "acme").and("user", "u-42").get(() -> assistant.chat("Hi"));
 * try (CostContext.Scope s = CostContext.with("tenant", "acme").open()) { assistant.chat("Hi"); }
 * }</pre>
 * It exists because AI Services never pass LangChain4j's per-call listener attributes to the model: a
 * {@link CostListener} instead reads this context in {@code onRequest}, on the caller's thread, and carries the values
 * with the call, so they also reach the end of a stream that completes on another thread. A {@code BudgetGuard}
 * reads it the same way for per-tenant budgets.
 * <p>
 * Values are strings only. Contexts nest (inner values win for the same key; a null value removes a key inside the
 * block) and are restored on exit. The context is per thread: to carry it into a thread pool, wrap the task with
 * {@link #wrap(Runnable)} / {@link #wrapCallable(Callable)}. Instances are immutable.
 */
public final class CostContext {

    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

    private final Map<String, String> values;

    private CostContext(Map<String, String> values) {
        this.values = values;
    }

    /** A context with one attribute (a null value removes the key inside the block). */
    public static CostContext with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(Objects.requireNonNull(key, "key"), value);
        return new CostContext(Collections.unmodifiableMap(m));
    }

    /** A context with these attributes. */
    public static CostContext of(Map<String, String> attributes) {
        Map<String, String> m = new LinkedHashMap<>();
        attributes.forEach((k, v) -> m.put(Objects.requireNonNull(k, "key"), v));
        return new CostContext(Collections.unmodifiableMap(m));
    }

    /** This context plus one more attribute. */
    public CostContext and(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put(Objects.requireNonNull(key, "key"), value);
        return new CostContext(Collections.unmodifiableMap(m));
    }

    /** The attributes in effect on this thread (empty outside any context); immutable. */
    public static Map<String, String> current() {
        Map<String, String> m = CURRENT.get();
        return m == null ? Map.of() : m;
    }

    /** Runs the task with these attributes in effect. */
    public void run(Runnable task) {
        Scope scope = open();
        try {
            task.run();
        } finally {
            scope.close();
        }
    }

    /** Calls the task with these attributes in effect and returns its result. */
    public <T> T call(Callable<T> task) throws Exception {
        Scope scope = open();
        try {
            return task.call();
        } finally {
            scope.close();
        }
    }

    /** Like {@link #call(Callable)} for tasks that throw no checked exception. */
    public <T> T get(Supplier<T> task) {
        Scope scope = open();
        try {
            return task.get();
        } finally {
            scope.close();
        }
    }

    /** Puts these attributes in effect until the returned scope is closed (use try-with-resources). */
    public Scope open() {
        Map<String, String> previous = CURRENT.get();
        Map<String, String> merged = new LinkedHashMap<>(previous == null ? Map.of() : previous);
        values.forEach((k, v) -> {
            if (v == null) merged.remove(k);
            else merged.put(k, v);
        });
        CURRENT.set(Map.copyOf(merged));
        return new Scope(previous);
    }

    /** A task that runs with the attributes in effect now (for handing work to another thread). */
    public static Runnable wrap(Runnable task) {
        Map<String, String> captured = current();
        return () -> {
            Map<String, String> previous = CURRENT.get();
            CURRENT.set(captured);
            try {
                task.run();
            } finally {
                new Scope(previous).close();
            }
        };
    }

    /** A task that runs with the attributes in effect now (for handing work to another thread). */
    public static <T> Callable<T> wrapCallable(Callable<T> task) {
        Map<String, String> captured = current();
        return () -> {
            Map<String, String> previous = CURRENT.get();
            CURRENT.set(captured);
            try {
                return task.call();
            } finally {
                new Scope(previous).close();
            }
        };
    }

    /** The attributes of this context. */
    public Map<String, String> values() {
        return values;
    }

    @Override
    public String toString() {
        return "CostContext" + values;
    }

    /** Restores the attributes that were in effect before {@link #open()}. */
    public static final class Scope implements AutoCloseable {
        private final Map<String, String> previous;
        private boolean closed;

        private Scope(Map<String, String> previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (previous == null) CURRENT.remove();
            else CURRENT.set(previous);
        }
    }
}
