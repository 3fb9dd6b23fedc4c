package dev.openrouter4j.langchain4j.internal.stream;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.logging.Log;

import java.util.List;
import java.util.Map;

/**
 * Calls the {@link ChatModelListener}s of one call, as LangChain4j does (same contexts, same shared attributes, a
 * throwing listener logged and ignored), but under the library's control, so that a cancelled stream still reaches
 * the listeners while the caller's handler hears nothing more.
 */
public final class ListenerNotifier {

    private static final Log LOG = Log.of(ListenerNotifier.class);

    private final List<ChatModelListener> listeners;
    private final ChatRequest request;
    private final ModelProvider provider;
    private final Map<Object, Object> attributes;

    public ListenerNotifier(List<ChatModelListener> listeners, ChatRequest request, ModelProvider provider,
                            Map<Object, Object> attributes) {
        this.listeners = listeners == null ? List.of() : listeners;
        this.request = request;
        this.provider = provider;
        this.attributes = attributes;
    }

    public void onRequest() {
        if (listeners.isEmpty()) return;
        ChatModelRequestContext ctx = new ChatModelRequestContext(request, provider, attributes);
        for (ChatModelListener l : listeners) {
            try {
                l.onRequest(ctx);
            } catch (Exception e) {
                LOG.warn("A ChatModelListener failed in onRequest; ignored", e);
            }
        }
    }

    public void onResponse(ChatResponse response) {
        if (listeners.isEmpty()) return;
        ChatModelResponseContext ctx = new ChatModelResponseContext(response, request, provider, attributes);
        for (ChatModelListener l : listeners) {
            try {
                l.onResponse(ctx);
            } catch (Exception e) {
                LOG.warn("A ChatModelListener failed in onResponse; ignored", e);
            }
        }
    }

    public void onError(Throwable error) {
        if (listeners.isEmpty()) return;
        ChatModelErrorContext ctx = new ChatModelErrorContext(error, request, provider, attributes);
        for (ChatModelListener l : listeners) {
            try {
                l.onError(ctx);
            } catch (Exception e) {
                LOG.warn("A ChatModelListener failed in onError; ignored", e);
            }
        }
    }
}
