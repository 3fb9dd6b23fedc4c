package dev.openrouter4j.cost;

/**
 * How the cost of a ledger entry was obtained. Kept on every entry so that reports can tell money OpenRouter charged
 * from money this library computed, and so that unknown costs are never silently counted as zero.
 */
public enum CostSource {
    /** OpenRouter reported the charge ({@code usage.cost}, plus the upstream charge of a BYOK call). */
    REPORTED,
    /** Computed from token counts and a {@link ModelPrice}; see {@link CostEntry#priceVersion()}. */
    ESTIMATED,
    /**
     * Not known: no usage and no price (an unpriced or dynamically priced model, a cancelled stream, a transport
     * failure). The entry's cost is {@code null}, never zero; entries with a generation id can be reconciled later.
     */
    UNKNOWN,
    /** Nothing was billed: the call was refused before it was sent, or OpenRouter answered it with an HTTP error. */
    NOT_BILLED,
    /**
     * Served by a cache (the client-side {@code ResponseCache}, or OpenRouter's response cache): cost 0; what the call
     * would have cost is {@link CostEntry#savedCost()}, when known.
     */
    CACHED
}
