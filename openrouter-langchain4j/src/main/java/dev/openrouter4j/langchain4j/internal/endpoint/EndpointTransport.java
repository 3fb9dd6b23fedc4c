package dev.openrouter4j.langchain4j.internal.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.http.Endpoint;
import dev.openrouter4j.langchain4j.internal.http.HttpBody;
import dev.openrouter4j.langchain4j.internal.http.RequestBody;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the embedding, scoring, image and audio models share on top of the library's one {@link ApiClient}: a JSON
 * body written once, an {@link ErrorMapper} naming the model (with suggestions from a catalog), and a 200 whose body
 * is only an {@code {"error": ...}} object treated as the error it is. Retries, timeouts, redirects and typed errors
 * are the client's.
 */
public final class EndpointTransport implements AutoCloseable {

    private final ApiClient client;
    private final Function<String, List<String>> suggester;

    public EndpointTransport(ApiClient client, Function<String, List<String>> suggester) {
        this.client = client;
        this.suggester = suggester;
    }

    /** Maps a successful answer: its content type and raw bytes. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(String contentType, byte[] body) throws MalformedResponseException;
    }

    /** Declares a POST endpoint (path relative to the base URL, e.g. {@code "embeddings"}) with its reader. */
    public static <T> Endpoint<T> endpoint(String path, String accept, Reader<T> reader) {
        return Endpoint.<T>post(path, body -> read(body, reader)).accept(accept)
                .describedAs("while calling POST /" + path);
    }

    /** Sends {@code body} to the endpoint; failures are the typed OpenRouter exceptions naming {@code modelId}. */
    public <T> T post(Endpoint<T> endpoint, ObjectNode body, String modelId) {
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return client.call(endpoint, RequestBody.json(bytes), new ErrorMapper(modelId, suggester,
                client.settings().apiKey()));
    }

    private static <T> T read(HttpBody body, Reader<T> reader) throws MalformedResponseException {
        String contentType = body.contentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                JsonNode root = Json.MAPPER.readTree(body.bytes());
                JsonNode error = root == null ? null : root.get("error");
                if (error != null && error.isObject() && root.size() <= 2) { // {"error":{...}}, maybe "user_id"
                    throw body.errors().fromErrorNode(200, error, null, null, Json.text(root, "id"));
                }
            } catch (IOException notJson) {
                // the reader reports a body that is not JSON
            }
        }
        return reader.read(contentType, body.bytes());
    }

    /** The host the models talk to (for messages). */
    public String host() {
        return client.host();
    }

    /** A description of the connection that never shows the key. */
    public String describe() {
        return "baseUrl=" + client.baseUrl() + ", apiKey=" + Secrets.mask(client.settings().apiKey()) + ", timeout="
                + client.timeout() + ", maxRetries=" + client.settings().maxRetries();
    }

    /** Releases the client's threads and connections (not those of a shared transport). */
    @Override
    public void close() {
        client.close();
    }
}
