package dev.openrouter4j.cost;

/**
 * The result of pricing a call from its tokens: the cost (null when unknown), whether it is
 * {@link CostSource#ESTIMATED} or {@link CostSource#UNKNOWN}, and the price used (null when no table knew the model).
 *
 * @param cost   USD, or null when unknown
 * @param source {@link CostSource#ESTIMATED} or {@link CostSource#UNKNOWN}
 * @param price  the price used, or null
 */
public record CostEstimate(java.math.BigDecimal cost, CostSource source, ModelPrice price) {

    /** True when the cost is known. */
    public boolean isKnown() {
        return cost != null;
    }
}
