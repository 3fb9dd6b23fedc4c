package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.cost.budget.BudgetPeriod;
import dev.openrouter4j.cost.budget.StoreFailurePolicy;

import java.math.BigDecimal;

/**
 * The parsed {@code openrouter.cost.*} settings.
 *
 * @param enabled        whether calls are recorded into the ledger (default true)
 * @param ledger         where the library's ledger keeps its entries
 * @param ledgerTarget   the file for {@link LedgerKind#FILE}, the JNDI name for {@link LedgerKind#JDBC} (null: the
 *                       application's {@code DataSource} bean), else null
 * @param ledgerValue    the value that chose the ledger (for messages), or null for the default
 * @param budgetTotal    the limit on all calls together per period, or null
 * @param budgetPerModel the limit on each model per period, or null
 * @param period         the budgets' window
 * @param onStoreFailure what budgets do with a call when their shared store (the JDBC ledger's database) is down
 */
public record CostSettings(boolean enabled, LedgerKind ledger, String ledgerTarget, Value ledgerValue,
                           BigDecimal budgetTotal, BigDecimal budgetPerModel, BudgetPeriod period,
                           StoreFailurePolicy onStoreFailure) {

    /** Where the ledger keeps its entries. */
    public enum LedgerKind {
        /** In memory only. */
        MEMORY,
        /** A JSON-lines file. */
        FILE,
        /** A database table through a {@code DataSource}. */
        JDBC
    }

    /** True when a budget property is set. */
    public boolean hasBudgets() {
        return budgetTotal != null || budgetPerModel != null;
    }
}
