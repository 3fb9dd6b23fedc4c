package dev.openrouter4j.cost.budget;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.embedding.response.EmbeddingResponseMetadata;
import dev.langchain4j.model.output.Response;
import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingResponseMetadata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An {@link EmbeddingModel} whose calls pass a {@link BudgetGuard} first, reserving the inputs' estimated tokens at
 * the model's prompt price; everything else is the wrapped model's (its listeners run once per call, as before).
 */
final class GuardedEmbeddingModel implements EmbeddingModel {

    private final BudgetGuard guard;
    private final EmbeddingModel delegate;

    GuardedEmbeddingModel(BudgetGuard guard, EmbeddingModel delegate) {
        this.guard = guard;
        this.delegate = delegate;
    }

    @Override
    public Response<Embedding> embed(String text) {
        return embed(TextSegment.from(text));
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return guarded(null, List.of(EmbeddingInput.from(segment)), () -> delegate.embed(segment));
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments == null || segments.isEmpty()) {
            return delegate.embedAll(segments);
        }
        return guarded(null, segments.stream().map(EmbeddingInput::from).toList(), () -> delegate.embedAll(segments));
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        return guarded(request, () -> delegate.embed(request));
    }

    @Override
    public EmbeddingResponse doEmbed(EmbeddingRequest request) {
        return guarded(request, () -> delegate.doEmbed(request));
    }

    private <T> Response<T> guarded(String requested, List<EmbeddingInput> inputs, Supplier<Response<T>> call) {
        String model = model(requested);
        return guard.guarded(OpenRouterCallKind.EMBEDDING, model, guard.worstCases().embedding(model, inputs), call,
                r -> cost(model, CallCost.reported(r.tokenUsage(), r.metadata()),
                        r.tokenUsage() == null ? null : r.tokenUsage().inputTokenCount()));
    }

    private EmbeddingResponse guarded(EmbeddingRequest request, Supplier<EmbeddingResponse> call) {
        String model = model(request == null ? null : request.modelName());
        return guard.guarded(OpenRouterCallKind.EMBEDDING, model,
                guard.worstCases().embedding(model, request == null ? List.of() : request.inputs()), call, r -> {
                    EmbeddingResponseMetadata md = r.metadata();
                    BigDecimal reported = md instanceof OpenRouterEmbeddingResponseMetadata o ? o.cost() : null;
                    if (reported == null && md != null) reported = CallCost.reported(md.tokenUsage(), null);
                    return cost(model, reported, md == null || md.tokenUsage() == null ? null
                            : md.tokenUsage().inputTokenCount());
                });
    }

    private BigDecimal cost(String model, BigDecimal reported, Integer inputTokens) {
        if (reported == null && inputTokens == null) {
            return null;
        }
        return guard.costOf(OpenRouterCallKind.EMBEDDING, model, reported, CallCost.tokens(inputTokens), 0,
                BilledUnits.NONE);
    }

    private String model(String requested) {
        return requested != null && !requested.isBlank() ? requested : delegate.modelName();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public List<EmbeddingModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public EmbeddingRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public Set<EmbeddingParameter<?>> supportedParameters() {
        return delegate.supportedParameters();
    }

    @Override
    public Set<ContentType> supportedContentTypes() {
        return delegate.supportedContentTypes();
    }

    @Override
    public String toString() {
        return "BudgetGuarded(" + delegate + ")";
    }
}
