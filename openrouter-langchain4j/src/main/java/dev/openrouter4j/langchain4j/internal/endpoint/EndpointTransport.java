package dev.openrouter4j.langchain4j.internal.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;

/**
 * What the embedding, scoring, image and audio models need from HTTP: POST a JSON body to a path and map the answer,
 * with the library's retries, timeouts, typed errors and key masking. It is the one seam between those models and the
 * transport, so moving them to another transport means changing {@link JdkEndpointTransport} only.
 */
public interface EndpointTransport extends AutoCloseable {

    /**
     * Sends {@code body} to {@code path} (relative to the base URL, e.g. {@code "embeddings"}) and maps a successful
     * answer; an error answer or a failed exchange becomes the typed OpenRouter exception, naming {@code modelId}.
     */
    <T> T post(String path, ObjectNode body, String modelId, Reader<T> reader);

    /** The host the models talk to (for messages). */
    String host();

    /** A description of the connection that never shows the key. */
    String describe();

    /** Releases threads and connections; later calls fail with {@link IllegalStateException}. */
    @Override
    void close();

    /** Maps a successful answer: its content type and raw bytes. */
    @FunctionalInterface
    interface Reader<T> {
        T read(String contentType, byte[] body) throws MalformedResponseException;
    }
}
