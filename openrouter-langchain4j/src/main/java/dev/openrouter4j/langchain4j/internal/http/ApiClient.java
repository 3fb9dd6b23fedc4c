package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.OpenRouterRedirectException;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.util.Secrets;
import dev.openrouter4j.langchain4j.logging.Log;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one way the library talks HTTP to OpenRouter, for every endpoint: chat (sync here, streamed through
 * {@code internal.stream.StreamExchange}, which uses {@link #request} and {@link #retry()}), {@code /models},
 * {@code /key}, {@code /generation} and whatever {@link Endpoint} comes next.
 * <ul>
 *   <li>Headers: the key as a bearer token (when there is one), {@link UserAgent#VALUE}, attribution, custom ones.</li>
 *   <li>One timeout: it bounds connecting and the wait for the response headers (the JDK request timeout) and any
 *       silence inside the body ({@link IdleWatchdog}).</li>
 *   <li>One {@link RetryPolicy}.</li>
 *   <li>Redirects are refused with {@link OpenRouterRedirectException}: the key goes to the configured origin only.</li>
 * </ul>
 * One instance per model or client; the {@link HttpResources} under it may be shared.
 */
public final class ApiClient implements AutoCloseable {

    static final Log LOG = Log.named("dev.openrouter4j.langchain4j");

    private final TransportSettings settings;
    private final HttpResources resources;
    private final boolean ownsResources;
    private final IdleWatchdog watchdog;
    private final URI baseUri;
    private final String host;
    private final boolean plainHttp;
    private final String[] headers;
    private final ExchangeLog log;
    private volatile boolean closed;

    /**
     * @param ownsResources close the resources with this client (false when they are a shared transport's)
     */
    public ApiClient(TransportSettings settings, HttpResources resources, boolean ownsResources) {
        this.settings = settings;
        this.baseUri = BaseUrl.parse(settings.baseUrl());
        this.resources = resources;
        this.ownsResources = ownsResources;
        this.host = baseUri.getHost() + (baseUri.getPort() > 0 ? ":" + baseUri.getPort() : "");
        this.plainHttp = baseUri.getScheme().equalsIgnoreCase("http");
        this.watchdog = new IdleWatchdog(resources.timer(), settings.timeout());
        Map<String, String> h = new LinkedHashMap<>();
        if (settings.apiKey() != null) h.put("Authorization", "Bearer " + settings.apiKey());
        h.put("User-Agent", UserAgent.VALUE);
        if (settings.appUrl() != null) h.put("HTTP-Referer", settings.appUrl());
        if (settings.appTitle() != null) {
            h.put("X-OpenRouter-Title", settings.appTitle());
            h.put("X-Title", settings.appTitle());
        }
        if (settings.customHeaders() != null) h.putAll(settings.customHeaders());
        List<String> flat = new ArrayList<>();
        h.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
        });
        this.headers = flat.toArray(String[]::new);
        this.log = new ExchangeLog(baseUri, h, settings);
    }

    public TransportSettings settings() {
        return settings;
    }

    public HttpResources resources() {
        return resources;
    }

    public HttpClient client() {
        return resources.client();
    }

    /** Enforces the idle timeout of this client's bodies and streams. */
    public IdleWatchdog watchdog() {
        return watchdog;
    }

    public RetryPolicy retry() {
        return settings.retry();
    }

    /** {@code host[:port]} of the base URL, for messages. */
    public String host() {
        return host;
    }

    /** The base URL without its trailing slash. */
    public String baseUrl() {
        String s = baseUri.toString();
        return s.substring(0, s.length() - 1);
    }

    public Duration timeout() {
        return settings.timeout();
    }

    /** A request to {@code path} (relative, may carry a query) under the base URL with every header. */
    public HttpRequest request(String method, String path, RequestBody body, String accept) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(settings.timeout())
                .headers(headers)
                .header("Accept", accept);
        body.headers().forEach(rb::header);
        if (body.isEmpty()) {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            rb.header("Content-Type", body.contentType())
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        }
        if (plainHttp) {
            rb.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade against local or proxy servers
        }
        return rb.build();
    }

    /** Calls an endpoint without a query. */
    public <T> T call(Endpoint<T> endpoint, RequestBody body, ErrorMapper errors) {
        return call(endpoint, "", body, errors);
    }

    /**
     * Calls an endpoint and maps its body, retrying as {@link RetryPolicy} says.
     *
     * @param query e.g. {@code ?id=gen-123} (already encoded), or empty
     * @throws RuntimeException the library's typed exception for every failure
     */
    public <T> T call(Endpoint<T> endpoint, String query, RequestBody body, ErrorMapper errors) {
        ensureOpen();
        String path = endpoint.path() + query;
        HttpRequest request = request(endpoint.method(), path, body, endpoint.accept());
        log.request(endpoint.method(), path, body);
        for (int attempt = 0; ; attempt++) {
            RuntimeException failure;
            boolean retriable;
            String retryAfter = null;
            try {
                HttpResponse<byte[]> r = sendOnce(request);
                int status = r.statusCode();
                String contentType = r.headers().firstValue("content-type").orElse(null);
                log.response(status, contentType, r.body());
                checkNotRedirect(status, r.headers(), errors);
                if (status < 400 || endpoint.passes(status)) {
                    return map(endpoint, new HttpBody(status, contentType, r.body(), errors, r.headers()));
                }
                retryAfter = r.headers().firstValue("retry-after").orElse(null);
                failure = errors.fromHttp(status, contentType, new String(r.body(), StandardCharsets.UTF_8),
                        retryAfter);
                retriable = RetryPolicy.isRetriableStatus(status);
            } catch (IOException e) {
                failure = errors.fromTransport(e, host, endpoint.phase(), timeout(), null);
                retriable = retry().retriesTransportFailure(e, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OpenRouterConnectionException("Interrupted while calling " + host,
                        OpenRouterErrorDetails.transport("interrupted", null), e);
            }
            if (!retriable || !retry().allowsAnother(attempt)) {
                throw failure;
            }
            pauseBeforeRetry(attempt, retryAfter, failure);
        }
    }

    private <T> T map(Endpoint<T> endpoint, HttpBody body) {
        try {
            return endpoint.mapper().map(body);
        } catch (MalformedResponseException e) {
            throw body.errors().fromTransport(e, host, endpoint.phase(), timeout(), null);
        }
    }

    private void pauseBeforeRetry(int attempt, String retryAfter, RuntimeException failure) {
        Duration delay = retry().delay(attempt, retryAfter);
        LOG.warn("OpenRouter call failed ({}); retry {} of {} in {} ms", failure.getMessage(), attempt + 1,
                retry().maxRetries(), delay.toMillis());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private HttpResponse<byte[]> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        // send(), not sendAsync().get(): the public sendAsync completes its future on CompletableFuture's default
        // executor (one more thread hand-off per call); send() completes where the body ends and wakes the caller
        try {
            IdleWatchdog idle = watchdog; // the handler must not hold this client (see HttpResources)
            Duration timeout = settings.timeout();
            return resources.client().send(request, info -> BodyCollector.create(idle, timeout));
        } catch (IOException e) {
            // send() re-wraps a failure in a plain IOException with the original as its cause: unwrap it, so the
            // error mapping sees the original (an IdleTimeoutException is a timeout)
            if (e.getClass() == IOException.class && e.getCause() instanceof IOException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Refuses a redirect: the key must not follow it to another origin, and OpenRouter's API never redirects, so
     * the library follows none (not even within the origin) and says where the server pointed.
     *
     * @throws OpenRouterRedirectException for a 3xx other than 304
     */
    public void checkNotRedirect(int status, HttpHeaders responseHeaders, ErrorMapper errors) {
        if (status < 300 || status >= 400 || status == 304) {
            return;
        }
        String location = responseHeaders.firstValue("location").map(l -> Secrets.scrub(l, settings.apiKey()))
                .orElse(null);
        String m = "The server at " + host + " answered HTTP " + status + " with Location: "
                + (location == null ? "(none)" : location) + ". Redirects are not followed, so the API key is sent"
                + " only to " + BaseUrl.origin(baseUri) + "; if the new address is right, set baseUrl to it.";
        throw new OpenRouterRedirectException(m, new OpenRouterErrorDetails(status, null, null, m, null,
                errors.modelId(), null, List.of(), null, null), location);
    }

    /** Request, response and stream-event logging (key masked), as the settings ask. */
    public ExchangeLog log() {
        return log;
    }

    /** Whether a response's content type is an event stream. */
    public static boolean isEventStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** Fails with a clear message once this client (or its shared transport) was closed. */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This OpenRouter model was closed; build a new one to make calls");
        }
        if (resources.isClosed()) {
            throw new IllegalStateException("The shared OpenRouterTransport of this client was closed");
        }
    }

    /** Refuses new calls; closes the resources too when this client owns them. */
    @Override
    public void close() {
        closed = true;
        watchdog.stop();
        if (ownsResources) {
            resources.close();
        }
    }
}
