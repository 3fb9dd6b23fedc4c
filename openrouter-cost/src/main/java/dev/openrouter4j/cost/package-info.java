/**
 * Exact cost accounting for LangChain4j applications that call OpenRouter.
 * <p>
 * A {@link dev.openrouter4j.cost.CostListener} on the model records every call into a
 * {@link dev.openrouter4j.cost.CostLedger}: OpenRouter's reported cost when there is one, else an estimate from a
 * {@link dev.openrouter4j.cost.PriceTable}, else an explicitly unknown cost. {@link dev.openrouter4j.cost.CostContext}
 * attributes calls to tenants or users (also through AI Services), {@link dev.openrouter4j.cost.CostReport} renders
 * the ledger's summaries. Durable stores are in {@code store}, budgets in {@code budget}, reconciliation of unknown
 * costs in {@code reconcile}, Micrometer meters in {@code metrics}. Money is {@link java.math.BigDecimal} throughout.
 */
package dev.openrouter4j.cost;
