package dev.openrouter4j.cost.internal;

import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSummary;

import java.math.BigDecimal;

/**
 * The mutable, exact totals behind a {@link CostSummary}. Every update and snapshot holds the object's monitor, so
 * counts and the BigDecimal sum always agree; contention is spread by keeping one accumulator per key (and several
 * stripes for the grand total).
 */
public final class SummaryAccumulator {

    private long calls;
    private long ok;
    private long errors;
    private long cancelled;
    private long refused;
    private long inputTokens;
    private long outputTokens;
    private long cachedTokens;
    private long cacheWriteTokens;
    private long reasoningTokens;
    private BigDecimal cost = BigDecimal.ZERO;
    private long reported;
    private long estimated;
    private long unknown;

    /** Adds an entry. */
    public synchronized void add(CostEntry e) {
        apply(e, 1);
    }

    /** Replaces an entry by its settled version (the call count does not change). */
    public synchronized void replace(CostEntry before, CostEntry after) {
        apply(before, -1);
        apply(after, 1);
    }

    private void apply(CostEntry e, int sign) {
        calls += sign;
        switch (e.outcome()) {
            case OK -> ok += sign;
            case ERROR -> errors += sign;
            case CANCELLED -> cancelled += sign;
            case REFUSED -> refused += sign;
        }
        inputTokens += (long) sign * e.inputTokens();
        outputTokens += (long) sign * e.outputTokens();
        cachedTokens += (long) sign * e.cachedTokens();
        cacheWriteTokens += (long) sign * e.cacheWriteTokens();
        reasoningTokens += (long) sign * e.reasoningTokens();
        switch (e.source()) {
            case REPORTED -> reported += sign;
            case ESTIMATED -> estimated += sign;
            case UNKNOWN -> unknown += sign;
            case NOT_BILLED, CACHED -> { }
        }
        if (e.cost() != null) {
            cost = sign > 0 ? cost.add(e.cost()) : cost.subtract(e.cost());
        }
    }

    public synchronized BigDecimal cost() {
        return cost;
    }

    public synchronized long unknown() {
        return unknown;
    }

    public synchronized CostSummary snapshot(String key) {
        return new CostSummary(key, calls, ok, errors, cancelled, refused, inputTokens, outputTokens, cachedTokens,
                cacheWriteTokens, reasoningTokens, Decimals.normalize(cost), reported, estimated, unknown);
    }
}
