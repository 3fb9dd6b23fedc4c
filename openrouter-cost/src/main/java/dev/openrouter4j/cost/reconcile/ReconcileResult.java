package dev.openrouter4j.cost.reconcile;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one reconciliation pass did.
 *
 * @param examined    unknown-cost entries with a generation id that were looked up
 * @param settled     entries whose cost is now known
 * @param notFound    entries OpenRouter does not know (yet): try again later
 * @param failed      entries whose lookup failed (network, authentication); the messages say why
 * @param settledCost the sum of the costs settled in this pass, USD
 * @param errors      one message per failed lookup
 */
public record ReconcileResult(int examined, int settled, int notFound, int failed, BigDecimal settledCost,
                              List<String> errors) {
}
