package dev.openrouter4j.langchain4j.internal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.langchain4j.OpenRouterModelInfo;
import dev.openrouter4j.langchain4j.OpenRouterModelPricing;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code GET /models} response body ({@code {"data":[model...]}}) into {@link OpenRouterModelInfo}s.
 * <p>
 * One pass over one Jackson tree, no per-model re-serialization, so the ~600 KB catalog parses in milliseconds.
 * Lenient like the rest of the library: unknown fields are ignored, absent or null fields become null, an entry
 * without an id is skipped. Prices are taken from their JSON text into {@link BigDecimal}, never via a double.
 */
public final class ModelsParser {

    private ModelsParser() {
    }

    /** Parses a response body given as text. */
    public static List<OpenRouterModelInfo> parse(String body) throws MalformedResponseException {
        if (body == null) throw new MalformedResponseException("the /models response is empty");
        try {
            return fromRoot(Json.MAPPER.readTree(body));
        } catch (MalformedResponseException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedResponseException("the /models response is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses a response body given as UTF-8 bytes (what the HTTP client received). */
    public static List<OpenRouterModelInfo> parse(byte[] body) throws MalformedResponseException {
        if (body == null) throw new MalformedResponseException("the /models response is empty");
        try {
            return fromRoot(Json.MAPPER.readTree(body));
        } catch (MalformedResponseException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedResponseException("the /models response is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<OpenRouterModelInfo> fromRoot(JsonNode root) throws MalformedResponseException {
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new MalformedResponseException("the /models response has no \"data\" array");
        }
        List<OpenRouterModelInfo> out = new ArrayList<>(data.size());
        for (JsonNode m : data) {
            OpenRouterModelInfo info = model(m);
            if (info != null) out.add(info);
        }
        return List.copyOf(out);
    }

    /** One entry of {@code data}, or null when it is not an object with an id. */
    static OpenRouterModelInfo model(JsonNode m) {
        if (m == null || !m.isObject()) return null;
        String id = Json.text(m, "id");
        if (id == null || id.isBlank()) return null;
        JsonNode architecture = m.get("architecture");
        JsonNode topProvider = m.get("top_provider");
        return new OpenRouterModelInfo(
                id,
                Json.text(m, "canonical_slug"),
                Json.text(m, "name"),
                Json.text(m, "description"),
                epochSeconds(m.get("created")),
                Json.integer(m, "context_length"),
                Json.integer(topProvider, "max_completion_tokens"),
                strings(m.get("supported_parameters")),
                strings(architecture == null ? null : architecture.get("input_modalities")),
                strings(architecture == null ? null : architecture.get("output_modalities")),
                pricing(m.get("pricing")));
    }

    static OpenRouterModelPricing pricing(JsonNode p) {
        if (p == null || !p.isObject()) return OpenRouterModelPricing.unknown();
        return new OpenRouterModelPricing(
                Json.decimal(p, "prompt"),
                Json.decimal(p, "completion"),
                Json.decimal(p, "request"),
                Json.decimal(p, "image"),
                Json.decimal(p, "web_search"),
                Json.decimal(p, "internal_reasoning"),
                Json.decimal(p, "input_cache_read"),
                Json.decimal(p, "input_cache_write"));
    }

    private static Instant epochSeconds(JsonNode v) {
        if (v == null || v.isNull()) return null;
        try {
            if (v.isIntegralNumber()) return Instant.ofEpochSecond(v.longValue());
            if (v.isNumber()) return Instant.ofEpochSecond(v.decimalValue().longValue());
            if (v.isTextual()) return Instant.ofEpochSecond(new BigDecimal(v.asText().trim()).longValue());
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            if (n != null && n.isValueNode() && !n.isNull()) out.add(n.asText());
        }
        return out;
    }
}
