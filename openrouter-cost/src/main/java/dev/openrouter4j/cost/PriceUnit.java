package dev.openrouter4j.cost;

/**
 * The units beyond tokens that OpenRouter prices non-chat calls by, one per {@link UnitPrice}: an image generated, a
 * rerank search unit (one query over up to 100 documents), a character of text spoken, a second of audio
 * transcribed. Tokens (chat, embeddings, token-priced image and audio models) are priced by {@link ModelPrice}.
 */
public enum PriceUnit {
    /** Per image generated (image models). */
    IMAGE,
    /** Per rerank search unit (rerank models). */
    SEARCH_UNIT,
    /** Per character of input text (text-to-speech models). */
    CHARACTER,
    /** Per second of audio (transcription models). */
    SECOND
}
