package dev.openrouter4j.cost.budget;

/**
 * What a {@link BudgetGuard} does with a call when its {@link BudgetStore} cannot be reached (a shared database that
 * is down): the user chooses between protecting money and staying available.
 */
public enum StoreFailurePolicy {
    /**
     * Refuse the call before sending it with a {@link BudgetUnavailableException} that says the store was
     * unreachable (the default: a budget that cannot be checked is not spent blindly).
     */
    REFUSE,
    /**
     * Send the call without a reservation and log a warning; its cost is still added to the budget when it ends, if
     * the store is back by then.
     */
    ADMIT
}
