package dev.openrouter4j.langchain4j.internal.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Everything the transport needs from a model's builder, validated once.
 *
 * @param apiKey            the OpenRouter key (never logged)
 * @param baseUrl           e.g. {@code https://openrouter.ai/api/v1}
 * @param appUrl            sent as {@code HTTP-Referer}, or null
 * @param appTitle          sent as {@code X-OpenRouter-Title} and {@code X-Title}, or null
 * @param timeout           bounds connecting, the wait for the first byte, and any silence inside a body or stream
 * @param maxRetries        retries of a sync call (and of a stream before its first byte)
 * @param customHeaders     extra headers, or null
 * @param logRequests       log request bodies (key masked)
 * @param logResponses      log response bodies and stream events
 * @param httpClientBuilder a user-supplied builder (proxy, TLS, executor), or null
 * @param callbackExecutor  where streaming callbacks run, or null for the library's pool
 * @param retryAfterPossibleBilling also retry sync failures after the request was sent (read timeouts, resets
 *                          mid-body), which OpenRouter may already have billed
 */
public record TransportSettings(
        String apiKey,
        String baseUrl,
        String appUrl,
        String appTitle,
        Duration timeout,
        int maxRetries,
        Map<String, String> customHeaders,
        boolean logRequests,
        boolean logResponses,
        HttpClient.Builder httpClientBuilder,
        Executor callbackExecutor,
        boolean retryAfterPossibleBilling) {
}
