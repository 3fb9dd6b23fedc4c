package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.openrouter4j.langchain4j.internal.ModelCore;

import java.util.List;
import java.util.Set;

/**
 * What {@link OpenRouterChatModel} and {@link OpenRouterStreamingChatModel} have in common: their default request
 * parameters, listeners, capabilities, provider and lifecycle. Not meant to be extended outside this package's models.
 */
public abstract class AbstractOpenRouterModel implements AutoCloseable {

    final ModelCore core;

    AbstractOpenRouterModel(ModelCore core) {
        this.core = core;
    }

    /** The parameters every request starts from; a request's own parameters override them key by key. */
    public OpenRouterChatRequestParameters defaultRequestParameters() {
        return core.defaults();
    }

    public List<ChatModelListener> listeners() {
        return core.listeners();
    }

    /** {@code OTHER}: LangChain4j's provider enum has no OpenRouter value. */
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    public Set<Capability> supportedCapabilities() {
        return core.capabilities();
    }

    /** Releases the model's threads (and, on Java 21+, its connections); open streams fail. */
    @Override
    public void close() {
        core.close();
    }

    /** Describes the model; never shows the key. */
    @Override
    public String toString() {
        return core.describe(getClass().getSimpleName());
    }
}
