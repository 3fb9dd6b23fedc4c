package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fake's models that are not chat models: embedding, rerank, image, speech and transcription models with their
 * prices, from the bundled {@code media-models.json}. Immutable once loaded; thread-safe.
 */
public final class MediaCatalog {

    /** A model of one kind: its id, the provider the fake says served it, its unit price and its raw entry. */
    public record Entry(String id, String provider, BigDecimal unitPrice, JsonNode raw) {
    }

    private static volatile MediaCatalog instance;

    private final Map<String, Entry> embeddings;
    private final Map<String, Entry> images;
    private final Map<String, Entry> rerank;
    private final Map<String, Entry> speech;
    private final Map<String, Entry> transcription;
    private final byte[] embeddingsListing;
    private final byte[] imagesListing;

    private MediaCatalog(JsonNode root) {
        embeddings = index(root.path("embeddings"), "pricing", "prompt");
        images = index(root.path("images"), null, null);
        rerank = index(root.path("rerank"), null, "price_per_search_unit");
        speech = index(root.path("speech"), null, "price_per_character");
        transcription = index(root.path("transcription"), null, "price_per_second");
        ObjectNode emb = Json.object();
        ArrayNode data = emb.putArray("data");
        embeddings.values().forEach(e -> data.add(withoutPrivateFields(e.raw())));
        emb.put("total_count", embeddings.size());
        emb.putObject("links").putNull("next");
        embeddingsListing = Json.bytes(emb);
        ObjectNode img = Json.object();
        ArrayNode imgData = img.putArray("data");
        images.values().forEach(e -> imgData.add(withoutPrivateFields(e.raw())));
        imagesListing = Json.bytes(img);
    }

    /** The catalogue of the bundled file (parsed once). */
    public static MediaCatalog get() {
        MediaCatalog c = instance;
        if (c == null) {
            synchronized (MediaCatalog.class) {
                c = instance;
                if (c == null) {
                    try {
                        c = new MediaCatalog(Json.parse(Resources.read("media-models.json")));
                    } catch (IOException e) {
                        throw new UncheckedIOException("bundled media-models.json is not JSON", e);
                    }
                    instance = c;
                }
            }
        }
        return c;
    }

    private static Map<String, Entry> index(JsonNode list, String priceObject, String priceField) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (JsonNode m : list) {
            String id = m.path("id").asText();
            BigDecimal price;
            if (priceField == null) {
                price = BigDecimal.valueOf(m.path("x_endpoints").path(0).path("pricing").path(0).path("cost_usd")
                        .asDouble(0));
            } else {
                JsonNode p = priceObject == null ? m.path(priceField) : m.path(priceObject).path(priceField);
                price = new BigDecimal(p.asText("0"));
            }
            String provider = m.path("provider").isTextual() ? m.path("provider").asText()
                    : m.path("x_endpoints").path(0).path("provider_name").asText(ModelCatalog.providerFor(id));
            out.put(id, new Entry(id, provider, price, m));
        }
        return Collections.unmodifiableMap(out);
    }

    private static JsonNode withoutPrivateFields(JsonNode m) {
        ObjectNode copy = m.deepCopy();
        copy.remove(copy.properties().stream().map(Map.Entry::getKey).filter(k -> k.startsWith("x_")).toList());
        return copy;
    }

    /** {@code GET /embeddings/models}: a {@code ModelsListResponse}. */
    public byte[] embeddingsListing() {
        return embeddingsListing;
    }

    /** {@code GET /images/models}: an {@code ImageModelsListResponse}. */
    public byte[] imagesListing() {
        return imagesListing;
    }

    /** {@code GET /images/models/{author}/{slug}/endpoints}, or empty for an unknown model. */
    public Optional<byte[]> imageEndpoints(String id) {
        Entry e = images.get(id);
        if (e == null) {
            return Optional.empty();
        }
        ObjectNode root = Json.object();
        root.put("id", id);
        root.set("endpoints", e.raw().path("x_endpoints").deepCopy());
        return Optional.of(Json.bytes(root));
    }

    /** An embedding model; its unit price is per input token. */
    public Optional<Entry> embedding(String id) {
        return Optional.ofNullable(embeddings.get(id));
    }

    /** The vector size an embedding model returns when the request names no {@code dimensions}. */
    public int defaultDimensions(Entry embeddingModel) {
        return embeddingModel.raw().path("x_default_dimensions").asInt(1024);
    }

    /** Whether a model's entry lists this input modality ({@code "text"}, {@code "image"}, ...). */
    public boolean inputs(Entry model, String modality) {
        for (JsonNode m : model.raw().path("architecture").path("input_modalities")) {
            if (m.asText().equals(modality)) {
                return true;
            }
        }
        return false;
    }

    /** An image model; its unit price is per generated image. */
    public Optional<Entry> image(String id) {
        return Optional.ofNullable(images.get(id));
    }

    /** A rerank model; its unit price is per search unit (one query over at most 100 documents). */
    public Optional<Entry> rerank(String id) {
        return Optional.ofNullable(rerank.get(id));
    }

    /** A text-to-speech model; its unit price is per input character. */
    public Optional<Entry> speech(String id) {
        return Optional.ofNullable(speech.get(id));
    }

    /** A transcription model; its unit price is per second of audio. */
    public Optional<Entry> transcription(String id) {
        return Optional.ofNullable(transcription.get(id));
    }
}
