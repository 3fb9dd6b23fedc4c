package dev.openrouter4j.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A later fix of an entry's cost, e.g. from OpenRouter's {@code GET /generation} record of a cancelled stream.
 * <p>
 * It exists because the ledger is append-only: a store never rewrites an entry, it appends a settlement that
 * references the entry's id, and a reload applies it. An entry is settled at most once (the settlement is keyed by
 * the entry id, so a repeated settlement is ignored). Token counts are optional: null keeps the entry's.
 *
 * @param entryId         the {@link CostEntry#id()} it settles
 * @param cost            the whole cost in USD (OpenRouter's charge plus a BYOK upstream charge), or null if still unknown
 * @param reportedCost    what OpenRouter reported charging, or null
 * @param upstreamCost    what the upstream provider charged (BYOK), or null
 * @param source          how the cost was obtained (usually {@link CostSource#REPORTED})
 * @param settledAt       when it was settled
 * @param note            why, e.g. {@code generation lookup}
 * @param model           the model OpenRouter says served it, or null to keep the entry's
 * @param provider        the upstream provider, or null to keep the entry's
 * @param inputTokens     billed prompt tokens, or null
 * @param outputTokens    billed completion tokens, or null
 * @param cachedTokens    cached prompt tokens, or null
 * @param reasoningTokens reasoning tokens, or null
 * @param byok            whether it ran on your own key, or null
 */
public record CostSettlement(
        String entryId,
        BigDecimal cost,
        BigDecimal reportedCost,
        BigDecimal upstreamCost,
        CostSource source,
        Instant settledAt,
        String note,
        String model,
        String provider,
        Integer inputTokens,
        Integer outputTokens,
        Integer cachedTokens,
        Integer reasoningTokens,
        Boolean byok) {

    public CostSettlement {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(source, "source");
        settledAt = settledAt == null ? Instant.now() : settledAt;
        if ((source == CostSource.UNKNOWN) != (cost == null)) {
            throw new IllegalArgumentException("cost must be null exactly when the source is UNKNOWN");
        }
    }

    /** A settlement of the cost only. */
    public static CostSettlement of(String entryId, BigDecimal cost, CostSource source, String note) {
        return new CostSettlement(entryId, cost, cost, null, source, Instant.now(), note, null, null, null, null, null,
                null, null);
    }
}
