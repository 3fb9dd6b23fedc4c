package dev.openrouter4j.cost.budget;

import dev.langchain4j.exception.NonRetriableException;

/**
 * Thrown (or, for a stream, passed to the handler's {@code onError}) when a {@link BudgetGuard} refused a call before
 * sending it because its {@link BudgetStore} could not be reached and the policy is {@link StoreFailurePolicy#REFUSE}.
 * The message says so, names the policy and how to change it; the cause is the store's failure.
 */
public class BudgetUnavailableException extends NonRetriableException {

    public BudgetUnavailableException(String model, BudgetStoreException cause) {
        super("The budget store could not be reached (" + cause.getMessage() + "); refused the call to " + model
                + " before sending it, as the guard's store failure policy REFUSE says"
                + " (BudgetGuard.Builder.onStoreFailure(StoreFailurePolicy.ADMIT) sends calls anyway)", cause);
    }
}
