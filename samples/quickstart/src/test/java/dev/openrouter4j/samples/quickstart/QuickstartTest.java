package dev.openrouter4j.samples.quickstart;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo runs offline end to end and ends with its cost table. */
class QuickstartTest {

    @Test
    void the_offline_tour_runs_every_section_and_prints_the_cost_table() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), null);
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);

        assertThat(out.lines().findFirst().orElse("")).startsWith("Offline demo:").contains("127.0.0.1");
        assertThat(out).contains("== 1. A chat call", "== 2. A streamed answer", "== 3. Switching models",
                "== 4. Fallback models", "== 5. An AI Service", "== 6. A mistake", "== 7. RAG",
                "== Cost of this run, per model, provider and kind of call");
        for (String model : Quickstart.MODELS) {
            assertThat(out).contains(model);
        }
        assertThat(out).contains("OpenRouterModelNotFoundException").contains("openai/gpt-4-turbo-ultra")
                .contains("Did you mean");
        // the AI Service's answer is built on the tool's result (the fake passes 2 and 2: 4.0; a real model 50.0)
        assertThat(out.substring(out.indexOf("== 5."), out.indexOf("== 6."))).containsAnyOf("4.0", "50");
        // the RAG answer is built on the handbook page the reranker put first, and cites it
        String rag = out.substring(out.indexOf("== 7."), out.indexOf("== Cost of this run"));
        assertThat(rag).contains("Q: " + Quickstart.RAG_QUESTION).contains("4.5 hours");
        assertThat(rag.lines().filter(l -> l.startsWith("  [")).toList()).hasSize(2).first().asString()
                .startsWith("  [charging.md] Charging (rerank score ");
        String table = out.substring(out.indexOf("== Cost of this run"));
        // the RAG section's embedding and rerank calls are in the same table as the chat calls, by model and by kind
        assertThat(table).contains(Quickstart.EMBEDDING_MODEL, Quickstart.RERANK_MODEL);
        String byKind = table.substring(table.indexOf("by kind"));
        assertThat(byKind.lines().map(l -> l.split(" +")[0]).toList()).contains("chat", "embedding", "rerank");
        assertThat(byKind.lines().filter(l -> l.startsWith("embedding ")).findFirst().orElseThrow())
                .matches("embedding +2 +0 .*reported"); // the handbook, then the question
        assertThat(byKind.lines().filter(l -> l.startsWith("rerank ")).findFirst().orElseThrow())
                .matches("rerank +1 +0 .*reported");
        assertThat(table).contains("cost_usd", "source", "total", "reported", "not billed")
                .doesNotContain("openrouter4j.streaming"); // the library's own flags are not attributes
        assertThat(out).doesNotContain("sk-or-v1-offline-demo-key");
    }
}
