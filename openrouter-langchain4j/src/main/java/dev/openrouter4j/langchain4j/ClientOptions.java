package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.http.BaseUrl;
import dev.openrouter4j.langchain4j.internal.http.HttpResources;
import dev.openrouter4j.langchain4j.internal.http.RetryPolicy;
import dev.openrouter4j.langchain4j.internal.http.TransportSettings;
import dev.openrouter4j.langchain4j.logging.Log;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The connection options every model builder shares (key, base URL, attribution, timeout, retries, headers, logging,
 * HTTP client or shared transport), checked in one place and turned into the model's {@link ApiClient}.
 */
final class ClientOptions {

    private static final Log LOG = Log.of(ClientOptions.class);

    String apiKey;
    String baseUrl = OpenRouterModelBuilder.DEFAULT_BASE_URL;
    String appUrl;
    String appTitle;
    Duration timeout = OpenRouterModelBuilder.DEFAULT_TIMEOUT;
    Integer maxRetries = 2;
    Map<String, String> customHeaders;
    Boolean logRequests;
    Boolean logResponses;
    HttpClient.Builder httpClientBuilder;
    Executor callbackExecutor;
    OpenRouterTransport transport;
    Boolean retryAfterPossibleBilling;

    /** Adds every problem of the options to {@code problems}. */
    void check(List<String> problems) {
        if (apiKey == null || apiKey.isBlank()) {
            problems.add("apiKey is required: pass .apiKey(System.getenv(\"OPENROUTER_API_KEY\")) and set"
                    + " OPENROUTER_API_KEY to a key from https://openrouter.ai/keys");
        } else if (!apiKey.equals(apiKey.strip()) || apiKey.chars().anyMatch(Character::isWhitespace)) {
            problems.add("apiKey contains whitespace (a stray newline or space from the environment?)");
        } else if (!apiKey.startsWith("sk-or-")) {
            LOG.warn("The OpenRouter API key does not start with sk-or- (OpenRouter keys look like sk-or-v1-...);"
                    + " if calls fail with 401, check OPENROUTER_API_KEY");
        }
        try {
            BaseUrl.parse(baseUrl);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (transport != null && (httpClientBuilder != null || callbackExecutor != null)) {
            problems.add("httpClientBuilder and callbackExecutor belong to the shared transport when transport(...)"
                    + " is set: set them on OpenRouterTransport.builder()");
        }
        if (transport != null && transport.isClosed()) {
            problems.add("the shared transport is closed");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            problems.add("timeout must be positive, was " + timeout);
        }
        if (maxRetries == null || maxRetries < 0) {
            problems.add("maxRetries must be 0 or more, was " + maxRetries);
        }
        if (customHeaders != null) {
            customHeaders.forEach((k, v) -> {
                if (k == null || v == null) problems.add("customHeaders must not contain null names or values");
            });
        }
    }

    /**
     * The client of a model whose options (these and its own, in {@code problems}) are valid.
     *
     * @throws IllegalArgumentException listing every problem
     */
    ApiClient open(List<String> problems, String what) {
        check(problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid OpenRouter " + what + " configuration: "
                    + String.join("; ", problems));
        }
        TransportSettings settings = new TransportSettings(apiKey, baseUrl.strip(), appUrl, appTitle, timeout,
                new RetryPolicy(maxRetries, Boolean.TRUE.equals(retryAfterPossibleBilling)),
                customHeaders == null ? null : new LinkedHashMap<>(customHeaders),
                Boolean.TRUE.equals(logRequests), Boolean.TRUE.equals(logResponses));
        return transport != null ? new ApiClient(settings, transport.resources(), false)
                : new ApiClient(settings, new HttpResources(httpClientBuilder, callbackExecutor), true);
    }
}
