package dev.openrouter4j.samples.rag;

import java.util.List;

/**
 * An answer and the handbook passages it was given, best first.
 *
 * @param answer    the chat model's answer
 * @param citations the passages the reranker kept and the model was shown
 */
public record RagAnswer(String answer, List<Citation> citations) {

    /**
     * One passage an answer is based on.
     *
     * @param file    the page's file name, e.g. {@code charging.md}
     * @param title   the page's heading
     * @param score   the reranker's relevance score (higher is more relevant), or null when it gave none
     * @param excerpt the start of the passage
     */
    public record Citation(String file, String title, Double score, String excerpt) {
    }
}
