package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;

import java.nio.charset.StandardCharsets;

/**
 * A whole response body as an endpoint's mapper receives it: the raw bytes (JSON, text or binary such as audio), the
 * status and content type, and the error mapping of the call, for a mapper that finds an error inside a 2xx body.
 *
 * @param status      the HTTP status (2xx, or a status the endpoint {@link Endpoint#passing passes} to its mapper)
 * @param contentType the {@code Content-Type} header, or null
 * @param bytes       the body, never null (empty when the server sent none)
 * @param errors      the call's error mapping
 */
public record HttpBody(int status, String contentType, byte[] bytes, ErrorMapper errors) {

    /** The body as UTF-8 text (invalid sequences replaced). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
