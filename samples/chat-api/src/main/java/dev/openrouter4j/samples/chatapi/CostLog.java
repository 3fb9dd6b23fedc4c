package dev.openrouter4j.samples.chatapi;

import dev.openrouter4j.cdi.CostRecorded;
import dev.openrouter4j.cost.CostEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per call from the {@link CostRecorded} events {@code openrouter-cdi} fires for every entry of the
 * cost ledger: model, provider, tokens, cost and outcome.
 */
@ApplicationScoped
public class CostLog {

    private static final Logger LOG = LoggerFactory.getLogger(CostLog.class);

    void onCost(@Observes CostRecorded event) {
        CostEntry e = event.entry();
        if (!LOG.isInfoEnabled() || event.isSettlement()) return;
        LOG.info("{} {}{}: {} in / {} out tokens, cost {}{}", e.outcome(), e.model(),
                e.provider() == null ? "" : " via " + e.provider(), e.inputTokens(), e.outputTokens(),
                e.cost() == null ? "unknown" : "$" + e.cost().toPlainString(), e.streaming() ? " (stream)" : "");
    }
}
