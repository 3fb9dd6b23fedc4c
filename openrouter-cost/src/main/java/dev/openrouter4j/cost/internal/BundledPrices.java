package dev.openrouter4j.cost.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openrouter4j.cost.ModelPrice;
import dev.openrouter4j.cost.PriceSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two offline tables: the seed document's prices and the bundled snapshot of OpenRouter's catalog
 * ({@code openrouter-prices-2026-05.json}, read from the classpath once, lazily).
 */
public final class BundledPrices {

    public static final String SNAPSHOT_RESOURCE = "/dev/openrouter4j/cost/openrouter-prices-2026-05.json";

    /**
     * The seed document gives no date; its prices are those of spring 2024 (Llama 3's release), so its entries are
     * dated 2024-05-01.
     */
    public static final LocalDate SEED_DATE = LocalDate.of(2024, 5, 1);

    private BundledPrices() {
    }

    private static final class SnapshotHolder {
        static final PriceIndex SNAPSHOT = loadSnapshot();
    }

    private static final class SeedHolder {
        static final PriceIndex SEED = buildSeed();
    }

    public static PriceIndex snapshot() {
        return SnapshotHolder.SNAPSHOT;
    }

    public static PriceIndex seed() {
        return SeedHolder.SEED;
    }

    private static PriceIndex loadSnapshot() {
        try (InputStream in = BundledPrices.class.getResourceAsStream(SNAPSHOT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SNAPSHOT_RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            LocalDate captured = LocalDate.parse(root.path("captured").asText("2026-05-22"));
            Map<String, ModelPrice> byId = new LinkedHashMap<>();
            Map<String, String> idBySlug = new HashMap<>();
            for (JsonNode m : root.path("models")) {
                String id = m.path("id").asText();
                JsonNode p = m.path("pricing");
                ModelPrice price = new ModelPrice(id, dec(p, "prompt"), dec(p, "completion"), dec(p, "input_cache_read"),
                        dec(p, "input_cache_write"), dec(p, "internal_reasoning"), dec(p, "request"),
                        dec(p, "web_search"), integer(m, "context_length"), integer(m, "max_completion_tokens"),
                        PriceSource.SNAPSHOT, captured);
                byId.put(id, price);
                String slug = m.path("canonical_slug").asText(null);
                if (slug != null && !slug.equalsIgnoreCase(id)) {
                    idBySlug.putIfAbsent(slug, id);
                }
            }
            return new PriceIndex(byId, idBySlug);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SNAPSHOT_RESOURCE, e);
        }
    }

    private static PriceIndex buildSeed() {
        Map<String, ModelPrice> byId = new LinkedHashMap<>();
        // USD per 1K tokens, input / output, as the seed document states them.
        seed(byId, "openai/gpt-4-turbo", "0.01", "0.03");
        seed(byId, "openai/gpt-4", "0.03", "0.06");
        seed(byId, "openai/gpt-3.5-turbo", "0.0015", "0.002");
        seed(byId, "anthropic/claude-3-opus", "0.015", "0.075");
        seed(byId, "anthropic/claude-3-sonnet", "0.003", "0.015");
        seed(byId, "anthropic/claude-3-haiku", "0.00025", "0.00125");
        seed(byId, "google/gemini-pro-1.5", "0.0005", "0.0015");
        seed(byId, "meta-llama/llama-3-70b-instruct", "0.00059", "0.00079");
        seed(byId, "meta-llama/llama-3-8b-instruct", "0.00006", "0.00006");
        return new PriceIndex(byId, Map.of());
    }

    private static void seed(Map<String, ModelPrice> byId, String id, String inputPer1k, String outputPer1k) {
        ModelPrice limits = snapshot().byId(id);
        byId.put(id, new ModelPrice(id, new BigDecimal(inputPer1k).movePointLeft(3),
                new BigDecimal(outputPer1k).movePointLeft(3), null, null, null, null, null,
                limits == null ? null : limits.contextLength(), limits == null ? null : limits.maxCompletionTokens(),
                PriceSource.SEED, SEED_DATE));
    }

    private static BigDecimal dec(JsonNode pricing, String field) {
        JsonNode v = pricing.get(field);
        if (v == null || v.isNull()) return null;
        String text = v.asText();
        return text.isBlank() ? null : new BigDecimal(text.trim());
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.canConvertToInt() ? null : v.intValue();
    }
}
