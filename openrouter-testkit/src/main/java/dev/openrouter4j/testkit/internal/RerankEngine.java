package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /rerank} when nothing is scripted: each document is scored by its word overlap with the query
 * (0.8 x the share of the query's words it contains + 0.2 x the Jaccard similarity of their trigrams), results are
 * sorted by score (ties by index) and cut to {@code top_n}, as the real service returns them. One search unit per
 * 100 documents, priced from the model. Stateless; thread-safe.
 */
public final class RerankEngine {

    private final ChatEngine engine;
    private final MediaCatalog catalog = MediaCatalog.get();

    public RerankEngine(ChatEngine engine) {
        this.engine = engine;
    }

    private record Scored(int index, JsonNode document, String text, double score) {
    }

    public Reply answer(ChatCall call) {
        RequestCheck.Checked checked = RequestCheck.check("/rerank", call, catalog::rerank);
        if (checked.error() != null) {
            return checked.error();
        }
        JsonNode body = checked.body();
        MediaCatalog.Entry model = checked.model();
        String modelId = model.id();
        String query = body.path("query").asText();
        List<Scored> scored = new ArrayList<>();
        int tokens = ChatEngine.tokenize(query).size();
        JsonNode documents = body.path("documents");
        for (int i = 0; i < documents.size(); i++) {
            JsonNode d = documents.get(i);
            String text = d.isTextual() ? d.asText() : d.path("text").asText("");
            scored.add(new Scored(i, d, text, score(query, text)));
            tokens += ChatEngine.tokenize(query).size() + ChatEngine.tokenize(text).size();
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(Scored::index));
        int topN = body.path("top_n").asInt(scored.size());
        ObjectNode root = Json.object();
        root.put("id", "gen-rerank-" + System.currentTimeMillis() / 1000 + "-" + ChatEngine.random(20));
        root.put("model", modelId);
        root.put("provider", model.provider());
        ArrayNode results = root.putArray("results");
        for (Scored s : scored.subList(0, Math.min(topN, scored.size()))) {
            ObjectNode r = results.addObject();
            ObjectNode doc = r.putObject("document");
            if (s.document().isTextual()) {
                doc.put("text", s.text());
            } else {
                doc.setAll((ObjectNode) s.document().deepCopy());
            }
            r.put("index", s.index());
            r.put("relevance_score", s.score());
        }
        int searchUnits = Math.max(1, (documents.size() + 99) / 100);
        BigDecimal cost = Answer.plain(model.unitPrice().multiply(BigDecimal.valueOf(searchUnits)));
        ObjectNode usage = root.putObject("usage");
        usage.put("search_units", searchUnits);
        usage.put("total_tokens", tokens);
        usage.put("cost", cost);
        engine.charge(cost);
        return Reply.json(200, Json.bytes(root));
    }

    /** A score in [0, 1], rounded to 6 decimals: 1 when the document holds every query word and trigram. */
    public static double score(String query, String document) {
        Set<String> q = TextFeatures.wordSet(query);
        Set<String> d = TextFeatures.wordSet(document);
        double overlap = 0;
        if (!q.isEmpty()) {
            Set<String> common = new HashSet<>(q);
            common.retainAll(d);
            overlap = (double) common.size() / q.size();
        }
        Set<String> qt = new HashSet<>(TextFeatures.trigrams(List.copyOf(q)));
        Set<String> dt = new HashSet<>(TextFeatures.trigrams(List.copyOf(d)));
        Set<String> union = new HashSet<>(qt);
        union.addAll(dt);
        qt.retainAll(dt);
        double jaccard = union.isEmpty() ? 0 : (double) qt.size() / union.size();
        return BigDecimal.valueOf(0.8 * overlap + 0.2 * jaccard).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }
}
