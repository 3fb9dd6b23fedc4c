package dev.openrouter4j.cdi.internal;

import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.langchain4j.OpenRouterAudioTranscriptionModel;
import dev.openrouter4j.langchain4j.OpenRouterCallListener;
import dev.openrouter4j.langchain4j.OpenRouterClientBuilder;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingModel;
import dev.openrouter4j.langchain4j.OpenRouterImageModel;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.langchain4j.OpenRouterScoringModel;
import dev.openrouter4j.langchain4j.OpenRouterTextToSpeechModel;
import dev.openrouter4j.langchain4j.OpenRouterTransport;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the OpenRouter model of an embedding, rerank, image, speech or transcription bean from its settings: the
 * connection options a chat model gets (key, base URL, attribution, timeout, retries, logging, the shared
 * {@link OpenRouterTransport} and the catalog's "did you mean"), then the kind's own options.
 */
final class KindModels {

    private KindModels() {
    }

    /** The OpenRouter model for these settings (each kind's class is {@link AutoCloseable}). */
    static AutoCloseable build(KindModelSettings m, Instance<Object> beans, List<EmbeddingModelListener> listeners,
                               List<OpenRouterCallListener> callListeners) {
        KindModelSettings.Options o = m.options();
        ModelSettings c = m.connection();
        return switch (m.kind()) {
            case EMBEDDING -> {
                OpenRouterEmbeddingModel.Builder b = connect(OpenRouterEmbeddingModel.builder(), m, beans);
                if (o.dimensions() != null) b.dimensions(o.dimensions());
                if (o.batchSize() != null) b.batchSize(o.batchSize());
                if (c.provider() != null) b.provider(c.provider());
                yield b.listeners(listeners).build();
            }
            case RERANK -> {
                OpenRouterScoringModel.Builder b = connect(OpenRouterScoringModel.builder(), m, beans);
                if (o.topN() != null) b.topN(o.topN());
                if (c.provider() != null) b.provider(c.provider());
                yield b.listeners(callListeners).build();
            }
            case IMAGE -> {
                OpenRouterImageModel.Builder b = connect(OpenRouterImageModel.builder(), m, beans);
                if (o.size() != null) b.size(o.size());
                if (o.aspectRatio() != null) b.aspectRatio(o.aspectRatio());
                if (o.quality() != null) b.quality(o.quality());
                yield b.listeners(callListeners).build();
            }
            case SPEECH -> {
                OpenRouterTextToSpeechModel.Builder b = connect(OpenRouterTextToSpeechModel.builder(), m, beans);
                if (o.voice() != null) b.voice(o.voice());
                if (o.format() != null) b.format(o.format());
                if (o.speed() != null) b.speed(o.speed());
                yield b.listeners(callListeners).build();
            }
            case TRANSCRIPTION -> {
                OpenRouterAudioTranscriptionModel.Builder b =
                        connect(OpenRouterAudioTranscriptionModel.builder(), m, beans);
                if (o.language() != null) b.language(o.language());
                yield b.listeners(callListeners).build();
            }
            case CHAT -> throw new IllegalArgumentException("chat models are built by ModelFactory");
        };
    }

    private static <B extends OpenRouterClientBuilder<B>> B connect(B b, KindModelSettings m, Instance<Object> beans) {
        ModelSettings s = m.connection();
        b.apiKey(s.apiKey()).modelName(m.model());
        Instance<OpenRouterTransport> transport = beans.select(OpenRouterTransport.class);
        if (transport.isResolvable()) {
            b.transport(transport.get()); // one HTTP client and its threads for every model of the deployment
        }
        if (s.baseUrl() != null) b.baseUrl(s.baseUrl());
        if (s.appUrl() != null) b.appUrl(s.appUrl());
        if (s.appTitle() != null) b.appTitle(s.appTitle());
        if (s.timeout() != null) b.timeout(s.timeout());
        if (s.maxRetries() != null) b.maxRetries(s.maxRetries());
        if (s.logRequests() != null) b.logRequests(s.logRequests());
        if (s.logResponses() != null) b.logResponses(s.logResponses());
        Instance<OpenRouterModelCatalog> catalog = beans.select(OpenRouterModelCatalog.class);
        if (catalog.isResolvable()) {
            b.catalog(catalog.get());
        }
        return b;
    }

    /** The model guarded by the budget guard: it refuses before sending once a budget is spent, as chat models do. */
    static Object guard(BudgetGuard guard, ModelKind kind, Object model) {
        return switch (kind) {
            case EMBEDDING -> guard.guard((EmbeddingModel) model);
            case RERANK -> guard.guard((ScoringModel) model);
            case IMAGE -> guard.guard((ImageModel) model);
            case SPEECH -> guard.guard((TextToSpeechModel) model);
            case TRANSCRIPTION -> guard.guard((AudioTranscriptionModel) model);
            case CHAT -> throw new IllegalArgumentException("chat models are guarded by ModelFactory");
        };
    }

    /** Every bean of a listener type the application has, with any qualifier, each once, ordered by bean class. */
    static <T> List<T> applicationListeners(Class<T> type, Instance<Object> beans) {
        List<Instance.Handle<T>> handles = new ArrayList<>();
        beans.select(type, Any.Literal.INSTANCE).handles().forEach(handles::add);
        handles.sort(Comparator.comparing(h -> h.getBean().getBeanClass().getName()));
        List<T> out = new ArrayList<>();
        for (Instance.Handle<T> h : handles) {
            T l = h.get();
            if (out.stream().noneMatch(x -> x == l)) {
                out.add(l);
            }
        }
        return out;
    }
}
