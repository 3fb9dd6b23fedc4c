package dev.openrouter4j.langchain4j;

import java.util.List;

/**
 * How much the model may think before it answers (the request's {@code reasoning} object).
 * Send an {@code effort} (OpenAI, Grok style) or a {@code maxTokens} budget (Anthropic, Gemini), not both.
 * {@code exclude} keeps reasoning on but leaves its text out of the response.
 *
 * @param effort    {@code max}, {@code xhigh}, {@code high}, {@code medium}, {@code low}, {@code minimal} or
 *                  {@code none}; or null
 * @param maxTokens a token budget for reasoning, or null
 * @param exclude   true to leave the reasoning text out of the response, or null
 * @param enabled   true to turn reasoning on at the model's default effort, false to turn it off, or null
 */
public record Reasoning(String effort, Integer maxTokens, Boolean exclude, Boolean enabled) {

    /** The efforts OpenRouter accepts, strongest first; other modules (CDI) validate against this list. */
    public static final List<String> EFFORTS = List.of("max", "xhigh", "high", "medium", "low", "minimal", "none");

    public Reasoning {
        if (effort != null && !EFFORTS.contains(effort)) {
            throw new IllegalArgumentException("reasoning.effort must be one of " + EFFORTS + ", not \"" + effort + "\"");
        }
        if (effort != null && maxTokens != null) {
            throw new IllegalArgumentException("reasoning: set effort or max_tokens, not both");
        }
        if (maxTokens != null && maxTokens < 0) {
            throw new IllegalArgumentException("reasoning.max_tokens must not be negative, was " + maxTokens);
        }
    }

    /** Reasoning at the given effort. */
    public static Reasoning ofEffort(String effort) {
        return new Reasoning(effort, null, null, null);
    }

    /** Reasoning with a token budget. */
    public static Reasoning ofMaxTokens(int maxTokens) {
        return new Reasoning(null, maxTokens, null, null);
    }

    /** Reasoning on, at the model's default effort. */
    public static Reasoning on() {
        return new Reasoning(null, null, null, true);
    }

    /** Reasoning off (for models where it is optional). */
    public static Reasoning off() {
        return new Reasoning(null, null, null, false);
    }

    /** The same, with the reasoning text left out of the response. */
    public Reasoning excluded() {
        return new Reasoning(effort, maxTokens, true, enabled);
    }

    /** This reasoning with every field that {@code other} sets taken from {@code other}. */
    public Reasoning mergedWith(Reasoning other) {
        if (other == null) {
            return this;
        }
        boolean otherBudget = other.effort != null || other.maxTokens != null;
        return new Reasoning(
                otherBudget ? other.effort : effort,
                otherBudget ? other.maxTokens : maxTokens,
                other.exclude != null ? other.exclude : exclude,
                other.enabled != null ? other.enabled : enabled);
    }
}
