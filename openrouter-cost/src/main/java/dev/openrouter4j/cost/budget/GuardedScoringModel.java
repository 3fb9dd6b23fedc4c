package dev.openrouter4j.cost.budget;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterScoringModel;

import java.util.List;

/**
 * A {@link ScoringModel} (reranker) whose calls pass a {@link BudgetGuard} first, reserving one search unit per 100
 * documents at the model's search-unit price (else its per-request price).
 */
final class GuardedScoringModel implements ScoringModel {

    private final BudgetGuard guard;
    private final ScoringModel delegate;
    private final String model;

    GuardedScoringModel(BudgetGuard guard, ScoringModel delegate) {
        this.guard = guard;
        this.delegate = delegate;
        this.model = delegate instanceof OpenRouterScoringModel o ? o.modelName() : null;
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (segments == null || segments.isEmpty()) {
            return delegate.scoreAll(segments, query);
        }
        return guard.guarded(OpenRouterCallKind.RERANK, model, guard.worstCases().rerank(model, segments.size()),
                () -> delegate.scoreAll(segments, query),
                r -> guard.costOf(OpenRouterCallKind.RERANK, model, CallCost.reported(r.tokenUsage(), r.metadata()),
                        0, 0, new BilledUnits(0, CallCost.integer(r.metadata(), "search_units"), 0, null)));
    }

    @Override
    public String toString() {
        return "BudgetGuarded(" + delegate + ")";
    }
}
