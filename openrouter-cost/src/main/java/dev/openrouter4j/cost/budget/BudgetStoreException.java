package dev.openrouter4j.cost.budget;

/** A {@link BudgetStore} could not be reached or failed; the guard then follows its {@link StoreFailurePolicy}. */
public class BudgetStoreException extends RuntimeException {

    public BudgetStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
