package dev.openrouter4j.langchain4j;

import java.math.BigDecimal;

/**
 * The breakdown of a call's cost that OpenRouter reports in {@code usage.cost_details}. For BYOK (bring your own key)
 * calls, {@code upstreamInferenceCost} is what the provider charged to your key, on top of OpenRouter's fee
 * ({@code usage.cost}). Each part is null when not reported.
 *
 * @param upstreamInferenceCost            the upstream's whole charge (BYOK), or null
 * @param upstreamInferencePromptCost      the upstream's charge for the prompt, or null
 * @param upstreamInferenceCompletionsCost the upstream's charge for the completion, or null
 */
public record CostDetails(BigDecimal upstreamInferenceCost, BigDecimal upstreamInferencePromptCost,
                          BigDecimal upstreamInferenceCompletionsCost) {
}
