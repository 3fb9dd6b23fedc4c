package dev.openrouter4j.langchain4j;

import java.math.BigDecimal;

/**
 * What OpenRouter answered to a non-chat call, as its {@link OpenRouterCallListener}s see it: the model and provider
 * that served it, the generation id, the usage in the call's billing units, and the cost OpenRouter reported.
 *
 * @param modelName    the model that answered as OpenRouter reports it, else the one requested
 * @param provider     the provider that served the call (e.g. {@code Cohere}), or null when not reported
 * @param generationId OpenRouter's generation id ({@code gen-...}), or null when not reported
 * @param usage        tokens, images, search units, characters, seconds; never null (parts may be)
 * @param cost         what OpenRouter charged in USD, exactly as reported, or null when it reported no cost
 *                     (never zero for "unknown")
 */
public record OpenRouterCallResponse(String modelName, String provider, String generationId,
                                     OpenRouterCallUsage usage, BigDecimal cost) {

    public OpenRouterCallResponse {
        if (usage == null) usage = OpenRouterCallUsage.none();
    }
}
