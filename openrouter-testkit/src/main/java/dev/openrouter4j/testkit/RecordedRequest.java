package dev.openrouter4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.openrouter4j.testkit.internal.HttpRequestData;
import dev.openrouter4j.testkit.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request as the fake OpenRouter received it, so a test can check what the client really sent: method,
 * path, headers (the {@code Authorization}, attribution and content headers) and the JSON body.
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordedRequest {

    private final String method;
    private final String path;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int connectionIndex;
    private final int sequenceNumber;

    RecordedRequest(HttpRequestData data) {
        this.method = data.method();
        this.path = data.target();
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String[] field : data.headers()) {
            h.computeIfAbsent(field[0], k -> new ArrayList<>()).add(field[1]);
        }
        h.replaceAll((k, v) -> List.copyOf(v));
        this.headers = Collections.unmodifiableMap(h);
        this.body = data.body();
        this.connectionIndex = data.connectionId();
        this.sequenceNumber = data.sequenceNumber();
    }

    /** The request method, e.g. {@code POST}. */
    public String method() {
        return method;
    }

    /** The path including the query string, e.g. {@code /api/v1/generation?id=gen-1}. */
    public String path() {
        return path;
    }

    /** The first value of a header, looked up case-insensitively; {@code null} if absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All headers; the map's keys are case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body decoded as UTF-8 (chunked transfer coding already removed); {@code ""} if none. */
    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The raw body bytes (a copy). */
    public byte[] bodyBytes() {
        return body.clone();
    }

    /**
     * The body parsed as JSON; a {@link MissingNode} for an empty body.
     *
     * @throws IllegalStateException if the body is not JSON
     */
    public JsonNode json() {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.parse(body);
        } catch (IOException e) {
            throw new IllegalStateException("request body is not JSON: " + abbreviated(), e);
        }
    }

    /**
     * 0-based number of the TCP connection this request arrived on, in the order the fake accepted them.
     * Two requests with the same index shared a (kept-alive) connection.
     */
    public int connectionIndex() {
        return connectionIndex;
    }

    /** 0-based position of this request on its connection: 0 for a fresh connection, 1+ for a reused one. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    private String abbreviated() {
        String b = body();
        return b.length() > 200 ? b.substring(0, 200) + "..." : b;
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + body.length + " bytes, connection " + connectionIndex + "#"
                + sequenceNumber + ")";
    }
}
