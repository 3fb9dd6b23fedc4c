package dev.openrouter4j.langchain4j;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One model of OpenRouter's catalog ({@code GET /models}) with the fields a caller needs to pick and validate a model:
 * its id and canonical (dated) slug, limits, supported request parameters, modalities and exact prices.
 * <p>
 * LangChain4j's {@link dev.langchain4j.model.catalog.ModelDescription} has no room for prices, parameters or
 * modalities, hence this richer, immutable value; {@link OpenRouterModelCatalog#models()} returns them. Every field
 * except {@code id} may be null when OpenRouter did not send it; lists are never null.
 *
 * @param id                  the model id to send, e.g. {@code openai/gpt-4o-mini} or {@code meta-llama/llama-3.3-70b-instruct:free}
 * @param canonicalSlug       the permanent, usually dated slug, e.g. {@code openai/gpt-4o-mini-2024-07-18}; responses
 *                            name the model this way
 * @param name                the display name, e.g. {@code OpenAI: GPT-4o-mini}
 * @param description         OpenRouter's description (Markdown)
 * @param created             when OpenRouter added the model
 * @param contextLength       the context window in tokens
 * @param maxCompletionTokens the largest output of the top provider ({@code top_provider.max_completion_tokens})
 * @param supportedParameters request parameters the model accepts, e.g. {@code tools}, {@code reasoning}
 * @param inputModalities     e.g. {@code text}, {@code image}, {@code file}, {@code audio}
 * @param outputModalities    e.g. {@code text}, {@code image}, {@code embeddings}
 * @param pricing             prices in USD per token; never null, but its fields may be
 */
public record OpenRouterModelInfo(
        String id,
        String canonicalSlug,
        String name,
        String description,
        Instant created,
        Integer contextLength,
        Integer maxCompletionTokens,
        List<String> supportedParameters,
        List<String> inputModalities,
        List<String> outputModalities,
        OpenRouterModelPricing pricing) {

    public OpenRouterModelInfo {
        Objects.requireNonNull(id, "id");
        supportedParameters = copy(supportedParameters);
        inputModalities = copy(inputModalities);
        outputModalities = copy(outputModalities);
        pricing = pricing == null ? OpenRouterModelPricing.unknown() : pricing;
    }

    /** True when the model lists the request parameter (e.g. {@code "tools"}, {@code "response_format"}). */
    public boolean supports(String parameter) {
        return parameter != null && supportedParameters.contains(parameter);
    }

    /**
     * The author part of the id, before the slash ({@code anthropic} for {@code anthropic/claude-sonnet-4.5}),
     * without the {@code ~} of alias ids; null when the id has no slash.
     */
    public String author() {
        int slash = id.indexOf('/');
        if (slash <= 0) return null;
        String a = id.substring(0, slash);
        return a.startsWith("~") ? a.substring(1) : a;
    }

    private static List<String> copy(List<String> list) {
        if (list == null || list.isEmpty()) return List.of();
        return list.stream().filter(Objects::nonNull).toList();
    }
}
