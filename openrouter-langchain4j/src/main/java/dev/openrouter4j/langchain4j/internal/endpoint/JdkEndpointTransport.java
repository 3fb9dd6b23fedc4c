package dev.openrouter4j.langchain4j.internal.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.http.OpenRouterTransport;
import dev.openrouter4j.langchain4j.internal.http.TransportSettings;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * {@link EndpointTransport} on the chat models' {@link OpenRouterTransport}: the same client, headers, retry policy
 * (429, 502, 503 and connection failures; {@code Retry-After}), timeout and {@link ErrorMapper}. A 200 whose JSON body
 * is only an {@code error} object is an error too, as OpenRouter sometimes answers.
 */
public final class JdkEndpointTransport implements EndpointTransport {

    private final OpenRouterTransport transport;
    private final Function<String, List<String>> suggester;

    public JdkEndpointTransport(TransportSettings settings, Function<String, List<String>> suggester) {
        this.transport = new OpenRouterTransport(settings);
        this.suggester = suggester;
    }

    @Override
    public <T> T post(String path, ObjectNode body, String modelId, Reader<T> reader) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        ErrorMapper errors = new ErrorMapper(modelId, suggester, transport.settings().apiKey());
        return transport.execute(path, bytes, errors, (status, contentType, raw) -> {
            RuntimeException inBand = inBandError(contentType, raw, errors);
            if (inBand != null) {
                throw inBand;
            }
            try {
                return reader.read(contentType, raw);
            } catch (MalformedResponseException e) {
                throw errors.fromTransport(e, transport.host(), "in the response body", transport.timeout(), null);
            }
        });
    }

    private static RuntimeException inBandError(String contentType, byte[] raw, ErrorMapper errors) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            JsonNode root = Json.MAPPER.readTree(raw);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject() && root.size() <= 2) { // {"error":{...}} or with "user_id"
                return errors.fromErrorNode(200, error, null, null, Json.text(root, "id"));
            }
        } catch (IOException e) {
            return null; // the reader reports a body that is not JSON
        }
        return null;
    }

    @Override
    public String host() {
        return transport.host();
    }

    @Override
    public String describe() {
        return "baseUrl=" + transport.settings().baseUrl() + ", apiKey=" + Secrets.mask(transport.settings().apiKey())
                + ", timeout=" + transport.timeout() + ", maxRetries=" + transport.settings().maxRetries();
    }

    @Override
    public void close() {
        transport.close();
    }
}
