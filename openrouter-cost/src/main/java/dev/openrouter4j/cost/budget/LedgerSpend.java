package dev.openrouter4j.cost.budget;

import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.store.LedgerStore;
import dev.openrouter4j.langchain4j.logging.Log;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a durable ledger holds for the current window of each budget, per key, so a guard that starts (after a
 * restart, or on a new instance) goes on from the recorded spend instead of zero. Entries count at their known cost,
 * settlements included; an entry whose cost is still unknown counts nothing until it is reconciled.
 */
final class LedgerSpend {

    private static final Log LOG = Log.of(LedgerSpend.class);

    private LedgerSpend() {
    }

    static void seed(BudgetStore store, List<Budget> budgets, LedgerStore ledger, Instant now) {
        Map<String, Instant> windows = new HashMap<>();
        Instant earliest = now;
        for (Budget b : budgets) {
            Instant start = b.period().windowStart(now);
            windows.put(b.name(), start);
            if (start.isBefore(earliest)) earliest = start;
        }
        Map<BudgetStore.Account, BigDecimal> spent = new HashMap<>();
        Map<String, CostEntry> unknown = new HashMap<>();
        ledger.load(earliest, new LedgerStore.Visitor() {
            @Override
            public void entry(CostEntry e) {
                if (e.cost() == null) {
                    unknown.put(e.id(), e);
                } else {
                    add(e, e.cost());
                }
            }

            @Override
            public void settlement(CostSettlement s) {
                CostEntry e = unknown.remove(s.entryId());
                if (e != null && s.cost() != null) {
                    add(e, s.cost());
                }
            }

            private void add(CostEntry e, BigDecimal cost) {
                if (cost.signum() == 0) return;
                for (Budget b : budgets) {
                    Instant start = windows.get(b.name());
                    if (e.startedAt().isBefore(start)) continue;
                    String key = b.keyFor(e.requestedModel() != null ? e.requestedModel() : e.model(), e.attributes());
                    if (key != null) {
                        spent.merge(new BudgetStore.Account(b.name(), key, start), cost, BigDecimal::add);
                    }
                }
            }
        });
        if (!spent.isEmpty()) {
            store.seed(spent);
            LOG.debug("Budgets start from the ledger's spend in the current windows: {}", spent);
        }
    }
}
