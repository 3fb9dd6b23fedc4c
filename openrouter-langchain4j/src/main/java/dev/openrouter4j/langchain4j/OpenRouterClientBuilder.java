package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.internal.endpoint.CallListeners;
import dev.openrouter4j.langchain4j.internal.endpoint.EndpointTransport;

import java.net.http.HttpClient;
import java.time.Duration;
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

    private final ClientOptions connection = new ClientOptions();
    private Function<String, List<String>> modelSuggester;
    private List<OpenRouterCallListener> callListeners = List.of();
    String modelName;

    protected OpenRouterClientBuilder() {
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** Your OpenRouter key ({@code sk-or-v1-...}); required. */
    public B apiKey(String apiKey) { connection.apiKey = apiKey; return self(); }

    /** Defaults to {@value OpenRouterModelBuilder#DEFAULT_BASE_URL}. */
    public B baseUrl(String baseUrl) { connection.baseUrl = baseUrl; return self(); }

    /** The model id, e.g. {@code openai/text-embedding-3-small}; required. */
    public B modelName(String modelName) { this.modelName = modelName; return self(); }

    /** Your app's URL, sent as {@code HTTP-Referer}. */
    public B appUrl(String appUrl) { connection.appUrl = appUrl; return self(); }

    /** Your app's name, sent as {@code X-OpenRouter-Title} and {@code X-Title}. */
    public B appTitle(String appTitle) { connection.appTitle = appTitle; return self(); }

    /** Bounds connecting, the first byte and any silence in a body; default 60 s. */
    public B timeout(Duration timeout) { connection.timeout = timeout; return self(); }

    /** Retries of 429, 502, 503 and connection failures; default 2. */
    public B maxRetries(Integer maxRetries) { connection.maxRetries = maxRetries; return self(); }

    /** Extra headers on every request. */
    public B customHeaders(Map<String, String> customHeaders) { connection.customHeaders = customHeaders; return self(); }

    /** Log request bodies at INFO (the key is masked). */
    public B logRequests(Boolean logRequests) { connection.logRequests = logRequests; return self(); }

    /** Log response bodies at INFO. */
    public B logResponses(Boolean logResponses) { connection.logResponses = logResponses; return self(); }

    /** A JDK client builder for proxy, TLS or executor. */
    public B httpClientBuilder(HttpClient.Builder httpClientBuilder) { connection.httpClientBuilder = httpClientBuilder; return self(); }

    /**
     * An HTTP client and threads shared with other models (see {@link OpenRouterTransport}); closing this model
     * leaves it open. Not together with {@link #httpClientBuilder}.
     */
    public B transport(OpenRouterTransport transport) { connection.transport = transport; return self(); }

    /** Also retry failures after the request was sent, which OpenRouter may already have billed; default off. */
    public B retryAfterPossibleBilling(Boolean retry) { connection.retryAfterPossibleBilling = retry; return self(); }

    /** A catalog whose nearest ids are suggested when OpenRouter says a model does not exist. */
    public B catalog(OpenRouterModelCatalog catalog) {
        this.modelSuggester = catalog == null ? null : id -> catalog.suggest(id, 3);
        return self();
    }

    /** Sets the {@link OpenRouterCallListener}s (for the builders whose model takes them). */
    final B callListeners(List<OpenRouterCallListener> listeners) {
        if (listeners != null && listeners.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("listeners must not contain null");
        }
        this.callListeners = listeners == null ? List.of() : List.copyOf(listeners);
        return self();
    }

    /** The listeners of every call, as configured. */
    final CallListeners openListeners() {
        return new CallListeners(callListeners);
    }

    /** Validates the connection options with the model's own {@code problems} and opens the transport. */
    EndpointTransport openTransport(List<String> problems) {
        if (modelName == null || modelName.isBlank()) {
            problems.add("modelName is required, e.g. " + exampleModel());
        }
        String what = getClass().getEnclosingClass() == null ? "model" : getClass().getEnclosingClass().getSimpleName();
        return new EndpointTransport(connection.open(problems, what), modelSuggester);
    }

    /** An example model id for error messages. */
    abstract String exampleModel();
}
