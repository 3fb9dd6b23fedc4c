package dev.openrouter4j.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.openrouter4j.langchain4j.internal.endpoint.Bodies;
import dev.openrouter4j.langchain4j.internal.endpoint.CallListeners;
import dev.openrouter4j.langchain4j.internal.endpoint.EndpointTransport;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.request.ProviderJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LangChain4j {@link ScoringModel} (reranker) on OpenRouter's {@code POST /rerank}, e.g. {@code cohere/rerank-v3.5},
 * for the {@code ReRankingContentAggregator} of a RAG pipeline.
 * <pre>{@code
 * try (OpenRouterScoringModel reranker = OpenRouterScoringModel.builder()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY")).modelName("cohere/rerank-v3.5").build()) {
 *     List<Double> scores = reranker.scoreAll(segments, "What is the capital of France?").content();
 * }
 * }</pre>
 * {@link #scoreAll} returns one score per segment, in the segments' order, whatever order OpenRouter ranks them in.
 * With {@link Builder#topN(Integer)} OpenRouter returns only the best {@code topN}; the other segments then score
 * {@link Double#NEGATIVE_INFINITY}, so a minimum score filters them out and sorting puts them last. The response
 * carries the token usage (an {@link OpenRouterTokenUsage} with the cost) and, in {@link Response#metadata()},
 * {@code cost}, {@code generation_id}, {@code model}, {@code provider} and {@code search_units}
 * (each when reported). {@link OpenRouterCallListener}s registered with {@link Builder#listeners} see every call. Errors are the typed OpenRouter
 * exceptions. Thread-safe; close it to release its threads.
 */
public class OpenRouterScoringModel implements ScoringModel, AutoCloseable {

    private final EndpointTransport transport;
    private final CallListeners listeners;
    private final String modelName;
    private final Integer topN;
    private final ProviderPreferences provider;

    protected OpenRouterScoringModel(Builder b) {
        List<String> problems = new ArrayList<>();
        if (b.topN != null && b.topN < 1) problems.add("topN must be 1 or more, was " + b.topN);
        this.transport = b.openTransport(problems);
        this.listeners = b.openListeners();
        this.modelName = b.modelName;
        this.topN = b.topN;
        this.provider = b.provider;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String modelName() {
        return modelName;
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be blank");
        }
        if (segments == null || segments.isEmpty()) {
            return Response.from(List.of());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", modelName);
        body.put("query", query);
        ArrayNode documents = body.putArray("documents");
        for (int i = 0; i < segments.size(); i++) {
            TextSegment s = segments.get(i);
            if (s == null || s.text() == null) {
                throw new IllegalArgumentException("segment " + i + " is null or has no text");
            }
            documents.add(s.text());
        }
        if (topN != null) body.put("top_n", topN);
        if (provider != null) body.set("provider", ProviderJson.of(provider));
        int count = segments.size();
        int characters = query.length() + segments.stream().mapToInt(s -> s.text().length()).sum();
        OpenRouterCallRequest call = new OpenRouterCallRequest(OpenRouterCallKind.RERANK, modelName, count,
                OpenRouterCallUsage.none().withCharacters(characters));
        return listeners.around(call, () -> transport.post(EndpointTransport.endpoint("rerank", "application/json",
                (contentType, bytes) -> parse(bytes, count)), body, modelName), this::describe);
    }

    private OpenRouterCallResponse describe(Response<List<Double>> r) {
        Map<String, Object> m = r.metadata();
        Integer total = r.tokenUsage() == null ? null : r.tokenUsage().totalTokenCount();
        OpenRouterCallUsage usage = OpenRouterCallUsage.tokens(null, null, total)
                .withSearchUnits((Integer) m.get("search_units"));
        return new OpenRouterCallResponse(m.get("model") instanceof String s ? s : modelName,
                (String) m.get("provider"), (String) m.get("generation_id"), usage, (BigDecimal) m.get("cost"));
    }

    private static Response<List<Double>> parse(byte[] bytes, int count) throws MalformedResponseException {
        JsonNode root = Bodies.object(bytes, "the rerank response");
        JsonNode results = Bodies.array(root, "results", "the rerank response");
        Double[] scores = new Double[count];
        Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        boolean[] seen = new boolean[count];
        for (JsonNode r : results) {
            JsonNode index = r.get("index");
            JsonNode score = r.get("relevance_score");
            if (index == null || !index.canConvertToInt() || score == null || !score.isNumber()) {
                throw new MalformedResponseException("a rerank result lacks index or relevance_score: " + r);
            }
            int i = index.asInt();
            if (i < 0 || i >= count || seen[i]) {
                throw new MalformedResponseException("a rerank result has a bad or repeated index " + i);
            }
            seen[i] = true;
            scores[i] = score.asDouble();
        }
        JsonNode usage = root.get("usage");
        BigDecimal cost = Json.decimal(usage, "cost");
        OpenRouterTokenUsage tokenUsage = usage == null ? null : new OpenRouterTokenUsage(
                Json.integer(usage, "total_tokens"), null, Json.integer(usage, "total_tokens"), null, null, null,
                cost, null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfPresent(metadata, "cost", cost);
        putIfPresent(metadata, "generation_id", Json.text(root, "id"));
        putIfPresent(metadata, "model", Json.text(root, "model"));
        putIfPresent(metadata, "provider", Json.text(root, "provider"));
        putIfPresent(metadata, "search_units", Json.integer(usage, "search_units"));
        return Response.from(List.of(scores), tokenUsage, null, metadata);
    }

    static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }

    /** Releases the model's threads and connections. */
    @Override
    public void close() {
        transport.close();
    }

    /** Describes the model; never shows the key. */
    @Override
    public String toString() {
        return "OpenRouterScoringModel{modelName=" + modelName + ", topN=" + topN + ", " + transport.describe() + '}';
    }

    /** Builds {@link OpenRouterScoringModel}; the connection options are those of {@link OpenRouterClientBuilder}. */
    public static class Builder extends OpenRouterClientBuilder<Builder> {

        private Integer topN;
        private ProviderPreferences provider;

        public Builder() {
        }

        /** Observers of every call (see {@link OpenRouterCallListener}), e.g. a cost ledger's. */
        public Builder listeners(List<OpenRouterCallListener> listeners) { return callListeners(listeners); }

        /** Observers of every call (see {@link OpenRouterCallListener}), e.g. a cost ledger's. */
        public Builder listeners(OpenRouterCallListener... listeners) { return callListeners(Arrays.asList(listeners)); }

        /** Ask OpenRouter for the best {@code topN} only (wire: {@code top_n}); the rest score negative infinity. */
        public Builder topN(Integer topN) { this.topN = topN; return this; }

        /** Provider routing (wire: {@code provider}). */
        public Builder provider(ProviderPreferences provider) { this.provider = provider; return this; }

        @Override
        String exampleModel() {
            return "cohere/rerank-v3.5";
        }

        public OpenRouterScoringModel build() {
            return new OpenRouterScoringModel(this);
        }
    }
}
