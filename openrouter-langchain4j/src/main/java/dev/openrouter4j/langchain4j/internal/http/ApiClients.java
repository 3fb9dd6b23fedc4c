package dev.openrouter4j.langchain4j.internal.http;

import java.net.http.HttpClient;
import java.time.Duration;

/** How the catalog and account clients build their {@link ApiClient}: the same checks for both. */
public final class ApiClients {

    private ApiClients() {
    }

    /**
     * @param baseUrl    null or blank for OpenRouter's
     * @param apiKey     null or blank for none
     * @param shared     a shared transport's resources, or null for own ones built from {@code builder}
     * @param builder    the user's JDK client builder, or null
     * @throws IllegalArgumentException for a bad base URL, a non-positive timeout, negative retries, or a builder
     *                                  given together with a shared transport
     */
    public static ApiClient forAccountOrCatalog(String baseUrl, String apiKey, Duration timeout, int maxRetries,
                                                HttpResources shared, HttpClient.Builder builder) {
        String base = baseUrl == null || baseUrl.isBlank() ? BaseUrl.DEFAULT : baseUrl;
        BaseUrl.parse(base);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
        }
        if (shared != null && builder != null) {
            throw new IllegalArgumentException("httpClientBuilder belongs to the shared transport when transport(...)"
                    + " is set: set it on OpenRouterTransport.builder()");
        }
        String key = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        TransportSettings settings = TransportSettings.of(key, base, timeout, maxRetries);
        return shared != null ? new ApiClient(settings, shared, false)
                : new ApiClient(settings, new HttpResources(builder, null), true);
    }
}
