package dev.openrouter4j.langchain4j.internal.endpoint;

import dev.openrouter4j.langchain4j.OpenRouterCallListener;
import dev.openrouter4j.langchain4j.OpenRouterCallRequest;
import dev.openrouter4j.langchain4j.OpenRouterCallResponse;
import dev.openrouter4j.langchain4j.logging.Log;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls the {@link OpenRouterCallListener}s of a non-chat model around one call: {@code onRequest} before, then
 * exactly one of {@code onResponse} or {@code onError}; a throwing listener (or a failing description of the answer) is
 * logged and ignored, so the caller gets exactly what the call returned or threw. Immutable; thread-safe.
 */
public final class CallListeners {

    private static final Log LOG = Log.of(CallListeners.class);

    private final List<OpenRouterCallListener> listeners;

    public CallListeners(List<OpenRouterCallListener> listeners) {
        this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }

    public List<OpenRouterCallListener> listeners() {
        return listeners;
    }

    /** Runs {@code call} between the listeners; {@code describe} turns its result into what they are told. */
    public <T> T around(OpenRouterCallRequest request, Supplier<T> call, Function<T, OpenRouterCallResponse> describe) {
        if (listeners.isEmpty()) {
            return call.get();
        }
        for (OpenRouterCallListener l : listeners) {
            try {
                l.onRequest(request);
            } catch (RuntimeException e) {
                LOG.warn("An OpenRouterCallListener failed in onRequest; ignored", e);
            }
        }
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            for (OpenRouterCallListener l : listeners) {
                try {
                    l.onError(request, e);
                } catch (RuntimeException listenerFailure) {
                    LOG.warn("An OpenRouterCallListener failed in onError; ignored", listenerFailure);
                }
            }
            throw e;
        }
        OpenRouterCallResponse response;
        try {
            response = describe.apply(result);
        } catch (RuntimeException e) {
            LOG.warn("Could not describe the answer of {} for the listeners; they get no usage", request, e);
            response = new OpenRouterCallResponse(request.modelName(), null, null, null, null);
        }
        for (OpenRouterCallListener l : listeners) {
            try {
                l.onResponse(request, response);
            } catch (RuntimeException e) {
                LOG.warn("An OpenRouterCallListener failed in onResponse; ignored", e);
            }
        }
        return result;
    }
}
