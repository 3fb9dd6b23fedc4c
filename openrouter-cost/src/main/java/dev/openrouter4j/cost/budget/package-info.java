/**
 * Spending limits enforced before a call is sent: {@link dev.openrouter4j.cost.budget.BudgetGuard} decorates a
 * {@code ChatModel} or {@code StreamingChatModel}, reserves each call's worst case and settles it to the real cost.
 * Where the budgets are counted is a {@link dev.openrouter4j.cost.budget.BudgetStore}: this process's memory, or a
 * database shared by every instance ({@link dev.openrouter4j.cost.budget.JdbcBudgetStore}).
 */
package dev.openrouter4j.cost.budget;
