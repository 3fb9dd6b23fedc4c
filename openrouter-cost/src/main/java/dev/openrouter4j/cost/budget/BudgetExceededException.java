package dev.openrouter4j.cost.budget;

import dev.langchain4j.exception.NonRetriableException;

import java.math.BigDecimal;

/**
 * Thrown (or, for a stream, passed to the handler's {@code onError}) when a {@link BudgetGuard} refuses a call before
 * sending it because a budget is spent. The message names the budget, what it counts (e.g. {@code tenant=acme}), the
 * window, the spend, what is reserved by calls in flight, and the limit. Not retriable: retrying cannot help until the
 * window ends or the limit is raised.
 */
public class BudgetExceededException extends NonRetriableException {

    private final transient Budget budget;
    private final String key;
    private final BigDecimal spent;
    private final BigDecimal reserved;
    private final BigDecimal requested;

    public BudgetExceededException(Budget budget, String key, String window, BigDecimal spent, BigDecimal reserved,
                                   BigDecimal requested, String model) {
        super("Budget '" + budget.name() + "'" + ("*".equals(key) ? "" : " for " + key) + " (" + window
                + ") is spent: spent $" + spent.toPlainString() + " + reserved $" + reserved.toPlainString()
                + " of limit $" + budget.limit().toPlainString() + "; refused the call to " + model
                + " (worst case $" + requested.toPlainString() + ") before sending it");
        this.budget = budget;
        this.key = key;
        this.spent = spent;
        this.reserved = reserved;
        this.requested = requested;
    }

    /** The budget that refused the call. */
    public Budget budget() {
        return budget;
    }

    /** What the budget counted the call under: {@code *}, a model id, or {@code attribute=value}. */
    public String key() {
        return key;
    }

    /** What was spent in the window when the call was refused. */
    public BigDecimal spent() {
        return spent;
    }

    /** What calls in flight had reserved. */
    public BigDecimal reserved() {
        return reserved;
    }

    /** The budget's limit. */
    public BigDecimal limit() {
        return budget.limit();
    }

    /** The refused call's worst-case cost. */
    public BigDecimal requested() {
        return requested;
    }
}
