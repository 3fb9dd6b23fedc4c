package dev.openrouter4j.langchain4j;

import java.math.BigDecimal;

/**
 * What a model costs on OpenRouter, in USD per token (per request, per image, per web search for the matching
 * fields), exactly as the {@code pricing} object of {@code GET /models} states it.
 * <p>
 * It exists because OpenRouter sends prices as decimal strings such as {@code "0.00000015"}: they are parsed into
 * {@link BigDecimal} from that text, never through a {@code double}, so sums over many calls stay exact. A key that
 * the response does not carry is {@code null} (not zero). Router and alias models such as {@code openrouter/auto}
 * are priced {@code "-1"}, which is kept as {@code -1} and means "decided per call" ({@link #isDynamic()}); never
 * multiply such a price by a token count.
 *
 * @param prompt            USD per input token, or null
 * @param completion        USD per output token, or null
 * @param request           USD per request, or null
 * @param image             USD per input image, or null
 * @param webSearch         USD per web search, or null
 * @param internalReasoning USD per reasoning token, or null
 * @param inputCacheRead    USD per input token read from the prompt cache, or null
 * @param inputCacheWrite   USD per input token written to the prompt cache, or null
 */
public record OpenRouterModelPricing(
        BigDecimal prompt,
        BigDecimal completion,
        BigDecimal request,
        BigDecimal image,
        BigDecimal webSearch,
        BigDecimal internalReasoning,
        BigDecimal inputCacheRead,
        BigDecimal inputCacheWrite) {

    private static final OpenRouterModelPricing UNKNOWN =
            new OpenRouterModelPricing(null, null, null, null, null, null, null, null);

    /** A pricing with every price unknown (null), for a model whose response carried no {@code pricing}. */
    public static OpenRouterModelPricing unknown() {
        return UNKNOWN;
    }

    /**
     * True when the prompt or completion price is negative: OpenRouter's {@code "-1"} sentinel of router and alias
     * models, whose real price depends on the model each call is routed to.
     */
    public boolean isDynamic() {
        return isNegative(prompt) || isNegative(completion);
    }

    /** True when both the prompt and the completion price are known and zero (e.g. {@code :free} variants). */
    public boolean isFree() {
        return prompt != null && completion != null && prompt.signum() == 0 && completion.signum() == 0;
    }

    private static boolean isNegative(BigDecimal price) {
        return price != null && price.signum() < 0;
    }
}
