package dev.openrouter4j.cost;

import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;

import java.time.Clock;

/**
 * Records every call of the embedding models it is registered on into a {@link CostLedger} as an
 * {@link OpenRouterCallKind#EMBEDDING} entry, through LangChain4j's own {@link EmbeddingModelListener}: once per
 * {@code embed}/{@code embedAll} call (however many requests a large call is split into), failures included.
 * <pre>{@code
 * OpenRouterEmbeddingModel embeddings = OpenRouterEmbeddingModel.builder()...
 *         .listeners(new CostEmbeddingListener(ledger, prices)).build();
 * }</pre>
 * The cost is OpenRouter's reported cost (the sum over the call's requests) when present, else the input tokens at
 * the {@link PriceTable} prompt price of the model that answered, else unknown (a null cost, never zero). The
 * provider and, for a call sent as one request, the generation id come from {@code OpenRouterEmbeddingResponseMetadata};
 * any other LangChain4j embedding model is recorded from its token usage. Attribution is the chat
 * {@link CostListener}'s: the {@link CostContext} in effect when the call starts, plus String listener attributes.
 * Thread-safe; one instance can serve many models.
 */
public final class CostEmbeddingListener implements EmbeddingModelListener {

    private final CallRecorder recorder;

    /** Records into the ledger, estimating missing costs from the price table. */
    public CostEmbeddingListener(CostLedger ledger, PriceTable prices) {
        this(ledger, prices, Clock.systemUTC());
    }

    /** As {@link #CostEmbeddingListener(CostLedger, PriceTable)} with a clock for the entries' start times (tests). */
    public CostEmbeddingListener(CostLedger ledger, PriceTable prices, Clock clock) {
        this.recorder = new CallRecorder(ledger, prices, clock);
    }

    /** The ledger this listener records into. */
    public CostLedger ledger() {
        return recorder.ledger;
    }

    @Override
    public void onRequest(EmbeddingModelRequestContext context) {
        recorder.start(context.attributes());
    }

    @Override
    public void onResponse(EmbeddingModelResponseContext context) {
        recorder.record(recorder.costing.fromEmbedding(recorder.state(context.attributes()),
                requestedModel(context.embeddingRequest(), context.embeddingModel()), context.embeddingResponse()));
    }

    @Override
    public void onError(EmbeddingModelErrorContext context) {
        recorder.record(recorder.costing.fromError(recorder.state(context.attributes()), OpenRouterCallKind.EMBEDDING,
                requestedModel(context.embeddingRequest(), context.embeddingModel()), context.error()));
    }

    private static String requestedModel(EmbeddingRequest request, EmbeddingModel model) {
        String name = request == null || request.parameters() == null ? null : request.parameters().modelName();
        if (name == null || name.isBlank()) {
            name = model == null ? null : model.modelName();
        }
        return name;
    }
}
