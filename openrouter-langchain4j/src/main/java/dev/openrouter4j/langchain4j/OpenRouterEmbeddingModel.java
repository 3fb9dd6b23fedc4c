package dev.openrouter4j.langchain4j;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.DimensionAwareEmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.langchain4j.internal.endpoint.BatchFailure;
import dev.openrouter4j.langchain4j.internal.endpoint.EndpointTransport;
import dev.openrouter4j.langchain4j.internal.embedding.EmbeddingWire;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.request.ProviderJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A LangChain4j {@link dev.langchain4j.model.embedding.EmbeddingModel} on OpenRouter's {@code POST /embeddings}, for
 * RAG apps that take chat and embeddings from one key.
 * <pre>{@code
 * try (OpenRouterEmbeddingModel model = OpenRouterEmbeddingModel.builder()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY"))
 *         .modelName("openai/text-embedding-3-small")
 *         .dimensions(512)
 *         .build()) {
 *     Response<List<Embedding>> r = model.embedAll(segments);   // split into requests of batchSize, order kept
 *     BigDecimal cost = ((OpenRouterTokenUsage) r.tokenUsage()).cost();
 * }
 * }</pre>
 * Per call ({@link #embed(EmbeddingRequest)}) it takes a model name, {@code dimensions} and an input type
 * ({@code QUERY} / {@code DOCUMENT}, sent as {@code input_type: search_query / search_document}). Image inputs are sent
 * as OpenRouter's multimodal input when the builder lists {@link ContentType#IMAGE} (the model must take images).
 * Every response's metadata is an {@link OpenRouterEmbeddingResponseMetadata} (cost, generation ids, provider);
 * {@link #embedAll} puts the same in {@link Response#metadata()} under {@code cost}, {@code generation_ids} and
 * {@code provider}. Errors are the typed OpenRouter exceptions of the chat models; when one request of a split call
 * fails, the whole call fails and the message names the batch. Listeners are called as LangChain4j defines: once per
 * {@link #embed(EmbeddingRequest)} call, whatever the number of batches. Thread-safe; close it to release its threads.
 */
public class OpenRouterEmbeddingModel extends DimensionAwareEmbeddingModel implements AutoCloseable {

    /** Default number of inputs per request. */
    public static final int DEFAULT_BATCH_SIZE = 128;

    private static final Map<String, Integer> KNOWN_DIMENSIONS = Map.of(
            "openai/text-embedding-3-small", 1536,
            "openai/text-embedding-3-large", 3072,
            "openai/text-embedding-ada-002", 1536);

    private final EndpointTransport transport;
    private final String modelName;
    private final Integer dimensions;
    private final EmbeddingInputType inputType;
    private final String encodingFormat;
    private final String user;
    private final ProviderPreferences provider;
    private final int batchSize;
    private final List<EmbeddingModelListener> listeners;
    private final Set<ContentType> contentTypes;

    protected OpenRouterEmbeddingModel(Builder b) {
        List<String> problems = new ArrayList<>();
        if (b.dimensions != null && b.dimensions < 1) problems.add("dimensions must be 1 or more, was " + b.dimensions);
        if (b.batchSize < 1) problems.add("batchSize must be 1 or more, was " + b.batchSize);
        if (b.encodingFormat != null && !List.of("float", "base64").contains(b.encodingFormat)) {
            problems.add("encodingFormat must be float or base64, was " + b.encodingFormat);
        }
        Set<ContentType> unsupported = new LinkedHashSet<>(b.contentTypes);
        unsupported.removeAll(Set.of(ContentType.TEXT, ContentType.IMAGE));
        if (!unsupported.isEmpty() || !b.contentTypes.contains(ContentType.TEXT)) {
            problems.add("supportedContentTypes must include TEXT and may add IMAGE, was " + b.contentTypes);
        }
        this.transport = b.openTransport(problems);
        this.modelName = b.modelName;
        this.dimensions = b.dimensions;
        this.inputType = b.inputType;
        this.encodingFormat = b.encodingFormat;
        this.user = b.user;
        this.provider = b.provider;
        this.batchSize = b.batchSize;
        this.listeners = List.copyOf(b.listeners);
        this.contentTypes = Set.copyOf(b.contentTypes);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    protected Integer knownDimension() {
        return dimensions != null ? dimensions : KNOWN_DIMENSIONS.get(modelName);
    }

    @Override
    public List<EmbeddingModelListener> listeners() {
        return listeners;
    }

    /** {@code OTHER}: LangChain4j's provider enum has no OpenRouter value. */
    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<EmbeddingParameter<?>> supportedParameters() {
        return Set.of(EmbeddingRequestParameters.MODEL_NAME, EmbeddingRequestParameters.DIMENSIONS,
                EmbeddingRequestParameters.INPUT_TYPE);
    }

    @Override
    public Set<ContentType> supportedContentTypes() {
        return contentTypes;
    }

    @Override
    public EmbeddingRequestParameters defaultRequestParameters() {
        return EmbeddingRequestParameters.builder().modelName(modelName).dimensions(dimensions).inputType(inputType)
                .build();
    }

    @Override
    public EmbeddingResponse doEmbed(EmbeddingRequest request) {
        EmbeddingRequestParameters p = request.parameters();
        String model = p.modelName() == null || p.modelName().isBlank() ? modelName : p.modelName();
        List<EmbeddingInput> inputs = request.inputs();
        int batches = (inputs.size() + batchSize - 1) / batchSize;
        List<Embedding> embeddings = new ArrayList<>(inputs.size());
        List<String> ids = new ArrayList<>();
        TokenUsage usage = null;
        String servedBy = null;
        String servedModel = null;
        for (int k = 0; k < batches; k++) {
            int from = k * batchSize;
            int to = Math.min(inputs.size(), from + batchSize);
            EmbeddingWire.Batch batch;
            try {
                batch = send(model, inputs.subList(from, to), p);
            } catch (RuntimeException e) {
                throw batches == 1 ? e : BatchFailure.withBatch(e, k + 1, batches, from, to - 1);
            }
            embeddings.addAll(batch.embeddings());
            if (batch.generationId() != null) ids.add(batch.generationId());
            usage = TokenUsage.sum(usage, batch.usage());
            if (servedBy == null) servedBy = batch.provider();
            if (servedModel == null) servedModel = batch.model();
        }
        BigDecimal cost = usage instanceof OpenRouterTokenUsage u ? u.cost() : null;
        return EmbeddingResponse.builder()
                .embeddings(embeddings)
                .metadata(OpenRouterEmbeddingResponseMetadata.builder()
                        .modelName(servedModel == null ? model : servedModel)
                        .tokenUsage(usage)
                        .generationIds(ids)
                        .provider(servedBy)
                        .cost(cost)
                        .build())
                .build();
    }

    private EmbeddingWire.Batch send(String model, List<EmbeddingInput> inputs, EmbeddingRequestParameters p) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        body.set("input", EmbeddingWire.input(inputs));
        if (p.dimensions() != null) body.put("dimensions", p.dimensions());
        if (p.inputType() != null) body.put("input_type", EmbeddingWire.inputType(p.inputType()));
        if (encodingFormat != null) body.put("encoding_format", encodingFormat);
        if (user != null) body.put("user", user);
        if (provider != null) body.set("provider", ProviderJson.of(provider));
        int expected = inputs.size();
        return transport.post(EndpointTransport.endpoint("embeddings", "application/json",
                (contentType, bytes) -> EmbeddingWire.parse(bytes, expected)), body, model);
    }

    /** As LangChain4j's, plus {@code cost}, {@code generation_ids} and {@code provider} in the metadata. */
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
        if (textSegments == null || textSegments.isEmpty()) {
            return Response.from(List.of());
        }
        EmbeddingResponse r = embed(EmbeddingRequest.builder().textSegments(textSegments).build());
        return Response.from(r.embeddings(), r.metadata().tokenUsage(), null, metadataMap(r));
    }

    /** As LangChain4j's, plus {@code cost}, {@code generation_ids} and {@code provider} in the metadata. */
    @Override
    public Response<Embedding> embed(TextSegment textSegment) {
        EmbeddingResponse r = embed(EmbeddingRequest.builder().textSegment(textSegment).build());
        if (r.embeddings().size() != 1) {
            throw new IllegalStateException("expected one embedding, got " + r.embeddings().size());
        }
        return Response.from(r.embeddings().get(0), r.metadata().tokenUsage(), null, metadataMap(r));
    }

    private static Map<String, Object> metadataMap(EmbeddingResponse r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r.metadata() instanceof OpenRouterEmbeddingResponseMetadata o) {
            if (o.cost() != null) m.put("cost", o.cost());
            if (!o.generationIds().isEmpty()) m.put("generation_ids", o.generationIds());
            if (o.provider() != null) m.put("provider", o.provider());
        }
        return m;
    }

    /** Releases the model's threads and connections. */
    @Override
    public void close() {
        transport.close();
    }

    /** Describes the model; never shows the key. */
    @Override
    public String toString() {
        return "OpenRouterEmbeddingModel{modelName=" + modelName + ", dimensions=" + dimensions + ", batchSize="
                + batchSize + ", " + transport.describe() + '}';
    }

    /** Builds {@link OpenRouterEmbeddingModel}; the connection options are those of {@link OpenRouterClientBuilder}. */
    public static class Builder extends OpenRouterClientBuilder<Builder> {

        private Integer dimensions;
        private EmbeddingInputType inputType;
        private String encodingFormat;
        private String user;
        private ProviderPreferences provider;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private List<EmbeddingModelListener> listeners = List.of();
        private Set<ContentType> contentTypes = Set.of(ContentType.TEXT);

        public Builder() {
        }

        /** Vector length for models that can shorten their vectors (wire: {@code dimensions}). */
        public Builder dimensions(Integer dimensions) { this.dimensions = dimensions; return this; }

        /** Default input type of every request (wire: {@code input_type}); a request may set its own. */
        public Builder inputType(EmbeddingInputType inputType) { this.inputType = inputType; return this; }

        /** {@code float} (default on the wire) or {@code base64} (smaller answers; decoded here either way). */
        public Builder encodingFormat(String encodingFormat) { this.encodingFormat = encodingFormat; return this; }

        /** Your end user's id (wire: {@code user}). */
        public Builder user(String user) { this.user = user; return this; }

        /** Provider routing: order, fallbacks, data collection, ... (wire: {@code provider}). */
        public Builder provider(ProviderPreferences provider) { this.provider = provider; return this; }

        /** Inputs per request when a call has more (default {@value OpenRouterEmbeddingModel#DEFAULT_BATCH_SIZE}). */
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }

        public Builder listeners(List<EmbeddingModelListener> listeners) {
            this.listeners = listeners == null ? List.of() : listeners;
            return this;
        }

        public Builder listeners(EmbeddingModelListener... listeners) { return listeners(Arrays.asList(listeners)); }

        /** {@code TEXT} (default), or {@code TEXT} and {@code IMAGE} for a model that embeds images. */
        public Builder supportedContentTypes(Set<ContentType> contentTypes) {
            this.contentTypes = contentTypes == null ? Set.of(ContentType.TEXT) : contentTypes;
            return this;
        }

        @Override
        String exampleModel() {
            return "openai/text-embedding-3-small";
        }

        public OpenRouterEmbeddingModel build() {
            return new OpenRouterEmbeddingModel(this);
        }
    }
}
