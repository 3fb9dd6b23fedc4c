package dev.openrouter4j.langchain4j.internal.catalog;

import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The small HTTP side of the catalog and account clients: {@code GET}s a path under the base URL with OpenRouter's
 * headers and turns transport failures and HTTP errors into the library's typed exceptions.
 * <p>
 * Sends {@code Accept: application/json}, {@code User-Agent: openrouter4j/0.1} and, when a key is set,
 * {@code Authorization: Bearer ...}. Over plain {@code http://} it forces HTTP/1.1, so the JDK does not try an h2c
 * upgrade that local proxies and fakes mishandle. The key never appears in a message or in {@link #toString()}.
 */
public final class JsonGetClient implements AutoCloseable {

    public static final String USER_AGENT = "openrouter4j/0.1";
    public static final String DEFAULT_BASE_URL = "https://openrouter.ai/api/v1";

    private final String baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final String host;
    private final boolean plainHttp;
    private final HttpClient http;
    private final ErrorMapper errors;

    /**
     * @param baseUrl           e.g. {@code https://openrouter.ai/api/v1}; a trailing slash is ignored
     * @param apiKey            sent as a bearer token when not null or blank
     * @param timeout           connect timeout and whole-request timeout
     * @param httpClientBuilder the caller's builder, or null for a default one
     */
    public JsonGetClient(String baseUrl, String apiKey, Duration timeout, HttpClient.Builder httpClientBuilder) {
        this.baseUrl = normalizeBaseUrl(baseUrl);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        this.timeout = requirePositive(timeout, "timeout");
        URI uri = URI.create(this.baseUrl);
        this.host = uri.getHost();
        this.plainHttp = "http".equalsIgnoreCase(uri.getScheme());
        HttpClient.Builder b = httpClientBuilder != null ? httpClientBuilder : HttpClient.newBuilder();
        this.http = b.connectTimeout(this.timeout).build();
        this.errors = new ErrorMapper(null, null, this.apiKey);
    }

    /** What the server answered: status, body bytes and the headers the error mapping needs. */
    public record Response(int status, byte[] body, String contentType, String retryAfter) {

        /** The body as UTF-8 text. */
        public String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        /** True for a 2xx status. */
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * GETs {@code baseUrl + pathAndQuery}.
     *
     * @param phase what the call was doing, for transport-error messages ("while fetching the model catalog")
     * @throws RuntimeException the mapped typed exception when no response arrived
     */
    public Response get(String pathAndQuery, String phase) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .GET();
        if (plainHttp) rb.version(HttpClient.Version.HTTP_1_1);
        if (apiKey != null) rb.header("Authorization", "Bearer " + apiKey);
        try {
            HttpResponse<byte[]> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(),
                    r.headers().firstValue("Content-Type").orElse(null),
                    r.headers().firstValue("Retry-After").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.fromTransport(e, host, phase, timeout, null);
        } catch (IOException | RuntimeException e) {
            throw errors.fromTransport(e, host, phase, timeout, null);
        }
    }

    /** The typed exception for an error response (status >= 400). */
    public RuntimeException httpError(Response r) {
        return errors.fromHttp(r.status(), r.contentType(), r.text(), r.retryAfter());
    }

    /** The typed exception for a failure with no usable response, e.g. a body that is not valid JSON. */
    public RuntimeException transportError(Throwable t, String phase) {
        return errors.fromTransport(t, host, phase, timeout, null);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean hasApiKey() {
        return apiKey != null;
    }

    /** The key as {@link Secrets#mask(String)} shows it, or null. */
    public String maskedApiKey() {
        return Secrets.mask(apiKey);
    }

    /** Closes the JDK client where the runtime supports it (Java 21+); on 17 its threads end when unreferenced. */
    @Override
    public void close() {
        Object client = http;
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing useful to do: the client is being discarded
            }
        }
    }

    @Override
    public String toString() {
        return "JsonGetClient{baseUrl=" + baseUrl + ", apiKey=" + maskedApiKey() + "}";
    }

    static String normalizeBaseUrl(String baseUrl) {
        String b = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.trim();
        while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        URI uri;
        try {
            uri = URI.create(b);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl is not a valid URL: " + Secrets.scrub(b), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http:// or https:// URL such as "
                    + DEFAULT_BASE_URL + ", got: " + Secrets.scrub(b));
        }
        return b;
    }

    static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
