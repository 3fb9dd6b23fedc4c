package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.output.TokenUsage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Token usage as OpenRouter reports it: the counts LangChain4j knows, plus cache reads, cache writes and reasoning
 * tokens, plus what the call cost.
 * <p>
 * The cost lives here, beside the tokens, so that it survives LangChain4j's aggregation: AI Services add the usage of
 * every call of a tool loop with {@link #add(TokenUsage)}, and the sum of {@code OpenRouterTokenUsage}s carries the
 * sum of their costs. Like LangChain4j's counts, a sum treats an unknown (null) part as absent.
 * <p>
 * Counts do not overlap the way prices need them to: {@code cachedTokens} and {@code cacheWriteTokens} are part of
 * {@code inputTokenCount}; {@code reasoningTokens} is part of {@code outputTokenCount}.
 */
public class OpenRouterTokenUsage extends TokenUsage {

    private final Integer cachedTokens;
    private final Integer cacheWriteTokens;
    private final Integer reasoningTokens;
    private final BigDecimal cost;
    private final BigDecimal upstreamInferenceCost;
    private final Integer webSearchRequests;

    public OpenRouterTokenUsage(Integer inputTokenCount, Integer outputTokenCount, Integer totalTokenCount,
                                Integer cachedTokens, Integer cacheWriteTokens, Integer reasoningTokens,
                                BigDecimal cost, BigDecimal upstreamInferenceCost) {
        this(inputTokenCount, outputTokenCount, totalTokenCount, cachedTokens, cacheWriteTokens, reasoningTokens,
                cost, upstreamInferenceCost, null);
    }

    public OpenRouterTokenUsage(Integer inputTokenCount, Integer outputTokenCount, Integer totalTokenCount,
                                Integer cachedTokens, Integer cacheWriteTokens, Integer reasoningTokens,
                                BigDecimal cost, BigDecimal upstreamInferenceCost, Integer webSearchRequests) {
        super(inputTokenCount, outputTokenCount,
                totalTokenCount != null ? totalTokenCount : sumOrNull(inputTokenCount, outputTokenCount));
        this.cachedTokens = cachedTokens;
        this.cacheWriteTokens = cacheWriteTokens;
        this.reasoningTokens = reasoningTokens;
        this.cost = cost;
        this.upstreamInferenceCost = upstreamInferenceCost;
        this.webSearchRequests = webSearchRequests;
    }

    /** Web searches OpenRouter ran for the call ({@code usage.server_tool_use_details}), or null when not reported. */
    public Integer webSearchRequests() {
        return webSearchRequests;
    }

    /** Prompt tokens read from the provider's cache (part of the input count), or null when not reported. */
    public Integer cachedTokens() {
        return cachedTokens;
    }

    /** Prompt tokens written to the provider's cache (part of the input count), or null when not reported. */
    public Integer cacheWriteTokens() {
        return cacheWriteTokens;
    }

    /** Output tokens spent on reasoning (part of the output count), or null when not reported. */
    public Integer reasoningTokens() {
        return reasoningTokens;
    }

    /**
     * What OpenRouter charged, in credits (USD), exactly as the response's JSON text said it; null when not reported.
     * For a BYOK call this is OpenRouter's fee only: see {@link #upstreamInferenceCost()}.
     */
    public BigDecimal cost() {
        return cost;
    }

    /**
     * For BYOK calls ({@code is_byok: true}), what the upstream provider charged to your own key, to add to
     * {@link #cost()} for the call's whole price; null for every other call. OpenRouter's responses also carry
     * {@code cost_details.upstream_inference_cost} on ordinary calls (equal to {@code cost}); that raw value stays in
     * {@link OpenRouterChatResponseMetadata#costDetails()} and is not returned here, so adding this to the cost never
     * counts an ordinary call twice.
     */
    public BigDecimal upstreamInferenceCost() {
        return upstreamInferenceCost;
    }

    @Override
    public TokenUsage add(TokenUsage that) {
        if (that == null) {
            return this;
        }
        if (that instanceof OpenRouterTokenUsage o) {
            return new OpenRouterTokenUsage(
                    sumOrNull(inputTokenCount(), o.inputTokenCount()),
                    sumOrNull(outputTokenCount(), o.outputTokenCount()),
                    sumOrNull(totalTokenCount(), o.totalTokenCount()),
                    sumOrNull(cachedTokens, o.cachedTokens),
                    sumOrNull(cacheWriteTokens, o.cacheWriteTokens),
                    sumOrNull(reasoningTokens, o.reasoningTokens),
                    sumOrNull(cost, o.cost),
                    sumOrNull(upstreamInferenceCost, o.upstreamInferenceCost),
                    sumOrNull(webSearchRequests, o.webSearchRequests));
        }
        return new OpenRouterTokenUsage(
                sumOrNull(inputTokenCount(), that.inputTokenCount()),
                sumOrNull(outputTokenCount(), that.outputTokenCount()),
                sumOrNull(totalTokenCount(), that.totalTokenCount()),
                cachedTokens, cacheWriteTokens, reasoningTokens, cost, upstreamInferenceCost, webSearchRequests);
    }

    private static Integer sumOrNull(Integer a, Integer b) {
        if (a == null) return b;
        if (b == null) return a;
        return a + b;
    }

    private static BigDecimal sumOrNull(BigDecimal a, BigDecimal b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.add(b);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (o == null || o.getClass() != getClass()) return false;
        OpenRouterTokenUsage that = (OpenRouterTokenUsage) o;
        return Objects.equals(inputTokenCount(), that.inputTokenCount())
                && Objects.equals(outputTokenCount(), that.outputTokenCount())
                && Objects.equals(totalTokenCount(), that.totalTokenCount())
                && Objects.equals(cachedTokens, that.cachedTokens)
                && Objects.equals(cacheWriteTokens, that.cacheWriteTokens)
                && Objects.equals(reasoningTokens, that.reasoningTokens)
                && Objects.equals(webSearchRequests, that.webSearchRequests)
                && compare(cost, that.cost) && compare(upstreamInferenceCost, that.upstreamInferenceCost);
    }

    private static boolean compare(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputTokenCount(), outputTokenCount(), totalTokenCount(), cachedTokens,
                cacheWriteTokens, reasoningTokens,
                cost == null ? null : cost.stripTrailingZeros(),
                upstreamInferenceCost == null ? null : upstreamInferenceCost.stripTrailingZeros());
    }

    @Override
    public String toString() {
        return "OpenRouterTokenUsage{input=" + inputTokenCount() + ", output=" + outputTokenCount()
                + ", total=" + totalTokenCount() + ", cached=" + cachedTokens + ", cacheWrite=" + cacheWriteTokens
                + ", reasoning=" + reasoningTokens
                + (webSearchRequests == null ? "" : ", webSearches=" + webSearchRequests)
                + ", cost=" + (cost == null ? null : cost.toPlainString())
                + (upstreamInferenceCost == null ? "" : ", upstreamInferenceCost=" + upstreamInferenceCost.toPlainString())
                + '}';
    }
}
