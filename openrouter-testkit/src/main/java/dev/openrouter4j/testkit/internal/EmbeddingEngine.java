package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /embeddings} when nothing is scripted: one deterministic vector per input, usage and cost.
 *
 * <p>A vector is a hashed bag of the text's words (weight 1) and character trigrams (weight 0.5), salted with the
 * model id, L2-normalized: equal texts give equal vectors, texts sharing words are closer (higher cosine) than
 * unrelated ones, and different models give different vectors. Its length is the request's {@code dimensions}, else
 * the model's default. Stateless; thread-safe.
 */
public final class EmbeddingEngine {

    private static final int MAX_DIMENSIONS = 8192;

    private final ChatEngine engine;
    private final MediaCatalog catalog = MediaCatalog.get();

    public EmbeddingEngine(ChatEngine engine) {
        this.engine = engine;
    }

    public Reply answer(ChatCall call) {
        RequestCheck.Checked checked = RequestCheck.check("/embeddings", call, catalog::embedding);
        if (checked.error() != null) {
            return checked.error();
        }
        JsonNode body = checked.body();
        MediaCatalog.Entry model = checked.model();
        String modelId = model.id();
        int dimensions = body.path("dimensions").asInt(catalog.defaultDimensions(model));
        if (dimensions > MAX_DIMENSIONS) {
            return Errors.badRequest("dimensions must be at most " + MAX_DIMENSIONS + " for " + modelId);
        }
        boolean base64 = "base64".equals(body.path("encoding_format").asText());
        if (hasImages(body.path("input")) && !catalog.inputs(model, "image")) {
            return Errors.badRequest(modelId + " does not support image input");
        }
        String inputType = body.path("input_type").asText("");
        List<String> texts = texts(body.path("input"));
        ObjectNode root = Json.object();
        root.put("id", ChatEngine.newGenerationId());
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = vector(texts.get(i), dimensions, modelId, inputType);
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            if (base64) {
                item.put("embedding", base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
            item.put("index", i);
            tokens += Math.max(1, ChatEngine.tokenize(texts.get(i)).size());
        }
        root.put("model", modelId);
        root.put("provider", model.provider());
        BigDecimal cost = Answer.plain(model.unitPrice().multiply(BigDecimal.valueOf(tokens)));
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        usage.put("cost", cost);
        usage.put("is_byok", false);
        engine.charge(cost);
        return Reply.json(200, Json.bytes(root));
    }

    /** The texts to embed: a string, strings, token arrays (as their numbers) or multimodal inputs (their parts). */
    static List<String> texts(JsonNode input) {
        List<String> out = new ArrayList<>();
        if (input.isTextual()) {
            out.add(input.asText());
            return out;
        }
        if (input.isArray() && input.size() > 0 && input.get(0).isNumber()) {
            out.add(numbers(input));
            return out;
        }
        for (JsonNode item : input) {
            if (item.isTextual()) {
                out.add(item.asText());
            } else if (item.isArray()) {
                out.add(numbers(item));
            } else {
                StringBuilder sb = new StringBuilder();
                for (JsonNode part : item.path("content")) {
                    String text = part.has("text") ? part.path("text").asText()
                            : part.path("image_url").path("url").asText(part.toString());
                    sb.append(sb.length() == 0 ? "" : " ").append(text);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static String numbers(JsonNode tokens) {
        StringBuilder sb = new StringBuilder();
        tokens.forEach(t -> sb.append(sb.length() == 0 ? "" : " ").append(t.asText()));
        return sb.toString();
    }

    private static boolean hasImages(JsonNode input) {
        for (JsonNode item : input) {
            for (JsonNode part : item.path("content")) {
                if (!part.has("text")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The unit vector of a text; public so tests can compare with what a client decoded. */
    public static float[] vector(String text, int dimensions, String modelId) {
        return vector(text, dimensions, modelId, "");
    }

    /**
     * The unit vector of a text for an {@code input_type} (e.g. {@code search_query}): one extra feature of weight
     * 0.3, so a query and a document of the same text differ slightly and stay close.
     */
    public static float[] vector(String text, int dimensions, String modelId, String inputType) {
        double[] v = new double[dimensions];
        if (!inputType.isEmpty()) {
            add(v, "input_type:" + inputType, 0.3, modelId);
        }
        List<String> words = TextFeatures.words(text);
        for (String w : words) {
            add(v, "w:" + w, 1.0, modelId);
        }
        for (String t : TextFeatures.trigrams(words)) {
            add(v, "t:" + t, 0.5, modelId);
        }
        if (words.isEmpty()) {
            add(v, "raw:" + text, 1.0, modelId); // punctuation or nothing at all: still a stable, distinct vector
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    private static void add(double[] v, String feature, double weight, String salt) {
        long h = TextFeatures.hash(feature, salt);
        int index = (int) Long.remainderUnsigned(h, v.length);
        v[index] += ((h >>> 63) == 0 ? weight : -weight);
    }

    /** Little-endian float32 values, base64-encoded, as OpenAI-compatible APIs send {@code encoding_format: base64}. */
    static String base64(float[] vector) {
        ByteBuffer buf = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            buf.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }
}
