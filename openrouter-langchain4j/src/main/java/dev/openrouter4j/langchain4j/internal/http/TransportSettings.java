package dev.openrouter4j.langchain4j.internal.http;

import java.time.Duration;
import java.util.Map;

/**
 * What one client (a model, a catalog, an account client) needs beyond the shared {@link HttpResources}, validated
 * once by its builder.
 *
 * @param apiKey        the OpenRouter key (never logged), or null for the public catalog
 * @param baseUrl       e.g. {@code https://openrouter.ai/api/v1}, checked by {@link BaseUrl#parse}
 * @param appUrl        sent as {@code HTTP-Referer}, or null
 * @param appTitle      sent as {@code X-OpenRouter-Title} and {@code X-Title}, or null
 * @param timeout       bounds connecting, the wait for the first byte, and any silence inside a body or stream
 * @param retry         the retry policy's settings
 * @param customHeaders extra headers, or null
 * @param logRequests   log request bodies (key masked)
 * @param logResponses  log response bodies and stream events
 */
public record TransportSettings(
        String apiKey,
        String baseUrl,
        String appUrl,
        String appTitle,
        Duration timeout,
        RetryPolicy retry,
        Map<String, String> customHeaders,
        boolean logRequests,
        boolean logResponses) {

    /** Settings of a catalog or account client: a key (or none), a base URL, a timeout and retries. */
    public static TransportSettings of(String apiKey, String baseUrl, Duration timeout, int maxRetries) {
        return new TransportSettings(apiKey, baseUrl, null, null, timeout, new RetryPolicy(maxRetries, false), null,
                false, false);
    }

    public int maxRetries() {
        return retry.maxRetries();
    }
}
