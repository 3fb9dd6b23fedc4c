package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.ProviderPreferences;
import dev.openrouter4j.langchain4j.Reasoning;

import java.time.Duration;
import java.util.List;

/**
 * The parsed settings of one model: the default one ({@link #name()} null) or a named one, with the defaults it
 * inherits already applied. Unset options are null (the builder's defaults apply). {@link #toString()} masks the key.
 *
 * @param name           the model's name, or null for the default model
 * @param apiKey         the key, or null when neither the model nor the defaults set one
 * @param apiKeyProperty the property the key came from, or null when no key is set (set but malformed: the
 *                       property, with a null key)
 * @param model          the model id, e.g. {@code openai/gpt-4o-mini}, or null
 */
public record ModelSettings(
        String name,
        String apiKey,
        String apiKeyProperty,
        String baseUrl,
        String model,
        String appUrl,
        String appTitle,
        Duration timeout,
        Integer maxRetries,
        Boolean logRequests,
        Boolean logResponses,
        Boolean returnThinking,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> fallbackModels,
        ProviderPreferences provider,
        Reasoning reasoning) {

    /** True for the model configured by {@code openrouter.model}. */
    public boolean isDefault() {
        return name == null;
    }

    /** {@code the default model} or {@code model 'fast'}, for messages. */
    public String label() {
        return name == null ? "the default model" : "model '" + name + "'";
    }

    @Override
    public String toString() {
        return "ModelSettings{" + (name == null ? "default" : name) + ", model=" + model + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "not set" : "****") + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + ", temperature=" + temperature + ", topP=" + topP
                + ", maxTokens=" + maxTokens + ", fallbackModels=" + fallbackModels + ", provider=" + provider
                + ", reasoning=" + reasoning + '}';
    }
}
