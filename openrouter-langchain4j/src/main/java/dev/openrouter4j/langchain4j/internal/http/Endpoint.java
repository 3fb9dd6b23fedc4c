package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;

import java.util.Arrays;
import java.util.Locale;

/**
 * One OpenRouter endpoint: its method and path under the base URL, what it answers with, and how a successful body
 * becomes a value. Declared once (usually as a constant) and called through {@link ApiClient#call}, which brings
 * everything else: headers and key, the one timeout, retries, redirect refusal, logging and error mapping.
 * <pre>{@code
 * static final Endpoint<EmbeddingResult> EMBEDDINGS =
 *         Endpoint.post("embeddings", body -> EmbeddingsParser.parse(body.bytes()))
 *                 .describedAs("while creating embeddings (POST /embeddings)");
 * EmbeddingResult r = client.call(EMBEDDINGS, RequestBody.json(json), errors);
 * }</pre>
 * A binary answer (e.g. {@code /audio/speech}) is the same with {@link #accept(String)}: the mapper gets the raw bytes
 * and the content type.
 *
 * @param <T> what a successful call returns
 */
public final class Endpoint<T> {

    /** Turns a successful (or {@link #passing passed}) body into the endpoint's value. */
    @FunctionalInterface
    public interface BodyMapper<T> {
        /**
         * @throws MalformedResponseException when the body is not what the endpoint answers; reported as a malformed
         *                                    response of this endpoint. Other runtime exceptions pass unchanged.
         */
        T map(HttpBody body) throws MalformedResponseException;
    }

    private final String method;
    private final String path;
    private final BodyMapper<T> mapper;
    private final String accept;
    private final String phase;
    private final int[] passing;

    private Endpoint(String method, String path, BodyMapper<T> mapper, String accept, String phase, int[] passing) {
        if (path == null || path.startsWith("/")) {
            throw new IllegalArgumentException("an endpoint path is relative to the base URL, e.g. \"models\": " + path);
        }
        this.method = method;
        this.path = path;
        this.mapper = mapper;
        this.accept = accept;
        this.phase = phase;
        this.passing = passing;
    }

    /** A {@code POST} of a body (JSON unless the request body says otherwise), answered with JSON. */
    public static <T> Endpoint<T> post(String path, BodyMapper<T> mapper) {
        return new Endpoint<>("POST", path, mapper, "application/json", describe("POST", path), new int[0]);
    }

    /** A {@code GET}, answered with JSON. */
    public static <T> Endpoint<T> get(String path, BodyMapper<T> mapper) {
        return new Endpoint<>("GET", path, mapper, "application/json", describe("GET", path), new int[0]);
    }

    /** The {@code Accept} header, e.g. {@code audio/*} for an endpoint answering with binary. */
    public Endpoint<T> accept(String mediaType) {
        return new Endpoint<>(method, path, mapper, mediaType, phase, passing);
    }

    /** What the call was doing, for messages: "while fetching the model catalog". */
    public Endpoint<T> describedAs(String phase) {
        return new Endpoint<>(method, path, mapper, accept, phase, passing);
    }

    /** Error statuses given to the mapper instead of becoming exceptions (e.g. 404 of a lookup that may retry). */
    public Endpoint<T> passing(int... statuses) {
        return new Endpoint<>(method, path, mapper, accept, phase, statuses.clone());
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String accept() {
        return accept;
    }

    public String phase() {
        return phase;
    }

    BodyMapper<T> mapper() {
        return mapper;
    }

    boolean passes(int status) {
        return Arrays.stream(passing).anyMatch(s -> s == status);
    }

    /** Whether a response of this content type is text worth logging (not audio or images). */
    static boolean isText(String contentType) {
        if (contentType == null) return true;
        String c = contentType.toLowerCase(Locale.ROOT);
        return c.startsWith("text/") || c.contains("json") || c.contains("xml");
    }

    private static String describe(String method, String path) {
        return "while calling " + method + " /" + path;
    }
}
