package dev.openrouter4j.cost;

/**
 * Told about every entry a {@link CostLedger} records and every settlement it applies, after the ledger's totals
 * include them. It exists so that metrics, budgets or alerts can follow spending without polling. Called on the
 * recording thread: keep it quick and do not throw (exceptions are logged and ignored).
 */
public interface CostLedgerListener {

    /** A new entry was recorded. */
    default void onEntry(CostEntry entry) {
    }

    /** An entry's cost was settled: {@code before} is what was recorded, {@code after} what it is now. */
    default void onSettlement(CostEntry before, CostEntry after) {
    }
}
