package dev.openrouter4j.cost;

import dev.openrouter4j.cost.internal.Decimals;
import dev.openrouter4j.langchain4j.OpenRouterModelPricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The price of one model, in USD per token for the token kinds (USD per request for {@code request}, per search for
 * {@code webSearch}), together with where the price came from and how old it is.
 * <p>
 * It exists so that an estimated cost can always say which price produced it. A {@code null} component means "not
 * listed": {@link CostCalculator} then prices cache reads and writes at the prompt price and reasoning tokens at the
 * completion price (never zero, never unknown), and charges no request or search fee. A negative price ({@code -1},
 * OpenRouter's marker for router models whose price is decided per call) makes any cost that needs it unknown.
 *
 * @param modelId             the id the price is listed under
 * @param prompt              USD per uncached input token
 * @param completion          USD per output token
 * @param inputCacheRead      USD per input token read from the prompt cache, or null (= prompt price)
 * @param inputCacheWrite     USD per input token written to the prompt cache, or null (= prompt price)
 * @param internalReasoning   USD per reasoning token, or null (= completion price)
 * @param request             USD per request, or null (no fee)
 * @param webSearch           USD per web search, or null (no fee)
 * @param contextLength       the model's context window in tokens, or null
 * @param maxCompletionTokens the model's largest output in tokens, or null (used by budgets to reserve a worst case)
 * @param source              which table listed the price
 * @param asOf                the date of that table (for a live catalog: when it was fetched)
 */
public record ModelPrice(
        String modelId,
        BigDecimal prompt,
        BigDecimal completion,
        BigDecimal inputCacheRead,
        BigDecimal inputCacheWrite,
        BigDecimal internalReasoning,
        BigDecimal request,
        BigDecimal webSearch,
        Integer contextLength,
        Integer maxCompletionTokens,
        PriceSource source,
        LocalDate asOf) {

    public ModelPrice {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(source, "source");
    }

    /** Converts a catalog price (OpenRouter's {@code pricing} object) into a price of the given source. */
    public static ModelPrice of(String modelId, OpenRouterModelPricing pricing, Integer contextLength,
                                Integer maxCompletionTokens, PriceSource source, LocalDate asOf) {
        OpenRouterModelPricing p = pricing == null ? OpenRouterModelPricing.unknown() : pricing;
        return new ModelPrice(modelId, p.prompt(), p.completion(), p.inputCacheRead(), p.inputCacheWrite(),
                p.internalReasoning(), p.request(), p.webSearch(), contextLength, maxCompletionTokens, source, asOf);
    }

    /** True when the prompt or completion price is OpenRouter's {@code -1}: decided per call, so unknown here. */
    public boolean isDynamic() {
        return negative(prompt) || negative(completion);
    }

    /** True when every listed price is zero (a {@code :free} variant). */
    public boolean isFree() {
        return zero(prompt) && zero(completion) && zeroOrNull(inputCacheRead) && zeroOrNull(inputCacheWrite)
                && zeroOrNull(internalReasoning) && zeroOrNull(request) && zeroOrNull(webSearch);
    }

    /** A short label for ledger entries, e.g. {@code SNAPSHOT 2026-05-22}. */
    public String version() {
        return asOf == null ? source.name() : source.name() + " " + asOf;
    }

    /** The same price listed under another id (a variant priced as its base model). */
    public ModelPrice withModelId(String id) {
        return new ModelPrice(id, prompt, completion, inputCacheRead, inputCacheWrite, internalReasoning, request,
                webSearch, contextLength, maxCompletionTokens, source, asOf);
    }

    /** The same price with the model limits filled in where this price has none. */
    public ModelPrice withLimitsFrom(Integer contextLength, Integer maxCompletionTokens) {
        return new ModelPrice(modelId, prompt, completion, inputCacheRead, inputCacheWrite, internalReasoning, request,
                webSearch, this.contextLength != null ? this.contextLength : contextLength,
                this.maxCompletionTokens != null ? this.maxCompletionTokens : maxCompletionTokens, source, asOf);
    }

    /** A builder for an override price; its source is {@link PriceSource#OVERRIDE}. */
    public static Builder builder(String modelId) {
        return new Builder(modelId);
    }

    private static boolean negative(BigDecimal v) {
        return v != null && v.signum() < 0;
    }

    private static boolean zero(BigDecimal v) {
        return v != null && v.signum() == 0;
    }

    private static boolean zeroOrNull(BigDecimal v) {
        return v == null || v.signum() == 0;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ModelPrice p)) return false;
        return modelId.equals(p.modelId) && Decimals.equal(prompt, p.prompt) && Decimals.equal(completion, p.completion)
                && Decimals.equal(inputCacheRead, p.inputCacheRead) && Decimals.equal(inputCacheWrite, p.inputCacheWrite)
                && Decimals.equal(internalReasoning, p.internalReasoning) && Decimals.equal(request, p.request)
                && Decimals.equal(webSearch, p.webSearch) && Objects.equals(contextLength, p.contextLength)
                && Objects.equals(maxCompletionTokens, p.maxCompletionTokens) && source == p.source
                && Objects.equals(asOf, p.asOf);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, Decimals.normalize(prompt), Decimals.normalize(completion), source, asOf);
    }

    @Override
    public String toString() {
        return "ModelPrice{" + modelId + ", prompt=" + Decimals.plain(prompt) + ", completion=" + Decimals.plain(completion)
                + (inputCacheRead == null ? "" : ", cacheRead=" + Decimals.plain(inputCacheRead))
                + (inputCacheWrite == null ? "" : ", cacheWrite=" + Decimals.plain(inputCacheWrite))
                + (internalReasoning == null ? "" : ", reasoning=" + Decimals.plain(internalReasoning))
                + (request == null ? "" : ", request=" + Decimals.plain(request))
                + (webSearch == null ? "" : ", webSearch=" + Decimals.plain(webSearch))
                + ", " + version() + '}';
    }

    /** Builds an override price. Amounts are decimal strings or {@link BigDecimal}s, never doubles. */
    public static final class Builder {
        private final String modelId;
        private BigDecimal prompt;
        private BigDecimal completion;
        private BigDecimal inputCacheRead;
        private BigDecimal inputCacheWrite;
        private BigDecimal internalReasoning;
        private BigDecimal request;
        private BigDecimal webSearch;
        private Integer contextLength;
        private Integer maxCompletionTokens;
        private PriceSource source = PriceSource.OVERRIDE;
        private LocalDate asOf;

        private Builder(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
        }

        /** USD per input token. */
        public Builder prompt(String usdPerToken) { this.prompt = Decimals.parse(usdPerToken); return this; }
        /** USD per output token. */
        public Builder completion(String usdPerToken) { this.completion = Decimals.parse(usdPerToken); return this; }
        public Builder prompt(BigDecimal usdPerToken) { this.prompt = usdPerToken; return this; }
        public Builder completion(BigDecimal usdPerToken) { this.completion = usdPerToken; return this; }
        /** USD per million input tokens, the way most price pages state it. */
        public Builder promptPerMillion(String usd) { this.prompt = new BigDecimal(usd).movePointLeft(6); return this; }
        /** USD per million output tokens. */
        public Builder completionPerMillion(String usd) { this.completion = new BigDecimal(usd).movePointLeft(6); return this; }
        /** USD per thousand input tokens. */
        public Builder promptPerThousand(String usd) { this.prompt = new BigDecimal(usd).movePointLeft(3); return this; }
        /** USD per thousand output tokens. */
        public Builder completionPerThousand(String usd) { this.completion = new BigDecimal(usd).movePointLeft(3); return this; }
        public Builder inputCacheRead(String usdPerToken) { this.inputCacheRead = Decimals.parse(usdPerToken); return this; }
        public Builder inputCacheWrite(String usdPerToken) { this.inputCacheWrite = Decimals.parse(usdPerToken); return this; }
        public Builder internalReasoning(String usdPerToken) { this.internalReasoning = Decimals.parse(usdPerToken); return this; }
        /** USD per request. */
        public Builder request(String usd) { this.request = Decimals.parse(usd); return this; }
        /** USD per web search. */
        public Builder webSearch(String usd) { this.webSearch = Decimals.parse(usd); return this; }
        public Builder contextLength(Integer tokens) { this.contextLength = tokens; return this; }
        public Builder maxCompletionTokens(Integer tokens) { this.maxCompletionTokens = tokens; return this; }
        public Builder source(PriceSource source) { this.source = Objects.requireNonNull(source); return this; }
        public Builder asOf(LocalDate date) { this.asOf = date; return this; }

        public ModelPrice build() {
            if (prompt == null || completion == null) {
                throw new IllegalStateException("A price needs at least a prompt and a completion price: " + modelId);
            }
            return new ModelPrice(modelId, prompt, completion, inputCacheRead, inputCacheWrite, internalReasoning,
                    request, webSearch, contextLength, maxCompletionTokens, source,
                    asOf != null ? asOf : LocalDate.now(java.time.ZoneOffset.UTC));
        }
    }
}
