package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A whole response body as an endpoint's mapper receives it: the raw bytes (JSON, text or binary such as audio), the
 * status and content type, and the error mapping of the call, for a mapper that finds an error inside a 2xx body.
 *
 * @param status      the HTTP status (2xx, or a status the endpoint {@link Endpoint#passing passes} to its mapper)
 * @param contentType the {@code Content-Type} header, or null
 * @param bytes       the body, never null (empty when the server sent none)
 * @param errors      the call's error mapping
 * @param headers     the response headers (e.g. {@code X-OpenRouter-Cache-Status}), never null
 */
public record HttpBody(int status, String contentType, byte[] bytes, ErrorMapper errors, HttpHeaders headers) {

    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

    public HttpBody {
        headers = headers == null ? NO_HEADERS : headers;
    }

    /** A body whose headers are not known. */
    public HttpBody(int status, String contentType, byte[] bytes, ErrorMapper errors) {
        this(status, contentType, bytes, errors, NO_HEADERS);
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The body as UTF-8 text (invalid sequences replaced). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
