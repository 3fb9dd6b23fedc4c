package dev.openrouter4j.langchain4j;

import java.math.BigDecimal;

/**
 * What a non-chat call used, in the units OpenRouter bills it by: tokens, images, rerank search units, characters of
 * text to speak, seconds of audio. Every part is null when not known (never zero for "unknown").
 * <p>
 * It exists because an image, a rerank or a speech call is not priced per token like chat, so a cost ledger or a
 * budget needs the count its price multiplies. On an {@link OpenRouterCallRequest} it holds what the request asks for
 * (images requested, characters sent); on an {@link OpenRouterCallResponse}, what OpenRouter reported or, where a
 * response reports nothing (speech), what was sent.
 *
 * @param inputTokens  prompt / input tokens, or null
 * @param outputTokens completion / output tokens, or null
 * @param totalTokens  total tokens, or null
 * @param images       images generated (or requested), or null
 * @param searchUnits  rerank search units, or null
 * @param characters   characters of text (speech input; a request's text), or null
 * @param seconds      seconds of audio, exact as reported, or null
 */
public record OpenRouterCallUsage(Integer inputTokens, Integer outputTokens, Integer totalTokens, Integer images,
                                  Integer searchUnits, Integer characters, BigDecimal seconds) {

    private static final OpenRouterCallUsage NONE = new OpenRouterCallUsage(null, null, null, null, null, null, null);

    /** A usage with every part unknown. */
    public static OpenRouterCallUsage none() {
        return NONE;
    }

    /** A usage of {@code input} and {@code output} tokens (either may be null); total is their sum when both known. */
    public static OpenRouterCallUsage tokens(Integer input, Integer output, Integer total) {
        Integer t = total != null ? total : input != null && output != null ? input + output : null;
        return new OpenRouterCallUsage(input, output, t, null, null, null, null);
    }

    /** This usage with the image count. */
    public OpenRouterCallUsage withImages(Integer images) {
        return new OpenRouterCallUsage(inputTokens, outputTokens, totalTokens, images, searchUnits, characters, seconds);
    }

    /** This usage with the search units. */
    public OpenRouterCallUsage withSearchUnits(Integer searchUnits) {
        return new OpenRouterCallUsage(inputTokens, outputTokens, totalTokens, images, searchUnits, characters, seconds);
    }

    /** This usage with the character count. */
    public OpenRouterCallUsage withCharacters(Integer characters) {
        return new OpenRouterCallUsage(inputTokens, outputTokens, totalTokens, images, searchUnits, characters, seconds);
    }

    /** This usage with the seconds of audio. */
    public OpenRouterCallUsage withSeconds(BigDecimal seconds) {
        return new OpenRouterCallUsage(inputTokens, outputTokens, totalTokens, images, searchUnits, characters, seconds);
    }
}
