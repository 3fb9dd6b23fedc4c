package dev.openrouter4j.langchain4j;

import java.math.BigDecimal;

/**
 * A transcription with what LangChain4j's {@code AudioTranscriptionResponse} cannot carry: the token usage, the
 * seconds of audio billed, and the cost, as {@code /audio/transcriptions} reports them.
 *
 * @param text     the transcript
 * @param language the detected or forced language when OpenRouter reports it (verbose answers), else null
 * @param seconds  the duration of the audio in seconds, or null
 * @param usage    input and output tokens with the cost, or null
 */
public record OpenRouterTranscription(String text, String language, Double seconds, OpenRouterTokenUsage usage) {

    /** What the transcription cost in USD, or null when not reported. */
    public BigDecimal cost() {
        return usage == null ? null : usage.cost();
    }
}
