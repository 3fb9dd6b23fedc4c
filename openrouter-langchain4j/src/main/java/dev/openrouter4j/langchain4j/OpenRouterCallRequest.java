package dev.openrouter4j.langchain4j;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One call of a non-chat model as its {@link OpenRouterCallListener}s see it: its {@link OpenRouterCallKind}, the
 * model requested, what the request asks for, and attributes the listeners share for the call.
 * <p>
 * The same instance reaches {@code onRequest} and then {@code onResponse} or {@code onError}, so a listener keeps
 * per-call state in {@link #attributes()} as a {@code ChatModelListener} does in its context's attributes. Keys
 * starting with {@link OpenRouterListenerAttributes#LIBRARY_PREFIX} are the library's.
 */
public final class OpenRouterCallRequest {

    private final OpenRouterCallKind kind;
    private final String modelName;
    private final int inputCount;
    private final OpenRouterCallUsage requested;
    private final Map<Object, Object> attributes = new ConcurrentHashMap<>();

    /**
     * @param kind       the call's kind
     * @param modelName  the model id requested
     * @param inputCount how many inputs the request carries: documents to rerank, texts to embed, images asked for,
     *                   1 for a speech or transcription
     * @param requested  what the request asks for in billing units (images, characters of text sent), never null
     */
    public OpenRouterCallRequest(OpenRouterCallKind kind, String modelName, int inputCount,
                                 OpenRouterCallUsage requested) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.inputCount = inputCount;
        this.requested = requested == null ? OpenRouterCallUsage.none() : requested;
    }

    public OpenRouterCallKind kind() {
        return kind;
    }

    /** The model id the call asked for (the one that answered is in the response). */
    public String modelName() {
        return modelName;
    }

    /** Documents to rerank, images asked for, or 1. */
    public int inputCount() {
        return inputCount;
    }

    /** What the request asks for: {@code images} for an image call, {@code characters} of the text sent. */
    public OpenRouterCallUsage requested() {
        return requested;
    }

    /** Mutable, thread-safe attributes shared by the listeners of this call (no null keys or values). */
    public Map<Object, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "OpenRouterCallRequest{kind=" + kind + ", modelName=" + modelName + ", inputCount=" + inputCount
                + ", requested=" + requested + '}';
    }
}
