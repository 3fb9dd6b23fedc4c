package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.util.NamedThreadFactory;
import dev.openrouter4j.langchain4j.internal.util.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of a model: one JDK {@link HttpClient}, the library's few threads, the headers every request carries,
 * timeouts, and the retry policy of sync calls.
 * <p>
 * Threads (all daemon, named {@code openrouter4j-*}): {@code http-N} (2) run the JDK client's asynchronous work and
 * parse stream bytes; {@code callback-N} (at most 16, idle ones expire) run streaming handlers, one stream's callbacks
 * in order; {@code timer-1} runs idle-timeout checks and retry delays. The JDK client adds its own selector thread.
 * None of them is held by an open stream, so thousands of streams share them.
 */
public final class OpenRouterTransport implements AutoCloseable {

    static final Logger LOG = LoggerFactory.getLogger("dev.openrouter4j.langchain4j");
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final int CALLBACK_THREADS = 16;

    private final TransportSettings settings;
    private final HttpClient client;
    private final ExecutorService ownedHttpExecutor;
    private final ThreadPoolExecutor ownedCallbackPool;
    private final Executor callbackExecutor;
    private final ScheduledThreadPoolExecutor timer;
    private final IdleWatchdog watchdog;
    private final URI baseUri;
    private final String host;
    private final boolean plainHttp;
    private final String[] headers;
    private final String[] maskedHeaders;
    private volatile boolean closed;

