package dev.openrouter4j.langchain4j.exception;

import dev.langchain4j.exception.ModelNotFoundException;

import java.util.List;

/**
 * The model id is not known to OpenRouter (its 400 "not a valid model ID" or 404 "No endpoints found"). The message
 * names the model and, when the catalog was at hand, the nearest known ids ({@link #suggestions()}). Use full ids
 * such as {@code openai/gpt-4o-mini}.
 */
public class OpenRouterModelNotFoundException extends ModelNotFoundException implements OpenRouterFailure {

    private final OpenRouterErrorDetails details;
    private final List<String> suggestions;

    public OpenRouterModelNotFoundException(String message, OpenRouterErrorDetails details, List<String> suggestions,
                                            Throwable cause) {
        super(message, cause);
        this.details = details;
        this.suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }

    /** The model id that was not found. */
    public String modelId() {
        return details.modelId();
    }

    /** Known model ids closest to the one asked for; empty when no catalog was available. */
    public List<String> suggestions() {
        return suggestions;
    }

    @Override
    public OpenRouterErrorDetails details() {
        return details;
    }
}
