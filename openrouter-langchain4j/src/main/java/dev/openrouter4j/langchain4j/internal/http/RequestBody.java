package dev.openrouter4j.langchain4j.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a request sends: bytes and their content type, or nothing (a {@code GET}), and headers of this request only
 * (such as OpenRouter's cache headers), added after the client's own.
 *
 * @param bytes       the body, or null for none
 * @param contentType e.g. {@code application/json} or {@code multipart/form-data; boundary=...}, or null for none
 * @param headers     headers of this request only, never null
 */
public record RequestBody(byte[] bytes, String contentType, Map<String, String> headers) {

    /** No body. */
    public static final RequestBody NONE = new RequestBody(null, null);

    public RequestBody {
        headers = headers == null || headers.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(headers));
    }

    /** A body without headers of its own. */
    public RequestBody(byte[] bytes, String contentType) {
        this(bytes, contentType, Map.of());
    }

    /** This body with more headers of its own. */
    public RequestBody withHeaders(Map<String, String> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new RequestBody(bytes, contentType, all);
    }

    /** A JSON body (what every OpenRouter endpoint but a multipart upload takes). */
    public static RequestBody json(byte[] json) {
        return new RequestBody(json, "application/json");
    }

    /** A JSON body from text. */
    public static RequestBody json(String json) {
        return json(json.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isEmpty() {
        return bytes == null;
    }
}
