package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.exception.OpenRouterInvalidRequestException;
import dev.openrouter4j.langchain4j.internal.catalog.AccountParser;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.http.ApiClients;
import dev.openrouter4j.langchain4j.internal.http.BaseUrl;
import dev.openrouter4j.langchain4j.internal.http.Endpoint;
import dev.openrouter4j.langchain4j.internal.http.RequestBody;
import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A small client for OpenRouter's account endpoints: the key's limit and spend ({@code GET /key}) and the final
 * record of one call ({@code GET /generation?id=...}).
 * <p>
 * It exists for budget checks and for reconciling costs, e.g. of a cancelled stream whose usage never arrived:
 * {@link #generation(String)} returns what OpenRouter billed for a generation id. OpenRouter answers 404 for a
 * short while after a generation ends, so lookups retry a 404 ({@code generationRetry}, 5 attempts 500 ms apart by
 * default). Both endpoints need an API key. Thread-safe; the key never appears in {@link #toString()} or messages.
 * <pre>{@code
 * try (OpenRouterAccountClient account = OpenRouterAccountClient.builder()
 *         .apiKey(System.getenv("OPENROUTER_API_KEY")).build()) {
 *     BigDecimal left = account.key().limitRemaining();
 *     account.findGeneration(generationId).ifPresent(g -> ledger.reconcile(g.id(), g.totalCost()));
 * }
 * }</pre>
 */
public final class OpenRouterAccountClient implements AutoCloseable {

    private static final String GENERATION_PHASE = "while looking up a generation (GET /generation)";
    private static final Endpoint<KeyInfo> KEY = Endpoint.get("key", body -> AccountParser.key(body.bytes()))
            .describedAs("while reading the API key's usage (GET /key)");
    /** 404 is passed to the mapper: OpenRouter answers it until the record exists, and the lookup retries it. */
    private static final Endpoint<Optional<GenerationInfo>> GENERATION = Endpoint.get("generation",
                    body -> body.status() == 404 ? Optional.<GenerationInfo>empty()
                            : Optional.of(AccountParser.generation(body.bytes())))
            .passing(404).describedAs(GENERATION_PHASE);

    private final ApiClient client;
    private final ErrorMapper errors;
    private final int generationMaxAttempts;
    private final Duration generationDelay;

    private OpenRouterAccountClient(Builder b) {
        if (b.apiKey == null || b.apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is required for OpenRouter's account endpoints (/key, /generation):"
                    + " set apiKey(...) on the builder, e.g. from the OPENROUTER_API_KEY environment variable");
        }
        if (b.generationMaxAttempts < 1) {
            throw new IllegalArgumentException("generationRetry maxAttempts must be at least 1, got "
                    + b.generationMaxAttempts);
        }
        if (b.generationDelay == null || b.generationDelay.isNegative()) {
            throw new IllegalArgumentException("generationRetry delay must be zero or positive, got "
                    + b.generationDelay);
        }
        this.client = ApiClients.forAccountOrCatalog(b.baseUrl, b.apiKey, b.timeout, b.maxRetries,
                b.transport == null ? null : b.transport.resources(), b.httpClientBuilder);
        this.errors = new ErrorMapper(null, null, client.settings().apiKey());
        this.generationMaxAttempts = b.generationMaxAttempts;
        this.generationDelay = b.generationDelay;
    }

    /** A builder; {@link Builder#apiKey(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The limit, remaining credit and spend of the key this client uses ({@code GET /key}).
     *
     * @throws RuntimeException the typed OpenRouter exception (e.g. authentication) on failure
     */
    public KeyInfo key() {
        return client.call(KEY, RequestBody.NONE, errors);
    }

    /**
     * The record of a generation, retrying while OpenRouter answers 404 (the record appears shortly after the call).
     *
     * @param id the generation id ({@code gen-...}), e.g. {@code OpenRouterChatResponseMetadata.generationId()}
     * @throws OpenRouterInvalidRequestException when it is still not found after the configured attempts
     * @throws RuntimeException                  the typed OpenRouter exception for other failures
     */
    public GenerationInfo generation(String id) {
        return lookup(id).orElseThrow(() -> notFound(id));
    }

    /** Like {@link #generation(String)}, but empty instead of throwing when the id is still not found. */
    public Optional<GenerationInfo> findGeneration(String id) {
        return lookup(id);
    }

    private Optional<GenerationInfo> lookup(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("generation id is required (the gen-... id of a response)");
        }
        String query = "?id=" + URLEncoder.encode(id.trim(), StandardCharsets.UTF_8);
        for (int attempt = 1; ; attempt++) {
            Optional<GenerationInfo> found = client.call(GENERATION, query, RequestBody.NONE, errors);
            if (found.isPresent() || attempt >= generationMaxAttempts) return found;
            pause();
        }
    }

    private void pause() {
        if (generationDelay.isZero()) return;
        try {
            Thread.sleep(generationDelay.toMillis(), generationDelay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.fromTransport(e, client.host(), GENERATION_PHASE, client.timeout(), null);
        }
    }

    private OpenRouterInvalidRequestException notFound(String id) {
        String message = "Generation '" + id + "' was not found on OpenRouter after " + generationMaxAttempts
                + " attempt" + (generationMaxAttempts == 1 ? "" : "s") + " " + generationDelay.toMillis()
                + " ms apart (HTTP 404). The record appears shortly after a call ends; check the id, or retry later"
                + " with a longer generationRetry.";
        OpenRouterErrorDetails details = new OpenRouterErrorDetails(404, null, null, message, null, null, null,
                List.of(), id, null);
        return new OpenRouterInvalidRequestException(message, details, null);
    }

    /** Releases the HTTP client (not a shared {@link OpenRouterTransport}). */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OpenRouterAccountClient{baseUrl=" + client.baseUrl() + ", apiKey="
                + Secrets.mask(client.settings().apiKey()) + "}";
    }

    /**
     * What {@code GET /key} says about the key: its label, spending limit and usage, in USD (credits).
     *
     * @param label          OpenRouter's label of the key, already masked by OpenRouter (e.g. {@code sk-or-v1-au7...890})
     * @param limit          the spending limit, or null for unlimited
     * @param limitRemaining what is left of the limit, or null
     * @param limitReset     when the limit resets ({@code daily}, {@code weekly}, {@code monthly}), or null for never
     * @param usage          all-time spend
     * @param usageDaily     spend in the current UTC day
     * @param usageWeekly    spend in the current UTC week
     * @param usageMonthly   spend in the current UTC month
     * @param isFreeTier     true when no credits were ever purchased (lower free-model limits)
     */
    public record KeyInfo(
            String label,
            BigDecimal limit,
            BigDecimal limitRemaining,
            String limitReset,
            BigDecimal usage,
            BigDecimal usageDaily,
            BigDecimal usageWeekly,
            BigDecimal usageMonthly,
            Boolean isFreeTier) {
    }

    /**
     * What OpenRouter recorded for one generation ({@code GET /generation}): the model and provider that served it,
     * what it cost, and the token counts billing used (the {@code native*} ones).
     *
     * @param id                     the generation id
     * @param model                  the model that served it
     * @param providerName           the upstream provider, e.g. {@code OpenAI}
     * @param totalCost              what OpenRouter charged, in USD
     * @param upstreamInferenceCost  what the upstream provider charged (BYOK), or null
     * @param tokensPrompt           prompt tokens, normalized
     * @param tokensCompletion       completion tokens, normalized
     * @param nativeTokensPrompt     prompt tokens by the model's own tokenizer (billed)
     * @param nativeTokensCompletion completion tokens by the model's own tokenizer (billed)
     * @param nativeTokensReasoning  reasoning tokens
     * @param nativeTokensCached     prompt tokens read from the cache
     * @param streamed               whether it was a streaming call
     * @param cancelled              whether the call was cancelled (aborted)
     * @param isByok                 whether it ran on your own provider key
     * @param finishReason           the normalized finish reason
     * @param nativeFinishReason     the provider's raw finish reason
     * @param createdAt              when it was created, or null when absent or unparseable
     */
    public record GenerationInfo(
            String id,
            String model,
            String providerName,
            BigDecimal totalCost,
            BigDecimal upstreamInferenceCost,
            Integer tokensPrompt,
            Integer tokensCompletion,
            Integer nativeTokensPrompt,
            Integer nativeTokensCompletion,
            Integer nativeTokensReasoning,
            Integer nativeTokensCached,
            Boolean streamed,
            Boolean cancelled,
            Boolean isByok,
            String finishReason,
            String nativeFinishReason,
            Instant createdAt) {
    }

    /** Configures an {@link OpenRouterAccountClient}. */
    public static final class Builder {

        private String baseUrl = BaseUrl.DEFAULT;
        private String apiKey;
        private Duration timeout = Duration.ofSeconds(30);
        private HttpClient.Builder httpClientBuilder;
        private OpenRouterTransport transport;
        private int maxRetries;
        private int generationMaxAttempts = 5;
        private Duration generationDelay = Duration.ofMillis(500);

        private Builder() {
        }

        /** Default {@code https://openrouter.ai/api/v1}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Required: the OpenRouter API key ({@code sk-or-v1-...}). */
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

        /**
         * A JDK HTTP client builder to build the client from (proxy, SSL context, executor); optional. Redirects are
         * never followed, whatever the builder says.
         */
        public Builder httpClientBuilder(HttpClient.Builder httpClientBuilder) {
            this.httpClientBuilder = httpClientBuilder;
            return this;
        }

        /** How often, and how far apart, a generation lookup is tried while it answers 404; default 5 and 500 ms. */
        public Builder generationRetry(int maxAttempts, Duration delay) {
            this.generationMaxAttempts = maxAttempts;
            this.generationDelay = delay;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the API key is missing or blank, or another setting is invalid
         */
        public OpenRouterAccountClient build() {
            return new OpenRouterAccountClient(this);
        }

        @Override
        public String toString() {
            return "OpenRouterAccountClient.Builder{baseUrl=" + baseUrl + ", apiKey="
                    + dev.openrouter4j.langchain4j.internal.util.Secrets.mask(apiKey) + "}";
        }
    }
}
