package dev.openrouter4j.cost.reconcile;

import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.internal.Decimals;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient.GenerationInfo;
import dev.openrouter4j.langchain4j.logging.Log;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles ledger entries whose cost is unknown but which have a generation id (cancelled streams, responses without
 * usage) from what OpenRouter recorded for them ({@code GET /api/v1/generation?id=}), appending a settlement rather
 * than rewriting anything.
 * <pre>{@code
 * CostReconciler reconciler = new CostReconciler(ledger, accountClient);
 * ReconcileResult r = reconciler.reconcile();   // e.g. from a scheduled task, every few minutes
 * }</pre>
 * The settled cost is the generation's {@code total_cost}, plus {@code upstream_inference_cost} for BYOK calls,
 * with the billed (native) token counts. OpenRouter's record appears shortly after a call ends: the account client
 * retries while it answers 404, and entries still not found are simply tried again on the next pass.
 */
public final class CostReconciler {

    private static final Log LOG = Log.of(CostReconciler.class);

    private final CostLedger ledger;
    private final GenerationLookup lookup;
    private final Clock clock;

    /** Reconciles through the core's account client. */
    public CostReconciler(CostLedger ledger, OpenRouterAccountClient client) {
        this(ledger, GenerationLookup.of(Objects.requireNonNull(client, "client")), Clock.systemUTC());
    }

    /** Reconciles through any generation lookup. */
    public CostReconciler(CostLedger ledger, GenerationLookup lookup) {
        this(ledger, lookup, Clock.systemUTC());
    }

    public CostReconciler(CostLedger ledger, GenerationLookup lookup, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Looks up every unknown-cost entry that has a generation id and settles those OpenRouter knows. */
    public ReconcileResult reconcile() {
        int examined = 0;
        int settled = 0;
        int notFound = 0;
        int failed = 0;
        BigDecimal sum = BigDecimal.ZERO;
        List<String> errors = new ArrayList<>();
        for (CostEntry entry : ledger.unresolved()) {
            examined++;
            try {
                Optional<CostSettlement> s = settlementFor(entry);
                if (s.isEmpty()) {
                    notFound++;
                } else if (ledger.settle(s.get())) {
                    settled++;
                    sum = sum.add(s.get().cost());
                }
            } catch (RuntimeException e) {
                failed++;
                errors.add(entry.generationId() + ": " + e.getMessage());
                LOG.warn("Could not reconcile {}: {}", entry.generationId(), e.toString());
            }
        }
        return new ReconcileResult(examined, settled, notFound, failed, Decimals.normalize(sum), List.copyOf(errors));
    }

    /** Reconciles one entry by id; empty when it awaits nothing or OpenRouter does not know its generation. */
    public Optional<CostEntry> reconcile(String entryId) {
        Optional<CostEntry> entry = ledger.entry(entryId).filter(e -> e.isCostUnknown() && e.generationId() != null);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Optional<CostSettlement> s = settlementFor(entry.get());
        if (s.isPresent() && ledger.settle(s.get())) {
            return ledger.entry(entryId);
        }
        return Optional.empty();
    }

    private Optional<CostSettlement> settlementFor(CostEntry entry) {
        Optional<GenerationInfo> found = lookup.find(entry.generationId());
        if (found.isEmpty() || found.get().totalCost() == null) {
            return Optional.empty();
        }
        GenerationInfo g = found.get();
        boolean byok = Boolean.TRUE.equals(g.isByok());
        BigDecimal upstream = byok ? g.upstreamInferenceCost() : null;
        BigDecimal cost = Decimals.normalize(upstream == null ? g.totalCost() : g.totalCost().add(upstream));
        Integer in = g.nativeTokensPrompt() != null ? g.nativeTokensPrompt() : g.tokensPrompt();
        Integer out = g.nativeTokensCompletion() != null ? g.nativeTokensCompletion() : g.tokensCompletion();
        return Optional.of(new CostSettlement(entry.id(), cost, g.totalCost(), upstream, CostSource.REPORTED,
                clock.instant(), "generation lookup", g.model(), g.providerName(), in, out, g.nativeTokensCached(),
                g.nativeTokensReasoning(), g.isByok()));
    }
}
