package dev.openrouter4j.cdi.internal;

import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.openrouter4j.langchain4j.OpenRouterAudioTranscriptionModel;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingModel;
import dev.openrouter4j.langchain4j.OpenRouterImageModel;
import dev.openrouter4j.langchain4j.OpenRouterScoringModel;
import dev.openrouter4j.langchain4j.OpenRouterTextToSpeechModel;

import java.util.List;

/**
 * The kinds of model a deployment can configure, one per {@link OpenRouterCallKind}, each with the word (the call
 * kind's label) that names it in
 * {@code openrouter.models.<name>.kind} and in the default model's prefix ({@code openrouter.<word>.model}), the
 * LangChain4j interface its bean has, the OpenRouter class behind it (which injection points must not ask for) and
 * the keys of its own options.
 */
public enum ModelKind {
    /** {@code ChatModel} and {@code StreamingChatModel}; configured by {@code openrouter.model}. */
    CHAT(OpenRouterCallKind.CHAT, ChatModel.class, null, List.of()),
    /** {@code EmbeddingModel} on {@code POST /embeddings}. */
    EMBEDDING(OpenRouterCallKind.EMBEDDING, EmbeddingModel.class, OpenRouterEmbeddingModel.class, List.of("dimensions", "batch-size")),
    /** {@code ScoringModel} on {@code POST /rerank}. */
    RERANK(OpenRouterCallKind.RERANK, ScoringModel.class, OpenRouterScoringModel.class, List.of("top-n")),
    /** {@code ImageModel} on {@code POST /images}. */
    IMAGE(OpenRouterCallKind.IMAGE, ImageModel.class, OpenRouterImageModel.class, List.of("size", "aspect-ratio", "quality")),
    /** {@code TextToSpeechModel} on {@code POST /audio/speech}. */
    SPEECH(OpenRouterCallKind.SPEECH, TextToSpeechModel.class, OpenRouterTextToSpeechModel.class, List.of("voice", "format", "speed")),
    /** {@code AudioTranscriptionModel} on {@code POST /audio/transcriptions}. */
    TRANSCRIPTION(OpenRouterCallKind.TRANSCRIPTION, AudioTranscriptionModel.class, OpenRouterAudioTranscriptionModel.class,
            List.of("language"));

    /** The kinds that are not chat, in declaration order. */
    public static final List<ModelKind> OTHERS = List.of(EMBEDDING, RERANK, IMAGE, SPEECH, TRANSCRIPTION);

    private final OpenRouterCallKind callKind;
    private final Class<?> type;
    private final Class<?> openRouterClass;
    private final List<String> optionKeys;

    ModelKind(OpenRouterCallKind callKind, Class<?> type, Class<?> openRouterClass, List<String> optionKeys) {
        this.callKind = callKind;
        this.type = type;
        this.openRouterClass = openRouterClass;
        this.optionKeys = optionKeys;
    }

    /** {@code embedding}, {@code rerank}, ...: the value of {@code openrouter.models.<name>.kind}. */
    public String word() {
        return callKind.label();
    }

    /** The library's kind of call, the one vocabulary of the ledger, metrics and reports. */
    public OpenRouterCallKind callKind() {
        return callKind;
    }

    /** The LangChain4j interface of the bean (for chat: {@code ChatModel}; the streaming one goes with it). */
    public Class<?> type() {
        return type;
    }

    /** The OpenRouter class behind the bean, or null for chat (whose classes are checked on their own). */
    public Class<?> openRouterClass() {
        return openRouterClass;
    }

    /** The keys of this kind's own options, e.g. {@code dimensions}. */
    public List<String> optionKeys() {
        return optionKeys;
    }

    /** The prefix of the default model of this kind, e.g. {@code openrouter.embedding.}; chat has none. */
    public String defaultPrefix() {
        return this == CHAT ? SettingsParser.PREFIX : SettingsParser.PREFIX + word() + ".";
    }

    /** {@code an embedding model}, for messages. */
    public String label() {
        String word = word();
        return (word.charAt(0) == 'i' || word.charAt(0) == 'e' ? "an " : "a ") + word + " model";
    }

    /** The words, for messages. */
    public static List<String> words() {
        return java.util.Arrays.stream(values()).map(ModelKind::word).toList();
    }

    /** The kind of a bean type or OpenRouter class, or null when it is not a model kind of this deployment. */
    public static ModelKind ofType(Class<?> t) {
        for (ModelKind k : OTHERS) {
            if (k.type == t) return k;
        }
        return null;
    }

    /** The kind named by a word (case-insensitive), or null. */
    static ModelKind ofWord(String word) {
        OpenRouterCallKind kind;
        try {
            kind = OpenRouterCallKind.fromLabel(word);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (ModelKind k : values()) {
            if (k.callKind == kind) return k;
        }
        return null;
    }
}
