package dev.openrouter4j.langchain4j.internal.http;

import java.nio.charset.StandardCharsets;

/**
 * What a request sends: bytes and their content type, or nothing (a {@code GET}).
 *
 * @param bytes       the body, or null for none
 * @param contentType e.g. {@code application/json} or {@code multipart/form-data; boundary=...}, or null for none
 */
public record RequestBody(byte[] bytes, String contentType) {

    /** No body. */
    public static final RequestBody NONE = new RequestBody(null, null);

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
