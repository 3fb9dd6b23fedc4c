package dev.openrouter4j.langchain4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of call the library makes to OpenRouter, one per endpoint family: {@code chat}
 * ({@code /chat/completions}), {@code embedding} ({@code /embeddings}), {@code rerank} ({@code /rerank}),
 * {@code image} ({@code /images}), {@code speech} ({@code /audio/speech}) and {@code transcription}
 * ({@code /audio/transcriptions}).
 * <p>
 * It exists so that every module speaks of a call's kind with the same words: the cost ledger records it, reports and
 * metrics group by it, CDI configuration ({@code openrouter.models.<name>.kind=embedding}) and the samples name it.
 * Use {@link #label()} (lower case, stable) wherever a kind is written down, and {@link #fromLabel(String)} to read
 * it back; never copy the strings.
 */
public enum OpenRouterCallKind {

    /** A chat completion, streamed or not. */
    CHAT("chat"),
    /** An embedding of texts or images. */
    EMBEDDING("embedding"),
    /** A rerank (scoring) of documents against a query. */
    RERANK("rerank"),
    /** An image generation or edit. */
    IMAGE("image"),
    /** Text to speech. */
    SPEECH("speech"),
    /** Speech to text. */
    TRANSCRIPTION("transcription");

    private final String label;

    OpenRouterCallKind(String label) {
        this.label = label;
    }

    /** The kind's stable lower-case name ({@code chat}, {@code embedding}, ...), as stored, configured and shown. */
    public String label() {
        return label;
    }

    /**
     * The kind named {@code label} (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the allowed labels when {@code label} is none of them
     */
    public static OpenRouterCallKind fromLabel(String label) {
        if (label != null) {
            String l = label.strip().toLowerCase(Locale.ROOT);
            for (OpenRouterCallKind k : values()) {
                if (k.label.equals(l)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown call kind '" + label + "'; expected one of "
                + Arrays.stream(values()).map(OpenRouterCallKind::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
