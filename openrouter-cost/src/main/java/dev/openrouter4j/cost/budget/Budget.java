package dev.openrouter4j.cost.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A spending limit in USD over a {@link BudgetPeriod}: on everything, per model, or per value of an attribute such as
 * {@code tenant}. A {@link BudgetGuard} refuses a call before it is sent once the limit is reached.
 * <pre>{@code
 * Budget.total("all", new BigDecimal("100"), BudgetPeriod.MONTH);
 * Budget.perAttribute("per-tenant", "tenant", new BigDecimal("5"), BudgetPeriod.DAY);      // each tenant its own $5
 * Budget.forAttribute("acme", "tenant", "acme", new BigDecimal("50"), BudgetPeriod.WEEK);  // one tenant
 * Budget.forModel("opus", "anthropic/claude-opus-4.7", new BigDecimal("20"), BudgetPeriod.DAY);
 * }</pre>
 *
 * @param name      a name for messages and status (unique within a guard)
 * @param scope     what the limit applies to
 * @param attribute for {@link Scope#ATTRIBUTE}: the attribute's key, e.g. {@code tenant}; else null
 * @param match     the one model or attribute value the limit applies to, or null for each one separately
 * @param limit     USD, positive
 * @param period    the window
 */
public record Budget(String name, Scope scope, String attribute, String match, BigDecimal limit, BudgetPeriod period) {

    /** What a budget's limit applies to. */
    public enum Scope {
        /** All calls through the guard together. */
        TOTAL,
        /** The model the call requests. */
        MODEL,
        /** The value of one attribute (from {@code CostContext} or String listener attributes). */
        ATTRIBUTE
    }

    public Budget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(period, "period");
        if (limit.signum() < 0) throw new IllegalArgumentException("limit cannot be negative");
        if (scope == Scope.ATTRIBUTE && (attribute == null || attribute.isBlank())) {
            throw new IllegalArgumentException("an attribute budget needs the attribute key");
        }
    }

    /** One limit on all calls together. */
    public static Budget total(String name, BigDecimal limit, BudgetPeriod period) {
        return new Budget(name, Scope.TOTAL, null, null, limit, period);
    }

    /** The same limit for every model, each counted separately. */
    public static Budget perModel(String name, BigDecimal limit, BudgetPeriod period) {
        return new Budget(name, Scope.MODEL, null, null, limit, period);
    }

    /** A limit on one model. */
    public static Budget forModel(String name, String model, BigDecimal limit, BudgetPeriod period) {
        return new Budget(name, Scope.MODEL, null, Objects.requireNonNull(model), limit, period);
    }

    /** The same limit for every value of an attribute (e.g. every tenant), each counted separately. */
    public static Budget perAttribute(String name, String attribute, BigDecimal limit, BudgetPeriod period) {
        return new Budget(name, Scope.ATTRIBUTE, attribute, null, limit, period);
    }

    /** A limit on one value of an attribute (e.g. tenant {@code acme}). */
    public static Budget forAttribute(String name, String attribute, String value, BigDecimal limit,
                                      BudgetPeriod period) {
        return new Budget(name, Scope.ATTRIBUTE, attribute, Objects.requireNonNull(value), limit, period);
    }

    /** The key this budget counts a call under, or null when it does not apply to the call. */
    String keyFor(String model, java.util.Map<String, String> attributes) {
        return switch (scope) {
            case TOTAL -> "*";
            case MODEL -> model == null ? null : match == null || match.equalsIgnoreCase(model) ? model : null;
            case ATTRIBUTE -> {
                String v = attributes.get(attribute);
                yield v == null ? null : match == null || match.equals(v) ? attribute + "=" + v : null;
            }
        };
    }
}
