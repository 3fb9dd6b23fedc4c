package dev.openrouter4j.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where one budget stands for one key in the current window: spent (settled calls), reserved (calls in flight, at
 * their worst case) and what remains. Returned by {@link BudgetGuard#status()} for dashboards and alerts.
 *
 * @param budget      the budget
 * @param key         {@code *}, a model id, or {@code attribute=value}
 * @param windowStart the start of the window (UTC)
 * @param spent       USD settled in the window
 * @param reserved    USD reserved by calls in flight
 * @param remaining   limit − spent − reserved (may be negative after an overshoot)
 */
public record BudgetStatus(Budget budget, String key, Instant windowStart, BigDecimal spent, BigDecimal reserved,
                           BigDecimal remaining) {
}
