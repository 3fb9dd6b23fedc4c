package dev.openrouter4j.cost;

/**
 * Where a {@link ModelPrice} came from. {@link PriceTable} consults the sources in this order and the first that knows
 * a model wins, so every estimated ledger entry can say which table priced it (and how old that table was).
 */
public enum PriceSource {
    /** A price the application set itself ({@link PriceTable.Builder#override}); always wins. */
    OVERRIDE,
    /** OpenRouter's live model catalog ({@code GET /api/v1/models}), refreshed on a TTL. */
    LIVE_CATALOG,
    /** The project's seed price table (the prices the application was designed around). */
    SEED,
    /** The snapshot of OpenRouter's catalog bundled in this jar (captured 2026-05-22). */
    SNAPSHOT,
    /** Derived by a naming rule rather than listed: a {@code :free} variant that no table lists costs nothing. */
    RULE
}
