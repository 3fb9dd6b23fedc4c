package dev.openrouter4j.langchain4j.internal;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.openrouter4j.langchain4j.OpenRouterChatRequestParameters;
import dev.openrouter4j.langchain4j.internal.cache.CacheEngine;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.http.ApiClient;
import dev.openrouter4j.langchain4j.internal.request.RequestBodyWriter;
import dev.openrouter4j.langchain4j.internal.util.Secrets;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What the sync and the streaming model share: the transport, the body writer, the default parameters, listeners,
 * capabilities and the error mapping. The public model classes are thin shells around it.
 */
public final class ModelCore implements AutoCloseable {

    private final ApiClient client;
    private final RequestBodyWriter writer;
    private final OpenRouterChatRequestParameters defaults;
    private final List<ChatModelListener> listeners;
    private final Set<Capability> capabilities;
    private final boolean returnThinking;
    private final Function<String, List<String>> suggester;
    private CacheEngine responseCache;

    public ModelCore(ApiClient client, OpenRouterChatRequestParameters defaults,
                     List<ChatModelListener> listeners, Set<Capability> capabilities, boolean returnThinking,
                     boolean strictTools, boolean strictJsonSchema, Function<String, List<String>> suggester) {
        this.client = client;
        this.writer = new RequestBodyWriter(strictTools, strictJsonSchema);
        this.defaults = defaults;
        this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
        this.capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        this.returnThinking = returnThinking;
        this.suggester = suggester;
    }

    /** Set once, by the builder, before the model is published. */
    public void responseCache(CacheEngine responseCache) {
        this.responseCache = responseCache;
    }

    /** The client cache's engine, or null when the model has none. */
    public CacheEngine responseCache() {
        return responseCache;
    }

    /** The HTTP side: every call of the model goes through it. */
    public ApiClient client() {
        return client;
    }

    public RequestBodyWriter writer() {
        return writer;
    }

    public OpenRouterChatRequestParameters defaults() {
        return defaults;
    }

    public List<ChatModelListener> listeners() {
        return listeners;
    }

    public Set<Capability> capabilities() {
        return capabilities;
    }

    public boolean returnThinking() {
        return returnThinking;
    }

    /** The request's parameters as OpenRouter parameters (plain ones are lifted, keeping every field). */
    public OpenRouterChatRequestParameters parameters(ChatRequestParameters p) {
        if (p instanceof OpenRouterChatRequestParameters o) {
            return o;
        }
        return defaults.overrideWith(p);
    }

    /** An error mapper for a call to this model id. */
    public ErrorMapper errors(String modelId) {
        return new ErrorMapper(modelId, suggester, client.settings().apiKey());
    }

    /** A description that never shows the key. */
    public String describe(String className) {
        return className + "{baseUrl=" + client.settings().baseUrl() + ", modelName=" + defaults.modelName()
                + ", apiKey=" + Secrets.mask(client.settings().apiKey()) + ", timeout="
                + client.settings().timeout() + ", maxRetries=" + client.settings().maxRetries() + '}';
    }

    @Override
    public void close() {
        client.close();
    }
}
