package dev.openrouter4j.cost.store;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link JsonLinesLedgerStore} forces its file to disk (fsync). Every entry is written to
 * the file (the operating system) before {@code append} returns, so a process crash ({@code kill -9}) loses nothing
 * that was acknowledged under any policy; the policy decides what a power loss or OS crash can lose:
 * <ul>
 *   <li>{@link #always()}: every append returns only after its line is on disk (concurrent appends share one
 *       force, "group commit"). Nothing acknowledged is lost.</li>
 *   <li>{@link #everyEntries(int)}: forced after every N entries; up to N−1 acknowledged entries can be lost.</li>
 *   <li>{@link #interval(Duration)}: forced by a background thread at that interval when something was written; up to
 *       one interval of entries can be lost.</li>
 * </ul>
 */
public final class FsyncPolicy {

    /** The kinds of policy. */
    public enum Kind { ALWAYS, EVERY_N, INTERVAL }

    private static final FsyncPolicy ALWAYS = new FsyncPolicy(Kind.ALWAYS, 1, null);

    private final Kind kind;
    private final int entries;
    private final Duration interval;

    private FsyncPolicy(Kind kind, int entries, Duration interval) {
        this.kind = kind;
        this.entries = entries;
        this.interval = interval;
    }

    /** Force after every append (the default). */
    public static FsyncPolicy always() {
        return ALWAYS;
    }

    /** Force after every {@code n} appends. */
    public static FsyncPolicy everyEntries(int n) {
        if (n < 1) throw new IllegalArgumentException("n must be at least 1");
        return n == 1 ? ALWAYS : new FsyncPolicy(Kind.EVERY_N, n, null);
    }

    /** Force at this interval (when something was written since the last force). */
    public static FsyncPolicy interval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        return new FsyncPolicy(Kind.INTERVAL, 0, interval);
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#EVERY_N}: N. */
    public int entries() {
        return entries;
    }

    /** For {@link Kind#INTERVAL}: the interval. */
    public Duration interval() {
        return interval;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ALWAYS -> "ALWAYS";
            case EVERY_N -> "EVERY_" + entries;
            case INTERVAL -> "INTERVAL_" + interval.toMillis() + "ms";
        };
    }
}
