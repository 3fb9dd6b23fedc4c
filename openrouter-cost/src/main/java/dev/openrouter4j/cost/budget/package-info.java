/**
 * Spending limits enforced before a call is sent: {@link dev.openrouter4j.cost.budget.BudgetGuard} decorates a
 * {@code ChatModel} or {@code StreamingChatModel}, reserves each call's worst case and settles it to the real cost.
 */
package dev.openrouter4j.cost.budget;
