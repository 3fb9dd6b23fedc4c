package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.ModelCatalog;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.catalog.ModelType;
import dev.openrouter4j.langchain4j.internal.catalog.ExpiringValue;
import dev.openrouter4j.langchain4j.internal.catalog.ModelIndex;
import dev.openrouter4j.langchain4j.internal.catalog.ModelSuggester;
import dev.openrouter4j.langchain4j.internal.catalog.ModelsParser;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.http.ApiClients;
import dev.openrouter4j.langchain4j.internal.http.BaseUrl;
import dev.openrouter4j.langchain4j.internal.http.Endpoint;
import dev.openrouter4j.langchain4j.internal.http.RequestBody;
import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * OpenRouter's model catalog ({@code GET /models}) as a LangChain4j {@link ModelCatalog}, cached, with lookups that
 * understand OpenRouter's naming.
 * <p>
 * It exists for three jobs: listing models for a UI ({@link #listModels()}); checking a model id before a call and
 * reading its limits, parameters and exact prices ({@link #find(String)}, {@link #models()}); and turning a
 * model-not-found error into "did you mean ..." ({@link #suggest(String, int)}), which matters because ids go out of
 * date ({@code anthropic/claude-3-opus}, {@code google/gemini-pro}).
 * <pre>{@code
 * try (OpenRouterModelCatalog catalog = OpenRouterModelCatalog.builder().build()) {
 *     OpenRouterModelInfo m = catalog.find("openai/gpt-5-mini-2025-08-07").orElseThrow();
 *     BigDecimal perToken = m.pricing().prompt();
 * }
 * }</pre>
 * The list is fetched on first use and kept for {@code ttl} (1 hour by default). Concurrent callers share one
 * fetch; if a later refresh fails, the previous list keeps being served and a WARN is logged. {@code /models} is
 * public, so an API key is optional. {@link #fromJson(String)} and {@link #fromModels(List)} make offline catalogs
 * (tests, air-gapped deployments) that never call the network. Instances are thread-safe.
 */
public final class OpenRouterModelCatalog implements ModelCatalog, AutoCloseable {

    private static final Endpoint<ModelIndex> MODELS =
            Endpoint.get("models", body -> new ModelIndex(ModelsParser.parse(body.bytes())))
                    .describedAs("while fetching the model catalog");

    private final ApiClient client;
    private final ErrorMapper errors;
    private final ExpiringValue<ModelIndex> remote;
    private final ModelIndex offline;
    private volatile boolean closed;

    private OpenRouterModelCatalog(Builder b) {
        this.client = ApiClients.forAccountOrCatalog(b.baseUrl, b.apiKey, b.timeout, b.maxRetries,
                b.transport == null ? null : b.transport.resources(), b.httpClientBuilder);
        this.errors = new ErrorMapper(null, null, client.settings().apiKey());
        this.remote = new ExpiringValue<>(this::fetch, b.ttl, b.clock, "the OpenRouter model catalog");
        this.offline = null;
    }

    private OpenRouterModelCatalog(ModelIndex offline) {
        this.client = null;
        this.errors = null;
        this.remote = null;
        this.offline = offline;
    }

    /** A builder for a catalog that fetches {@code GET /models} from OpenRouter (or {@code baseUrl}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An offline catalog from a {@code GET /models} response body; it never calls the network and
     * {@link #refresh()} does nothing.
     *
     * @throws IllegalArgumentException when the text is not a {@code /models} response
     */
    public static OpenRouterModelCatalog fromJson(String modelsResponseJson) {
        try {
            return new OpenRouterModelCatalog(new ModelIndex(ModelsParser.parse(modelsResponseJson)));
        } catch (MalformedResponseException e) {
            throw new IllegalArgumentException("Not an OpenRouter /models response: " + e.getMessage(), e);
        }
    }

    /** An offline catalog of the given models; it never calls the network. */
    public static OpenRouterModelCatalog fromModels(List<OpenRouterModelInfo> models) {
        Objects.requireNonNull(models, "models");
        return new OpenRouterModelCatalog(new ModelIndex(models));
    }

    /** The models as LangChain4j descriptions: name = id, displayName = name, owner = the author part of the id. */
    @Override
    public List<ModelDescription> listModels() {
        List<OpenRouterModelInfo> models = index().models();
        List<ModelDescription> out = new ArrayList<>(models.size());
        for (OpenRouterModelInfo m : models) {
            out.add(describe(m));
        }
        return List.copyOf(out);
    }

    /** {@link ModelProvider#OTHER}: LangChain4j has no constant for OpenRouter. */
    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /**
     * All models, in the order OpenRouter lists them, from the cache (fetching when it is empty or expired).
     *
     * @throws RuntimeException the typed OpenRouter exception when the first fetch fails
     */
    public List<OpenRouterModelInfo> models() {
        return index().models();
    }

    /**
     * Finds a model case-insensitively by id, canonical slug, id with a variant suffix that is not listed itself
     * ({@code :free}, {@code :thinking}, {@code :nitro}, {@code :floor}, {@code :exacto}, {@code :extended},
     * {@code :online}), or dated slug whose undated part is an id ({@code openai/gpt-5-mini-2025-08-07}).
     */
    public Optional<OpenRouterModelInfo> find(String idOrSlug) {
        return index().find(idOrSlug);
    }

    /**
     * Up to {@code max} known ids nearest to an unknown one, best first: same author and model family first, then
     * by name similarity, newest first on ties. Deterministic. Empty when nothing is related.
     */
    public List<String> suggest(String unknownId, int max) {
        return ModelSuggester.suggest(index(), unknownId, max);
    }

    /**
     * Fetches the list now, ignoring the TTL. On failure the previous list stays in use and the typed exception is
     * thrown. Does nothing for an offline catalog.
     */
    public void refresh() {
        if (remote == null) return;
        ensureOpen();
        remote.refresh();
    }

    /**
     * Releases the HTTP client (not a shared {@link OpenRouterTransport}); a closed remote catalog throws
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        closed = true;
        if (client != null) client.close();
    }

    @Override
    public String toString() {
        if (client == null) {
            return "OpenRouterModelCatalog{offline, models=" + offline.models().size() + "}";
        }
        return "OpenRouterModelCatalog{baseUrl=" + client.baseUrl() + ", apiKey="
                + Secrets.mask(client.settings().apiKey()) + "}";
    }

    private ModelIndex index() {
        if (offline != null) return offline;
        ensureOpen();
        return remote.get();
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("This OpenRouterModelCatalog is closed");
    }

    private ModelIndex fetch() {
        return client.call(MODELS, RequestBody.NONE, errors);
    }

    private ModelDescription describe(OpenRouterModelInfo m) {
        return ModelDescription.builder()
                .name(m.id())
                .displayName(m.name())
                .description(m.description())
                .provider(ModelProvider.OTHER)
                .type(typeOf(m.outputModalities()))
                .maxInputTokens(m.contextLength())
                .maxOutputTokens(m.maxCompletionTokens())
                .createdAt(m.created())
                .owner(m.author())
                .build();
    }

    /** CHAT for anything that writes text; otherwise by what it outputs. */
    static ModelType typeOf(List<String> outputModalities) {
        if (outputModalities.isEmpty() || outputModalities.contains("text")) return ModelType.CHAT;
        if (outputModalities.contains("embeddings")) return ModelType.EMBEDDING;
        if (outputModalities.contains("image")) return ModelType.IMAGE_GENERATION;
        if (outputModalities.contains("audio")) return ModelType.AUDIO_GENERATION;
        return ModelType.OTHER;
    }

    /** Configures a remote {@link OpenRouterModelCatalog}. */
    public static final class Builder {

        private String baseUrl = BaseUrl.DEFAULT;
        private String apiKey;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration ttl = Duration.ofHours(1);
        private HttpClient.Builder httpClientBuilder;
        private OpenRouterTransport transport;
        private int maxRetries;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Default {@code https://openrouter.ai/api/v1}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Optional ({@code /models} is public); sent as a bearer token when given. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Bounds connecting, waiting for the first byte and any silence inside the body, as for the chat models;
         * default 30 s.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Retries of 429, 502, 503 and refused connections, with the chat models' policy; default 0. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** An HTTP client and threads shared with models (see {@link OpenRouterTransport}); not closed with this. */
        public Builder transport(OpenRouterTransport transport) {
            this.transport = transport;
            return this;
        }

        /** How long a fetched list is used before it is fetched again; default 1 hour; zero disables caching. */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /**
         * A JDK HTTP client builder to build the client from (proxy, SSL context, executor); optional. Redirects are
         * never followed, whatever the builder says.
         */
        public Builder httpClientBuilder(HttpClient.Builder httpClientBuilder) {
            this.httpClientBuilder = httpClientBuilder;
            return this;
        }

        /** The time source of the TTL; for tests. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @throws IllegalArgumentException for a base URL that is not http(s), a non-positive timeout or a negative
         *                                  TTL
         */
        public OpenRouterModelCatalog build() {
            if (ttl == null || ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must be zero or positive, got " + ttl);
            }
            Objects.requireNonNull(clock, "clock");
            return new OpenRouterModelCatalog(this);
        }

        @Override
        public String toString() {
            return "OpenRouterModelCatalog.Builder{baseUrl=" + baseUrl + ", apiKey="
                    + dev.openrouter4j.langchain4j.internal.util.Secrets.mask(apiKey) + "}";
        }
    }
}
