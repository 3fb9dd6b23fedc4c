package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The models the fake knows, with their prices per token: every model of the bundled {@code /models}
 * snapshot (by id and by canonical slug, with or without a {@code :variant} suffix) plus the 2024 model ids
 * used by the offline demo, which carry the demo's seed prices.
 */
public final class ModelCatalog {

    /** Model used when a request names none, and what the router pseudo-models with dynamic prices serve. */
    public static final String DEFAULT_MODEL = "openai/gpt-4o-mini";

    /** Price in USD per token. */
    public record Price(BigDecimal prompt, BigDecimal completion) {
        static Price per1k(String prompt, String completion) {
            return new Price(new BigDecimal(prompt).movePointLeft(3), new BigDecimal(completion).movePointLeft(3));
        }
    }

    /**
     * A resolved model.
     *
     * @param requested the id as the request spelled it
     * @param served    the id the response reports in {@code model}
     * @param price     price of the served model
     */
    public record Model(String requested, String served, Price price) {
    }

    /** The offline demo's seed prices, per 1K tokens input/output, which win over the snapshot's. */
    private static final Map<String, Price> SEED_PRICES = new LinkedHashMap<>();

    static {
        SEED_PRICES.put("openai/gpt-4-turbo", Price.per1k("0.01", "0.03"));
        SEED_PRICES.put("openai/gpt-4", Price.per1k("0.03", "0.06"));
        SEED_PRICES.put("openai/gpt-3.5-turbo", Price.per1k("0.0015", "0.002"));
        SEED_PRICES.put("anthropic/claude-3-opus", Price.per1k("0.015", "0.075"));
        SEED_PRICES.put("anthropic/claude-3-sonnet", Price.per1k("0.003", "0.015"));
        SEED_PRICES.put("anthropic/claude-3-haiku", Price.per1k("0.00025", "0.00125"));
        SEED_PRICES.put("google/gemini-pro-1.5", Price.per1k("0.0005", "0.0015"));
        SEED_PRICES.put("meta-llama/llama-3-70b-instruct", Price.per1k("0.00059", "0.00079"));
        SEED_PRICES.put("meta-llama/llama-3-8b-instruct", Price.per1k("0.00006", "0.00006"));
    }

    private static volatile ModelCatalog instance;

    private final byte[] snapshot;
    private final Map<String, Price> byId = new HashMap<>();
    private final Map<String, String> slugToId = new HashMap<>();
    private final Map<String, Set<String>> outputModalities = new HashMap<>();

    private ModelCatalog(byte[] snapshot) {
        this.snapshot = snapshot;
        JsonNode root;
        try {
            root = Json.parse(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("bundled models snapshot is not JSON", e);
        }
        for (JsonNode m : root.path("data")) {
            String id = m.path("id").asText();
            JsonNode pricing = m.path("pricing");
            byId.put(id, new Price(decimal(pricing.path("prompt")), decimal(pricing.path("completion"))));
            Set<String> outputs = new HashSet<>();
            m.path("architecture").path("output_modalities").forEach(o -> outputs.add(o.asText()));
            outputModalities.put(id, Set.copyOf(outputs));
            String slug = m.path("canonical_slug").asText(null);
            if (slug != null && !slug.equals(id)) {
                slugToId.putIfAbsent(slug, id);
            }
        }
    }

    private static BigDecimal decimal(JsonNode n) {
        try {
            return n.isMissingNode() || n.isNull() ? BigDecimal.ZERO : new BigDecimal(n.asText());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    /** The catalogue built from the bundled snapshot (parsed once). */
    public static ModelCatalog get() {
        ModelCatalog c = instance;
        if (c == null) {
            synchronized (ModelCatalog.class) {
                c = instance;
                if (c == null) {
                    c = new ModelCatalog(Resources.read("models-2026-05.json"));
                    instance = c;
                }
            }
        }
        return c;
    }

    /** The snapshot bytes exactly as bundled, for {@code GET /models}. */
    public byte[] snapshot() {
        return snapshot;
    }

    /** Number of models in the snapshot. */
    public int size() {
        return byId.size();
    }

    /**
     * Whether the snapshot says the model can produce this output modality ({@code "image"}, {@code "audio"});
     * {@code "text"} always, models outside the snapshot nothing else.
     */
    public boolean outputs(String modelId, String modality) {
        if ("text".equals(modality)) {
            return true;
        }
        String id = modelId;
        if (!outputModalities.containsKey(id) && slugToId.containsKey(id)) {
            id = slugToId.get(id);
        }
        return outputModalities.getOrDefault(id, Set.of()).contains(modality);
    }

    /** Resolves a model id as OpenRouter would accept it; empty when OpenRouter would say "not a valid model ID". */
    public Optional<Model> lookup(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.empty();
        }
        Price price = priceOf(requested);
        if (price == null) {
            int slash = requested.indexOf('/');
            int colon = requested.lastIndexOf(':');
            if (colon > slash && slash > 0) {
                price = priceOf(requested.substring(0, colon));
            }
        }
        if (price == null) {
            return Optional.empty();
        }
        if (price.prompt().signum() < 0 || price.completion().signum() < 0) {
            // a router with dynamic pricing ("-1"): it picks a concrete model, which the response names
            return Optional.of(new Model(requested, DEFAULT_MODEL, priceOf(DEFAULT_MODEL)));
        }
        return Optional.of(new Model(requested, requested, price));
    }

    /** Like {@link #lookup} but never empty: an unknown model is served as named, for free. */
    public Model lookupLenient(String requested) {
        String id = requested == null || requested.isBlank() ? DEFAULT_MODEL : requested;
        return lookup(id).orElseGet(() -> new Model(id, id, new Price(BigDecimal.ZERO, BigDecimal.ZERO)));
    }

    private Price priceOf(String id) {
        Price seed = SEED_PRICES.get(id);
        if (seed != null) {
            return seed;
        }
        Price p = byId.get(id);
        if (p != null) {
            return p;
        }
        String viaSlug = slugToId.get(id);
        return viaSlug == null ? null : byId.get(viaSlug);
    }

    /** Display name of the provider that serves a model, derived from its author as OpenRouter reports it. */
    public static String providerFor(String modelId) {
        String author = modelId == null ? "" : modelId;
        int slash = author.indexOf('/');
        if (slash >= 0) {
            author = author.substring(0, slash);
        }
        if (author.startsWith("~")) {
            author = author.substring(1);
        }
        switch (author.toLowerCase(Locale.ROOT)) {
            case "openai": return "OpenAI";
            case "anthropic": return "Anthropic";
            case "google": return "Google";
            case "meta-llama": return "DeepInfra";
            case "mistralai": return "Mistral";
            case "x-ai": return "xAI";
            case "deepseek": return "DeepSeek";
            case "minimax": return "Minimax";
            case "qwen": return "Alibaba";
            case "moonshotai": return "Moonshot AI";
            case "z-ai": return "Z.AI";
            case "": return "OpenRouter";
            default:
                return Character.toUpperCase(author.charAt(0)) + author.substring(1);
        }
    }
}
