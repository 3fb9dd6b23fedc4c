package dev.openrouter4j.langchain4j.internal.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.model.embedding.request.EmbeddingInput;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;
import dev.openrouter4j.langchain4j.internal.endpoint.Bodies;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.response.ResponseMapper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** The JSON of {@code POST /embeddings}: inputs to the {@code input} field, and the answer back to embeddings. */
public final class EmbeddingWire {

    private EmbeddingWire() {
    }

    /** One answer: embeddings in input order, usage (with cost), generation id, provider, model. */
    public record Batch(List<Embedding> embeddings, OpenRouterTokenUsage usage, String generationId, String provider,
                        String model) {
    }

    /** Plain strings when every input is text; otherwise every input as {@code {"content": [parts]}}. */
    public static JsonNode input(List<EmbeddingInput> inputs) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        boolean textOnly = inputs.stream().allMatch(i -> i.contentTypes().equals(Set.of(ContentType.TEXT)));
        for (EmbeddingInput input : inputs) {
            if (textOnly) {
                out.add(input.text());
                continue;
            }
            ArrayNode parts = out.addObject().putArray("content");
            for (Content c : input.contents()) {
                if (c instanceof TextContent t) {
                    parts.addObject().put("type", "text").put("text", t.text());
                } else if (c instanceof ImageContent image) {
                    ObjectNode part = parts.addObject().put("type", "image_url");
                    part.putObject("image_url").put("url", url(image));
                } else {
                    throw new IllegalArgumentException("cannot embed " + c.type() + " content");
                }
            }
        }
        return out;
    }

    private static String url(ImageContent c) {
        if (c.image().url() != null) {
            return c.image().url().toString();
        }
        String mime = c.image().mimeType() == null ? "image/png" : c.image().mimeType();
        return "data:" + mime + ";base64," + c.image().base64Data();
    }

    /** OpenRouter's {@code input_type} for LangChain4j's query/document distinction. */
    public static String inputType(EmbeddingInputType type) {
        return switch (type) {
            case QUERY -> "search_query";
            case DOCUMENT -> "search_document";
        };
    }

    /** Parses an answer for {@code expected} inputs; vectors are placed by their {@code index}, not their position. */
    public static Batch parse(byte[] body, int expected) throws MalformedResponseException {
        JsonNode root = Bodies.object(body, "the embeddings response");
        JsonNode data = Bodies.array(root, "data", "the embeddings response");
        if (data.size() != expected) {
            throw new MalformedResponseException("the embeddings response has " + data.size() + " vectors for "
                    + expected + " inputs");
        }
        Embedding[] ordered = new Embedding[expected];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").isInt() ? item.get("index").asInt() : i;
            if (index < 0 || index >= expected || ordered[index] != null) {
                throw new MalformedResponseException("the embeddings response has a bad or repeated index " + index);
            }
            ordered[index] = Embedding.from(vector(item.get("embedding")));
        }
        return new Batch(List.of(ordered), ResponseMapper.usage(root.get("usage")), Json.text(root, "id"),
                Json.text(root, "provider"), Json.text(root, "model"));
    }

    private static float[] vector(JsonNode embedding) throws MalformedResponseException {
        if (embedding != null && embedding.isTextual()) {
            ByteBuffer buf;
            try {
                buf = ByteBuffer.wrap(Base64.getDecoder().decode(embedding.asText())).order(ByteOrder.LITTLE_ENDIAN);
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("an embedding string is not base64: " + e.getMessage(), e);
            }
            float[] v = new float[buf.remaining() / 4];
            for (int i = 0; i < v.length; i++) {
                v[i] = buf.getFloat();
            }
            return v;
        }
        if (embedding == null || !embedding.isArray() || embedding.isEmpty()) {
            throw new MalformedResponseException("an embedding is neither a number array nor base64");
        }
        float[] v = new float[embedding.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) embedding.get(i).asDouble();
        }
        return v;
    }
}
