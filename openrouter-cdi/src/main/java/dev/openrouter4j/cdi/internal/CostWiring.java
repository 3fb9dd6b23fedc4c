package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.logging.Log;
import dev.openrouter4j.cdi.CostRecorded;
import dev.openrouter4j.cost.CostCallListener;
import dev.openrouter4j.cost.CostEmbeddingListener;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostLedgerListener;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.PriceTable;
import jakarta.enterprise.event.Event;

/**
 * The library's cost accounting, one per application: the {@link CostListener} every produced chat model gets, the
 * {@link CostEmbeddingListener} of every embedding model and the {@link CostCallListener} of every other kind (all
 * recording into the application's {@link CostLedger} bean) and the bridge that fires a {@link CostRecorded} event for every
 * entry and settlement that ledger records. Closing it detaches the bridge; the ledger is the ledger bean's to close.
 */
public final class CostWiring implements AutoCloseable {

    private static final Log LOG = Log.of(CostWiring.class);

    private final CostLedger ledger;
    private final CostListener listener;
    private final CostEmbeddingListener embeddingListener;
    private final CostCallListener callListener;
    private final CostLedgerListener bridge;

    public CostWiring(CostLedger ledger, PriceTable prices, Event<CostRecorded> event, boolean fireAsync) {
        this.ledger = ledger;
        this.listener = new CostListener(ledger, prices);
        this.embeddingListener = new CostEmbeddingListener(ledger, prices);
        this.callListener = new CostCallListener(ledger, prices);
        this.bridge = new CostLedgerListener() {
            @Override
            public void onEntry(CostEntry entry) {
                fire(new CostRecorded(entry, null));
            }

            @Override
            public void onSettlement(CostEntry before, CostEntry after) {
                fire(new CostRecorded(after, before));
            }

            private void fire(CostRecorded e) {
                event.fire(e);
                if (fireAsync) {
                    event.fireAsync(e).exceptionally(t -> {
                        LOG.warn("An asynchronous observer of CostRecorded failed for entry {}", e.entry().id(), t);
                        return null;
                    });
                }
            }
        };
        ledger.addListener(bridge);
    }

    /** The ledger the listener records into. */
    public CostLedger ledger() {
        return ledger;
    }

    /** The listener to attach to every produced chat model. */
    public CostListener listener() {
        return listener;
    }

    /** The listener to attach to every produced embedding model. */
    public CostEmbeddingListener embeddingListener() {
        return embeddingListener;
    }

    /** The listener to attach to every produced rerank, image, speech and transcription model. */
    public CostCallListener callListener() {
        return callListener;
    }

    @Override
    public void close() {
        ledger.removeListener(bridge);
    }
}
