package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.logging.Log;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.openrouter4j.cost.CostCallListener;
import dev.openrouter4j.cost.CostEmbeddingListener;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.langchain4j.OpenRouterCache;
import dev.openrouter4j.langchain4j.OpenRouterCallListener;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.ResponseCache;
import dev.openrouter4j.langchain4j.OpenRouterModelBuilder;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.OpenRouterTransport;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the produced models from their settings and the application's beans (listeners, catalog, cost wiring,
 * budget guard), and closes them when their beans are destroyed. A model guarded by a {@link BudgetGuard} is a
 * decorator; the OpenRouter model under it is remembered and closed with it.
 */
public final class ModelFactory {

    private static final Log LOG = Log.of(ModelFactory.class);

    private final boolean costEnabled;
    private final Map<Object, AutoCloseable> underlying = Collections.synchronizedMap(new IdentityHashMap<>());

    private volatile OpenRouterCache openRouterCache;

    public ModelFactory(boolean costEnabled) {
        this.costEnabled = costEnabled;
    }

    /** OpenRouter's own response cache for every model made here (null: off). */
    public void openRouterCache(OpenRouterCache openRouterCache) {
        this.openRouterCache = openRouterCache;
    }

    /** The {@code ChatModel} bean instance for these settings. */
    public ChatModel chatModel(ModelSettings s, Instance<Object> beans) {
        OpenRouterChatModel model = configure(OpenRouterChatModel.builder(), s, beans).build();
        Instance<BudgetGuard> guard = beans.select(BudgetGuard.class);
        if (!guard.isResolvable()) {
            return model;
        }
        ChatModel guarded = guard.get().guard(model);
        underlying.put(guarded, model);
        return guarded;
    }

    /** The {@code StreamingChatModel} bean instance for these settings. */
    public StreamingChatModel streamingChatModel(ModelSettings s, Instance<Object> beans) {
        OpenRouterStreamingChatModel model = configure(OpenRouterStreamingChatModel.builder(), s, beans).build();
        Instance<BudgetGuard> guard = beans.select(BudgetGuard.class);
        if (!guard.isResolvable()) {
            return model;
        }
        StreamingChatModel guarded = guard.get().guard(model);
        underlying.put(guarded, model);
        return guarded;
    }

    /**
     * The bean instance of an embedding, rerank, image, speech or transcription model: the OpenRouter model, with
     * every {@code EmbeddingModelListener} bean of the application attached to an embedding model and every
     * {@code OpenRouterCallListener} bean to the others.
     */
    public Object kindModel(KindModelSettings s, Instance<Object> beans) {
        CostWiring wiring = costWiring(beans);
        List<EmbeddingModelListener> listeners = List.of();
        List<OpenRouterCallListener> callListeners = List.of();
        if (s.kind() == ModelKind.EMBEDDING) {
            listeners = withCost(KindModels.applicationListeners(EmbeddingModelListener.class, beans),
                    wiring == null ? null : wiring.embeddingListener(),
                    l -> l instanceof CostEmbeddingListener c && c.ledger() == wiring.ledger());
        } else {
            callListeners = withCost(KindModels.applicationListeners(OpenRouterCallListener.class, beans),
                    wiring == null ? null : wiring.callListener(),
                    l -> l instanceof CostCallListener c && c.ledger() == wiring.ledger());
        }
        AutoCloseable model = KindModels.build(s, beans, listeners, callListeners);
        Instance<BudgetGuard> guard = beans.select(BudgetGuard.class);
        Object guarded = guard.isResolvable() ? KindModels.guard(guard.get(), s.kind(), model) : model;
        if (guarded != model) {
            underlying.put(guarded, model);
        }
        return guarded;
    }

    /**
     * The library's cost listener first, then the application's listeners, unless one of them already records into
     * the same ledger.
     */
    private static <L> List<L> withCost(List<L> application, L cost, java.util.function.Predicate<L> sameLedger) {
        if (cost == null || application.stream().anyMatch(sameLedger)) {
            return application;
        }
        List<L> out = new ArrayList<>(application.size() + 1);
        out.add(cost);
        out.addAll(application);
        return List.copyOf(out);
    }

    private CostWiring costWiring(Instance<Object> beans) {
        if (!costEnabled) return null;
        Instance<CostWiring> w = beans.select(CostWiring.class);
        return w.isResolvable() ? w.get() : null;
    }

    /** Closes a bean instance made here (or the model under it). */
    public void dispose(Object instance) {
        AutoCloseable c = underlying.remove(instance);
        if (c == null && instance instanceof AutoCloseable a) {
            c = a;
        }
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing an OpenRouter model failed", e);
            }
        }
    }

    private <B extends OpenRouterModelBuilder<B>> B configure(B b, ModelSettings s, Instance<Object> beans) {
        b.apiKey(s.apiKey()).modelName(s.model());
        Instance<OpenRouterTransport> transport = beans.select(OpenRouterTransport.class);
        if (transport.isResolvable()) {
            b.transport(transport.get()); // every model of the deployment shares one HTTP client and its threads
        }
        if (s.baseUrl() != null) b.baseUrl(s.baseUrl());
        if (s.appUrl() != null) b.appUrl(s.appUrl());
        if (s.appTitle() != null) b.appTitle(s.appTitle());
        if (s.timeout() != null) b.timeout(s.timeout());
        if (s.maxRetries() != null) b.maxRetries(s.maxRetries());
        if (s.logRequests() != null) b.logRequests(s.logRequests());
        if (s.logResponses() != null) b.logResponses(s.logResponses());
        if (s.returnThinking() != null) b.returnThinking(s.returnThinking());
        if (s.temperature() != null) b.temperature(s.temperature());
        if (s.topP() != null) b.topP(s.topP());
        if (s.maxTokens() != null) b.maxTokens(s.maxTokens());
        if (s.fallbackModels() != null && !s.fallbackModels().isEmpty()) b.fallbackModels(s.fallbackModels());
        if (s.provider() != null) b.provider(s.provider());
        if (s.reasoning() != null) b.reasoning(s.reasoning());
        Instance<OpenRouterModelCatalog> catalog = beans.select(OpenRouterModelCatalog.class);
        if (catalog.isResolvable()) {
            b.catalog(catalog.get()); // "did you mean" for unknown model ids; fetched only on such an error
        }
        b.listeners(listeners(beans));
        if (openRouterCache != null) {
            b.openRouterCache(openRouterCache);
        }
        Instance<ResponseCache> cache = beans.select(ResponseCache.class);
        if (cache.isResolvable()) {
            b.responseCache(cache.get()); // the client-side cache: openrouter.cache.enabled, or the application's
        }
        return b;
    }

    /**
     * The library's cost listener (unless an application listener already records into the same ledger), then every
     * {@code ChatModelListener} bean of the application, each once, ordered by bean class for a stable order.
     */
    List<ChatModelListener> listeners(Instance<Object> beans) {
        CostWiring wiring = costWiring(beans);
        return withCost(KindModels.applicationListeners(ChatModelListener.class, beans),
                wiring == null ? null : wiring.listener(),
                l -> l instanceof CostListener c && c.ledger() == wiring.ledger());
    }
}
