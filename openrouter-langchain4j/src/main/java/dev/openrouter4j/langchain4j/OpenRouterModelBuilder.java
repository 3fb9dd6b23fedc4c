package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.openrouter4j.langchain4j.internal.ModelCore;
import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.http.BaseUrl;
import dev.openrouter4j.langchain4j.logging.Log;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The options {@link OpenRouterChatModel} and {@link OpenRouterStreamingChatModel} share: connection, attribution,
 * timeouts, retries, listeners, logging, default request parameters and the usual sampling parameters. Individual
 * setters win over {@link #defaultRequestParameters(ChatRequestParameters)}.
 *
 * @param <B> the concrete builder
 */
public abstract class OpenRouterModelBuilder<B extends OpenRouterModelBuilder<B>> {

    /** OpenRouter's API. */
    public static final String DEFAULT_BASE_URL = BaseUrl.DEFAULT;
    /** The default timeout: connecting, first byte, and silence inside a body or stream. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Log LOG = Log.of(OpenRouterModelBuilder.class);

    private final ClientOptions connection = new ClientOptions();
    private List<ChatModelListener> listeners = List.of();
    private ChatRequestParameters defaultRequestParameters;
    private final OpenRouterChatRequestParameters.Builder parameters = OpenRouterChatRequestParameters.builder();
    private Boolean returnThinking;
    private Boolean strictTools;
    private Boolean strictJsonSchema;
    private Set<Capability> supportedCapabilities = Set.of();
    private Function<String, List<String>> modelSuggester;
    private Function<String, Optional<List<String>>> inputModalities;
    private ResponseCache responseCache;

    protected OpenRouterModelBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The one check of a base URL that every OpenRouter client of this library applies (an absolute
     * {@code http://} or {@code https://} URL with a host), for configuration layers that validate settings before
     * building models.
     *
     * @return the URL without surrounding blanks or trailing slashes
     * @throws IllegalArgumentException naming what is wrong, with an example
     */
    public static String checkBaseUrl(String baseUrl) {
        String s = BaseUrl.parse(baseUrl).toString();
        return s.substring(0, s.length() - 1);
    }

    /** Your OpenRouter key ({@code sk-or-v1-...}); required. Typically {@code System.getenv("OPENROUTER_API_KEY")}. */
    public B apiKey(String apiKey) { connection.apiKey = apiKey; return self(); }

    /** Defaults to {@value #DEFAULT_BASE_URL}. */
    public B baseUrl(String baseUrl) { connection.baseUrl = baseUrl; return self(); }

    /** The default model id, e.g. {@code openai/gpt-4o-mini}; a request may name another. */
    public B modelName(String modelName) { parameters.modelName(modelName); return self(); }

    /** Your app's URL, sent as {@code HTTP-Referer} (attribution in OpenRouter's rankings). */
    public B appUrl(String appUrl) { connection.appUrl = appUrl; return self(); }

    /** Your app's name, sent as {@code X-OpenRouter-Title} and the legacy {@code X-Title}. */
    public B appTitle(String appTitle) { connection.appTitle = appTitle; return self(); }

    /**
     * Bounds connecting, waiting for the first byte, and any silence between bytes of a body or stream (an idle
     * timeout): no call can hang longer. A long answer that keeps streaming is not cut. Default 60 s.
     */
    public B timeout(Duration timeout) { connection.timeout = timeout; return self(); }

    /** Retries of 429, 502, 503 and connection failures (sync; streams only before their first byte). Default 2. */
    public B maxRetries(Integer maxRetries) { connection.maxRetries = maxRetries; return self(); }

    public B listeners(List<ChatModelListener> listeners) { this.listeners = listeners == null ? List.of() : listeners; return self(); }

    public B listeners(ChatModelListener... listeners) { return listeners(Arrays.asList(listeners)); }

    /** Default request parameters; {@link OpenRouterChatRequestParameters} carry OpenRouter's own fields. */
    public B defaultRequestParameters(ChatRequestParameters parameters) { this.defaultRequestParameters = parameters; return self(); }

    /** Extra headers on every request. */
    public B customHeaders(Map<String, String> customHeaders) { connection.customHeaders = customHeaders; return self(); }

    /**
     * Also retry a sync call that failed after its request was sent (a read timeout, a reset mid-body). OpenRouter may
     * already have billed such a call, so this is off by default; turn it on when a duplicate charge is cheaper than a
     * failure.
     */
    public B retryAfterPossibleBilling(Boolean retry) { connection.retryAfterPossibleBilling = retry; return self(); }

    /** Pass the model's reasoning text to {@code AiMessage.thinking()} and {@code onPartialThinking}. Default false. */
    public B returnThinking(Boolean returnThinking) { this.returnThinking = returnThinking; return self(); }

    public B strictTools(Boolean strictTools) { this.strictTools = strictTools; return self(); }

    public B strictJsonSchema(Boolean strictJsonSchema) { this.strictJsonSchema = strictJsonSchema; return self(); }

    public B supportedCapabilities(Set<Capability> capabilities) { this.supportedCapabilities = capabilities == null ? Set.of() : capabilities; return self(); }

    public B supportedCapabilities(Capability... capabilities) { return supportedCapabilities(new LinkedHashSet<>(Arrays.asList(capabilities))); }

    /** Log request bodies at INFO (the key is masked). */
    public B logRequests(Boolean logRequests) { connection.logRequests = logRequests; return self(); }

    /** Log response bodies at INFO and stream events at DEBUG. */
    public B logResponses(Boolean logResponses) { connection.logResponses = logResponses; return self(); }

    /**
     * A JDK client builder for proxy, TLS (SSLContext), authenticator or executor. The model sets its redirect
     * policy (redirects are never followed: the key goes to the configured origin only); when you supply a builder,
     * its executor (or the JDK default) runs the client's work. Not together with {@link #transport}: set it there.
     */
    public B httpClientBuilder(HttpClient.Builder httpClientBuilder) { connection.httpClientBuilder = httpClientBuilder; return self(); }

    /**
     * Where streaming callbacks run (for example a virtual-thread executor on Java 21). By default a pool of at most
     * 16 library threads runs them, one stream's callbacks in order. Not together with {@link #transport}.
     */
    public B callbackExecutor(Executor callbackExecutor) { connection.callbackExecutor = callbackExecutor; return self(); }

    /**
     * An HTTP client and threads shared with other models (see {@link OpenRouterTransport}); closing this model
     * leaves it open. Without it the model has its own, released by {@link AbstractOpenRouterModel#close()}.
     */
    public B transport(OpenRouterTransport transport) { connection.transport = transport; return self(); }

    /**
     * Suggests known model ids when OpenRouter says a model does not exist; e.g.
     * {@code id -> catalog.suggest(id, 3)} with an {@code OpenRouterModelCatalog}.
     */
    public B modelSuggester(Function<String, List<String>> suggester) { this.modelSuggester = suggester; return self(); }

    /**
     * A catalog whose nearest ids are suggested when OpenRouter says a model does not exist (see
     * {@link OpenRouterModelCatalog#suggest(String, int)}), and whose input modalities are checked before a message
     * with an image, PDF, audio or video part is sent: a model that does not list the modality fails at once with
     * {@link dev.langchain4j.exception.UnsupportedFeatureException} instead of a paid or confusing provider error. When
     * the catalog cannot be read, the check is skipped.
     */
    public B catalog(OpenRouterModelCatalog catalog) {
        this.modelSuggester = catalog == null ? null : id -> catalog.suggest(id, 3);
        this.inputModalities = catalog == null ? null : id -> inputModalitiesOf(catalog, id);
        return self();
    }

    /**
     * A client-side cache of answers (in memory or Redis) that also coalesces identical calls in flight; off by
     * default. One {@link ResponseCache} can serve many models. See {@link ResponseCache} for what is cached.
     */
    public B responseCache(ResponseCache responseCache) { this.responseCache = responseCache; return self(); }

    /**
     * OpenRouter's own response cache for every call of this model (a request's parameters can override it); off
     * by default. See {@link OpenRouterCache}.
     */
    public B openRouterCache(OpenRouterCache openRouterCache) { parameters.openRouterCache(openRouterCache); return self(); }
    private static Optional<List<String>> inputModalitiesOf(OpenRouterModelCatalog catalog, String id) {
        try {
            return catalog.find(id).map(OpenRouterModelInfo::inputModalities);
        } catch (RuntimeException e) {
            LOG.debug("model catalog unavailable; input modalities of {} not checked: {}", id, e.toString());
            return Optional.empty();
        }
    }

    public B temperature(Double temperature) { parameters.temperature(temperature); return self(); }

    public B topP(Double topP) { parameters.topP(topP); return self(); }

    public B topK(Integer topK) { parameters.topK(topK); return self(); }

    /** The most tokens to generate (wire: {@code max_tokens}); also what OpenRouter reserves credits for. */
    public B maxTokens(Integer maxTokens) { parameters.maxOutputTokens(maxTokens); return self(); }

    public B frequencyPenalty(Double frequencyPenalty) { parameters.frequencyPenalty(frequencyPenalty); return self(); }

    public B presencePenalty(Double presencePenalty) { parameters.presencePenalty(presencePenalty); return self(); }

    public B stop(List<String> stop) { parameters.stopSequences(stop); return self(); }

    public B seed(Integer seed) { parameters.seed(seed); return self(); }

    public B responseFormat(ResponseFormat responseFormat) { parameters.responseFormat(responseFormat); return self(); }

    /** Models to try, in order, when the primary one fails (wire: {@code models}). */
    public B fallbackModels(List<String> fallbackModels) { parameters.fallbackModels(fallbackModels); return self(); }

    public B provider(ProviderPreferences provider) { parameters.provider(provider); return self(); }

    public B reasoning(Reasoning reasoning) { parameters.reasoning(reasoning); return self(); }

    public B plugins(List<OpenRouterPlugin> plugins) { parameters.plugins(plugins); return self(); }

    public B user(String user) { parameters.user(user); return self(); }

    public B sessionId(String sessionId) { parameters.sessionId(sessionId); return self(); }

    /** Output modalities, e.g. {@code List.of("image", "text")} for models that draw (wire: {@code modalities}). */
    public B modalities(List<String> modalities) { parameters.modalities(modalities); return self(); }

    /** Validates the options and builds what both models share. */
    ModelCore buildCore() {
        ApiClient client = connection.open(new ArrayList<>(), "model");
        OpenRouterChatRequestParameters own = parameters.build();
        OpenRouterChatRequestParameters defaults = defaultRequestParameters == null ? own
                : OpenRouterChatRequestParameters.builder().overrideWith(defaultRequestParameters)
                .overrideWith(own).build();
        ModelCore core = new ModelCore(client, defaults, listeners, supportedCapabilities,
                Boolean.TRUE.equals(returnThinking), Boolean.TRUE.equals(strictTools),
                Boolean.TRUE.equals(strictJsonSchema), modelSuggester, inputModalities);
        core.responseCache(responseCache == null ? null : responseCache.engine());
        return core;
    }
}
