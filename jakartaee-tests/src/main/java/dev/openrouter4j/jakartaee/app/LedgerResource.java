package dev.openrouter4j.jakartaee.app;

import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the ledger holds and which of its entries the observers saw, as {@code key=value} lines: entries, total,
 * sync, async, missingSync, missingAsync, syncWithoutAppConfig, asyncWithoutAppConfig.
 */
@Path("ledger")
@RequestScoped
public class LedgerResource {

    @Inject
    CostLedger ledger;

    @Inject
    CostEvents events;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ledger() {
        Set<String> ids = ledger.entries().stream().map(CostEntry::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missingSync = new TreeSet<>(ids);
        Set<String> sync = events.sync();
        Set<String> async = events.async();
        missingSync.removeAll(sync);
        Set<String> missingAsync = new TreeSet<>(ids);
        missingAsync.removeAll(async);
        return "entries=" + ids.size() + "\n"
                + "total=" + ledger.totalCost().toPlainString() + "\n"
                + "sync=" + sync.size() + "\n"
                + "async=" + async.size() + "\n"
                + "missingSync=" + missingSync.size() + "\n"
                + "missingAsync=" + missingAsync.size() + "\n"
                + "syncWithoutAppConfig=" + events.syncWithoutAppConfig() + "\n"
                + "asyncWithoutAppConfig=" + events.asyncWithoutAppConfig() + "\n";
    }
}