    public OpenRouterTransport(TransportSettings settings) {
        this.settings = settings;
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
        try {
            this.baseUri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl is not a valid URL: " + e.getMessage(), e);
        }
        if (baseUri.getScheme() == null || baseUri.getHost() == null
                || !(baseUri.getScheme().equals("http") || baseUri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL such as https://openrouter.ai/api/v1,"
                    + " was " + settings.baseUrl());
        }
        this.host = baseUri.getHost() + (baseUri.getPort() > 0 ? ":" + baseUri.getPort() : "");
        this.plainHttp = baseUri.getScheme().equals("http");

        this.timer = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.watchdog = new IdleWatchdog(timer, settings.timeout());
        HttpClient.Builder b = settings.httpClientBuilder();
        if (b == null) {
            ExecutorService pool = Executors.newFixedThreadPool(2, new NamedThreadFactory("http"));
            this.ownedHttpExecutor = pool;
            // after close() the pool rejects work: run it inline so calls still in flight finish instead of hanging
            b = HttpClient.newBuilder().executor(task -> {
                try {
                    pool.execute(task);
                } catch (RejectedExecutionException closed) {
                    task.run();
                }
            });
        } else {
            this.ownedHttpExecutor = null;
        }
        // No connectTimeout: the request timeout already bounds connecting, and on JDK 17 a connect timeout keeps a
        // timer event that holds the exchange (and through its body handler this transport) for as long as the
        // pooled connection lives, so a closed model's client could never be collected.
        this.client = b.followRedirects(HttpClient.Redirect.NORMAL).build();
        if (settings.callbackExecutor() != null) {
            this.ownedCallbackPool = null;
            this.callbackExecutor = settings.callbackExecutor();
        } else {
            this.ownedCallbackPool = new ThreadPoolExecutor(CALLBACK_THREADS, CALLBACK_THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), new NamedThreadFactory("callback"));
            this.ownedCallbackPool.allowCoreThreadTimeOut(true);
            this.callbackExecutor = ownedCallbackPool;
        }

        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + settings.apiKey());
        h.put("Content-Type", "application/json");
        h.put("User-Agent", "openrouter4j/0.1 (langchain4j)");
        if (settings.appUrl() != null) h.put("HTTP-Referer", settings.appUrl());
        if (settings.appTitle() != null) {
            h.put("X-OpenRouter-Title", settings.appTitle());
            h.put("X-Title", settings.appTitle());
        }
        if (settings.customHeaders() != null) h.putAll(settings.customHeaders());
        List<String> flat = new ArrayList<>();
        List<String> masked = new ArrayList<>();
        h.forEach((k, v) -> {
            flat.add(k);
            flat.add(v);
            masked.add(k);
            masked.add(k.equalsIgnoreCase("Authorization") ? "Bearer " + Secrets.mask(settings.apiKey())
                    : Secrets.scrub(v, settings.apiKey()));
        });
        this.headers = flat.toArray(String[]::new);
        this.maskedHeaders = masked.toArray(String[]::new);
    }

    public TransportSettings settings() {
        return settings;
    }

    public HttpClient client() {
        return client;
    }

    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Enforces the idle timeout of bodies and streams. */
    public IdleWatchdog watchdog() {
        return watchdog;
    }

    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    public String host() {
        return host;
    }

    public Duration timeout() {
        return settings.timeout();
    }

    /** A POST of a JSON body to a path under the base URL. */
    public HttpRequest post(String path, byte[] body, boolean stream) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(settings.timeout())
                .headers(headers)
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (plainHttp) {
            rb.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade against local or proxy servers
        }
        return rb.build();
    }

    /**
     * Sends a sync request, retrying 429, 502, 503 and connection failures up to {@code maxRetries}, honouring
     * {@code Retry-After} (capped at 60 s) or backing off exponentially with jitter. Timeouts and failures after the
     * request may have been billed are not retried.
     */
    public <T> T execute(String path, byte[] body, ErrorMapper errors, BodyParser<T> parser) {
        ensureOpen();
        logRequest(path, body);
        for (int attempt = 0; ; attempt++) {
            RuntimeException failure;
            boolean retriable;
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> r = sendOnce(post(path, body, false));
                int status = r.statusCode();
                String contentType = r.headers().firstValue("content-type").orElse(null);
                logResponse(status, r.body());
                if (status < 400) {
                    return parser.parse(status, contentType, r.body());
                }
                String retryAfterHeader = r.headers().firstValue("retry-after").orElse(null);
                failure = errors.fromHttp(status, contentType, new String(r.body(), StandardCharsets.UTF_8),
                        retryAfterHeader);
                retriable = status == 429 || status == 502 || status == 503;
                retryAfter = ErrorMapper.parseRetryAfter(retryAfterHeader);
            } catch (IOException e) {
                failure = errors.fromTransport(e, host, "while waiting for or reading the response", timeout(), null);
                retriable = isConnectFailure(e) || settings.retryAfterPossibleBilling();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException(
                        "Interrupted while calling " + host,
                        dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails.transport(
                                "interrupted", null), e);
            }
            if (!retriable || attempt >= settings.maxRetries()) {
                throw failure;
            }
            Duration delay = backoff(attempt, retryAfter);
            LOG.warn("OpenRouter call failed ({}); retry {} of {} in {} ms", failure.getMessage(), attempt + 1,
                    settings.maxRetries(), delay.toMillis());
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
        }
    }

    private HttpResponse<byte[]> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        // send(), not sendAsync().get(): the public sendAsync completes its future on CompletableFuture's default
        // executor (one more thread hand-off per call, and on a machine with 1 or 2 CPUs a new thread per call);
        // send() completes where the body ends and wakes the caller directly
        try {
            IdleWatchdog idle = watchdog; // the handler must not hold this transport (see the constructor)
            Duration timeout = settings.timeout();
            return client.send(request, info -> BodyCollector.create(idle, timeout));
        } catch (IOException e) {
            // send() re-wraps a failure in a plain IOException with the original as its cause: unwrap it, so the
            // error mapping sees the same exception as before (an IdleTimeoutException is a timeout)
            if (e.getClass() == IOException.class && e.getCause() instanceof IOException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A connection that was never established can be retried safely: nothing was sent, nothing billed. */
    public static boolean isConnectFailure(Throwable t) {
        Throwable root = ErrorMapper.unwrap(t);
        if (ErrorMapper.isUnresolvedHost(root)) {
            return false; // asking DNS again at once will not help
        }
        for (Throwable c = root; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The delay before retry {@code attempt + 1}: the server's Retry-After, else 500 ms × 2^attempt ± 20 %. */
    public Duration backoff(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        long base = 500L << Math.min(attempt, 6);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (base * jitter));
    }

    public void logRequest(String path, byte[] body) {
        if (settings.logRequests() && LOG.isInfoEnabled()) {
            StringBuilder h = new StringBuilder();
            for (int i = 0; i < maskedHeaders.length; i += 2) {
                h.append(maskedHeaders[i]).append(": ").append(maskedHeaders[i + 1]).append("; ");
            }
            LOG.info("OpenRouter request: POST {}{} headers: {}body: {}", baseUri, path, h,
                    Secrets.scrub(new String(body, StandardCharsets.UTF_8), settings.apiKey()));
        }
    }

    public void logResponse(int status, byte[] body) {
        if (settings.logResponses() && LOG.isInfoEnabled()) {
            LOG.info("OpenRouter response: HTTP {} body: {}", status,
                    Secrets.scrub(new String(body, StandardCharsets.UTF_8), settings.apiKey()));
        }
    }

    public void logStreamEvent(String event, String data) {
        if (settings.logResponses() && LOG.isDebugEnabled()) {
            LOG.debug("OpenRouter stream event{}: {}", event == null ? "" : " (" + event + ")",
                    Secrets.scrub(data, settings.apiKey()));
        }
    }

    public boolean logsStreamEvents() {
        return settings.logResponses() && LOG.isDebugEnabled();
    }

    /** Whether a response's content type is an event stream. */
    public static boolean isEventStream(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** Fails with a clear message once the model was closed. */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This OpenRouter model was closed; build a new one to make calls");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Refuses new calls, lets the library's threads end once idle (calls still in flight finish on the calling
     * threads) and, on Java 21+, closes the HTTP client and its connections.
     */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        if (ownedCallbackPool != null) {
            ownedCallbackPool.shutdown();
        }
        if (ownedHttpExecutor != null) {
            ownedHttpExecutor.shutdown();
        }
        if (client instanceof AutoCloseable closeable) { // java.net.http.HttpClient is AutoCloseable from Java 21
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the HTTP client failed", e);
            }
        }
    }

    /** Parses a successful body. */
    @FunctionalInterface
    public interface BodyParser<T> {
        T parse(int status, String contentType, byte[] body);
    }
}
