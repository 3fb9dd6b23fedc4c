package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.internal.endpoint.EndpointTransport;
import dev.openrouter4j.langchain4j.internal.endpoint.JdkEndpointTransport;
import dev.openrouter4j.langchain4j.internal.http.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The connection options of the models that are not chat models ({@link OpenRouterEmbeddingModel},
 * {@link OpenRouterScoringModel}, {@link OpenRouterImageModel}, {@link OpenRouterTextToSpeechModel},
 * {@link OpenRouterAudioTranscriptionModel}): key, base URL, attribution, timeout, retries, headers, logging, HTTP
 * client and model-id suggestions. They mean exactly what they mean on {@link OpenRouterModelBuilder}.
 *
 * @param <B> the concrete builder
 */
public abstract class OpenRouterClientBuilder<B extends OpenRouterClientBuilder<B>> {

    private static final Logger LOG = LoggerFactory.getLogger(OpenRouterClientBuilder.class);

    private String apiKey;
    private String baseUrl = OpenRouterModelBuilder.DEFAULT_BASE_URL;
    private String appUrl;
    private String appTitle;
    private Duration timeout = OpenRouterModelBuilder.DEFAULT_TIMEOUT;
    private Integer maxRetries = 2;
    private Map<String, String> customHeaders;
    private Boolean logRequests;
    private Boolean logResponses;
    private HttpClient.Builder httpClientBuilder;
    private Boolean retryAfterPossibleBilling;
    private Function<String, List<String>> modelSuggester;
    String modelName;

    protected OpenRouterClientBuilder() {
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** Your OpenRouter key ({@code sk-or-v1-...}); required. */
    public B apiKey(String apiKey) { this.apiKey = apiKey; return self(); }

    /** Defaults to {@value OpenRouterModelBuilder#DEFAULT_BASE_URL}. */
    public B baseUrl(String baseUrl) { this.baseUrl = baseUrl; return self(); }

    /** The model id, e.g. {@code openai/text-embedding-3-small}; required. */
    public B modelName(String modelName) { this.modelName = modelName; return self(); }

    /** Your app's URL, sent as {@code HTTP-Referer}. */
    public B appUrl(String appUrl) { this.appUrl = appUrl; return self(); }

    /** Your app's name, sent as {@code X-OpenRouter-Title} and {@code X-Title}. */
    public B appTitle(String appTitle) { this.appTitle = appTitle; return self(); }

    /** Bounds connecting, the first byte and any silence in a body; default 60 s. */
    public B timeout(Duration timeout) { this.timeout = timeout; return self(); }

    /** Retries of 429, 502, 503 and connection failures; default 2. */
    public B maxRetries(Integer maxRetries) { this.maxRetries = maxRetries; return self(); }

    /** Extra headers on every request. */
    public B customHeaders(Map<String, String> customHeaders) { this.customHeaders = customHeaders; return self(); }

    /** Log request bodies at INFO (the key is masked). */
    public B logRequests(Boolean logRequests) { this.logRequests = logRequests; return self(); }

    /** Log response bodies at INFO. */
    public B logResponses(Boolean logResponses) { this.logResponses = logResponses; return self(); }

    /** A JDK client builder for proxy, TLS or executor. */
    public B httpClientBuilder(HttpClient.Builder httpClientBuilder) { this.httpClientBuilder = httpClientBuilder; return self(); }

    /** Also retry failures after the request was sent, which OpenRouter may already have billed; default off. */
    public B retryAfterPossibleBilling(Boolean retry) { this.retryAfterPossibleBilling = retry; return self(); }

    /** A catalog whose nearest ids are suggested when OpenRouter says a model does not exist. */
    public B catalog(OpenRouterModelCatalog catalog) {
        this.modelSuggester = catalog == null ? null : id -> catalog.suggest(id, 3);
        return self();
    }

    /** Validates the connection options and opens the transport; problems are listed together. */
    EndpointTransport transport(List<String> problems) {
        if (apiKey == null || apiKey.isBlank()) {
            problems.add("apiKey is required: pass .apiKey(System.getenv(\"OPENROUTER_API_KEY\"))");
        } else if (apiKey.chars().anyMatch(Character::isWhitespace)) {
            problems.add("apiKey contains whitespace (a stray newline or space from the environment?)");
        } else if (!apiKey.startsWith("sk-or-")) {
            LOG.warn("The OpenRouter API key does not start with sk-or-; if calls fail with 401, check it");
        }
        if (modelName == null || modelName.isBlank()) {
            problems.add("modelName is required, e.g. " + exampleModel());
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            problems.add("baseUrl must not be blank (default " + OpenRouterModelBuilder.DEFAULT_BASE_URL + ")");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            problems.add("timeout must be positive, was " + timeout);
        }
        if (maxRetries == null || maxRetries < 0) {
            problems.add("maxRetries must be 0 or more, was " + maxRetries);
        }
        if (customHeaders != null && customHeaders.entrySet().stream()
                .anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            problems.add("customHeaders must not contain null names or values");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid OpenRouter " + getClass().getEnclosingClass().getSimpleName()
                    + " configuration: " + String.join("; ", problems));
        }
        TransportSettings settings = new TransportSettings(apiKey, baseUrl.strip(), appUrl, appTitle, timeout,
                maxRetries, customHeaders == null ? null : new LinkedHashMap<>(customHeaders),
                Boolean.TRUE.equals(logRequests), Boolean.TRUE.equals(logResponses), httpClientBuilder, null,
                Boolean.TRUE.equals(retryAfterPossibleBilling));
        return new JdkEndpointTransport(settings, modelSuggester);
    }

    /** Opens the transport when the model's own options (already checked into {@code problems}) are fine. */
    EndpointTransport transport() {
        return transport(new ArrayList<>());
    }

    /** An example model id for error messages. */
    abstract String exampleModel();
}
