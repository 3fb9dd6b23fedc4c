package dev.openrouter4j.cost.reconcile;

import dev.openrouter4j.langchain4j.OpenRouterAccountClient;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient.GenerationInfo;

import java.util.Optional;

/**
 * Finds what OpenRouter recorded for a generation. It exists so that {@link CostReconciler} can be driven by the
 * core's {@link OpenRouterAccountClient} ({@link #of(OpenRouterAccountClient)}, which retries while OpenRouter still
 * answers 404) or by anything else that knows generations (a batch export, a test double).
 */
@FunctionalInterface
public interface GenerationLookup {

    /**
     * The generation's record, or empty when OpenRouter does not (yet) know it.
     *
     * @throws RuntimeException when the lookup failed for another reason (network, authentication)
     */
    Optional<GenerationInfo> find(String generationId);

    /** Looks generations up through the account client ({@code GET /generation}, retrying while 404). */
    static GenerationLookup of(OpenRouterAccountClient client) {
        return client::findGeneration;
    }
}
