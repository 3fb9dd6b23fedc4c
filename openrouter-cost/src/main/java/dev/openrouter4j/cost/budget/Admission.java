package dev.openrouter4j.cost.budget;

/**
 * When a {@link BudgetGuard} lets a call through. Both reserve the call's worst case while it runs, so calls in flight
 * count against the budget.
 */
public enum Admission {
    /**
     * Admit while spent + reserved is below the limit (the default): a budget is used up to its end, and concurrent
     * calls overshoot it by at most the worst case of the calls admitted last.
     */
    WHILE_REMAINING,
    /**
     * Admit only when spent + reserved + this call's worst case fits in the limit: no overshoot as long as calls cost
     * no more than their worst case, at the price of refusing calls while some budget is left.
     */
    WORST_CASE_FITS
}
