package dev.openrouter4j.cost;

import dev.openrouter4j.cost.internal.Decimals;

import java.math.BigDecimal;

/**
 * The totals of a group of calls (all of them, one model, one provider, one tenant...): how many, how they ended,
 * their tokens by kind, their known cost, and how many had an unknown cost.
 * <p>
 * It exists so that a ledger can keep exact totals for ever while holding only a window of entries: summaries are
 * updated with every entry and never dropped. {@link #cost()} is the exact sum of the known costs; {@link #unknown()}
 * counts the entries whose cost is not known, which are not in that sum (never counted as zero).
 *
 * @param key              the group's key (a model id, a provider, an attribute value; {@code *} for all)
 * @param calls            entries recorded
 * @param ok               calls that ended with a complete response
 * @param errors           calls that failed
 * @param cancelled        streams the caller cancelled
 * @param refused          calls a budget refused
 * @param inputTokens      prompt tokens, cached included
 * @param outputTokens     completion tokens, reasoning included
 * @param cachedTokens     prompt tokens read from the cache
 * @param cacheWriteTokens prompt tokens written to the cache
 * @param reasoningTokens  reasoning tokens
 * @param cost             the exact sum of the known costs, USD
 * @param reported         entries whose cost OpenRouter reported
 * @param estimated        entries whose cost was estimated from a price table
 * @param unknown          entries whose cost is unknown
 */
public record CostSummary(
        String key,
        long calls,
        long ok,
        long errors,
        long cancelled,
        long refused,
        long inputTokens,
        long outputTokens,
        long cachedTokens,
        long cacheWriteTokens,
        long reasoningTokens,
        BigDecimal cost,
        long reported,
        long estimated,
        long unknown) {

    /** An empty summary. */
    public static CostSummary empty(String key) {
        return new CostSummary(key, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0, 0);
    }

    /** The sum of two summaries, under the given key. */
    public CostSummary plus(String newKey, CostSummary o) {
        return new CostSummary(newKey, calls + o.calls, ok + o.ok, errors + o.errors, cancelled + o.cancelled,
                refused + o.refused, inputTokens + o.inputTokens, outputTokens + o.outputTokens,
                cachedTokens + o.cachedTokens, cacheWriteTokens + o.cacheWriteTokens,
                reasoningTokens + o.reasoningTokens, Decimals.normalize(cost.add(o.cost)), reported + o.reported,
                estimated + o.estimated, unknown + o.unknown);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof CostSummary s)) return false;
        return calls == s.calls && ok == s.ok && errors == s.errors && cancelled == s.cancelled && refused == s.refused
                && inputTokens == s.inputTokens && outputTokens == s.outputTokens && cachedTokens == s.cachedTokens
                && cacheWriteTokens == s.cacheWriteTokens && reasoningTokens == s.reasoningTokens
                && reported == s.reported && estimated == s.estimated && unknown == s.unknown
                && java.util.Objects.equals(key, s.key) && cost.compareTo(s.cost) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(key, calls, Decimals.normalize(cost));
    }
}
