package dev.openrouter4j.cost;

import dev.openrouter4j.cost.internal.Decimals;

import java.math.BigDecimal;

/**
 * The price arithmetic, in one place and exact ({@link BigDecimal}, no rounding):
 * <pre>
 * cost = uncachedInput·prompt + cacheRead·(inputCacheRead ?? prompt) + cacheWrite·(inputCacheWrite ?? prompt)
 *      + textOutput·completion + reasoning·(internalReasoning ?? completion)
 *      + requests·(request ?? 0) + webSearches·(webSearch ?? 0)
 * </pre>
 * where the token groups come from {@link TokenCounts} and never overlap. The result is {@code null} (unknown) when
 * there is no price, when the prompt or completion price is missing, or when a price that is needed is OpenRouter's
 * dynamic {@code -1}. It is never zero by default.
 */
public final class CostCalculator {

    private CostCalculator() {
    }

    /** The cost of the tokens at the price, or null when it cannot be known. */
    public static BigDecimal cost(ModelPrice price, TokenCounts tokens) {
        if (price == null || tokens == null || price.prompt() == null || price.completion() == null) {
            return null;
        }
        BigDecimal prompt = price.prompt();
        BigDecimal completion = price.completion();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal part;

        if ((part = times(tokens.uncachedInput(), prompt)) == null) return null;
        total = total.add(part);
        if ((part = times(tokens.billedCacheRead(), orElse(price.inputCacheRead(), prompt))) == null) return null;
        total = total.add(part);
        if ((part = times(tokens.billedCacheWrite(), orElse(price.inputCacheWrite(), prompt))) == null) return null;
        total = total.add(part);
        if ((part = times(tokens.textOutput(), completion)) == null) return null;
        total = total.add(part);
        if ((part = times(tokens.billedReasoning(), orElse(price.internalReasoning(), completion))) == null) return null;
        total = total.add(part);
        if ((part = times(tokens.requests(), orElse(price.request(), BigDecimal.ZERO))) == null) return null;
        total = total.add(part);
        if ((part = times(tokens.webSearches(), orElse(price.webSearch(), BigDecimal.ZERO))) == null) return null;
        total = total.add(part);
        return Decimals.normalize(total);
    }

    /** {@code count × price}; zero when nothing is counted; null when a counted price is dynamic. */
    private static BigDecimal times(long count, BigDecimal price) {
        if (count == 0) {
            return BigDecimal.ZERO;
        }
        if (price.signum() < 0) {
            return null;
        }
        return price.multiply(BigDecimal.valueOf(count));
    }

    private static BigDecimal orElse(BigDecimal v, BigDecimal fallback) {
        return v != null ? v : fallback;
    }
}
