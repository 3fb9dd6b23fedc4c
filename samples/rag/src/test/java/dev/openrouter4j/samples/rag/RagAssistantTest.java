package dev.openrouter4j.samples.rag;

import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingModel;
import dev.openrouter4j.langchain4j.OpenRouterScoringModel;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handbook is embedded once; each question is embedded, retrieved, reranked and answered with citations. */
class RagAssistantTest {

    static final String KEY = "sk-or-v1-test-rag";

    final FakeOpenRouter fake = FakeOpenRouter.start();
    final OpenRouterEmbeddingModel embeddings = OpenRouterEmbeddingModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
            .modelName("openai/text-embedding-3-small").build();
    final OpenRouterScoringModel reranker = OpenRouterScoringModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
            .modelName("cohere/rerank-v3.5").build();
    final OpenRouterChatModel chat = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
            .modelName("openai/gpt-4o-mini").build();

    @AfterEach
    void tearDown() {
        embeddings.close();
        reranker.close();
        chat.close();
        fake.close();
    }

    @Test
    void the_handbook_has_seven_titled_pages() {
        assertThat(Handbook.documents()).hasSize(7).allSatisfy(d -> {
            assertThat(d.metadata().getString(Handbook.FILE)).endsWith(".md");
            assertThat(d.metadata().getString(Handbook.TITLE)).isNotBlank().doesNotStartWith("#");
        });
    }

    @Test
    void a_question_is_answered_from_the_reranked_pages_and_cites_them() {
        RagAssistant rag = RagAssistant.overHandbook(embeddings, reranker, chat);
        assertThat(rag.documents()).isEqualTo(7);
        List<RecordedRequest> ingest = fake.requests();
        assertThat(ingest).singleElement().satisfies(r -> {
            assertThat(r.path()).endsWith("/embeddings");
            assertThat(r.json().path("input")).hasSizeGreaterThanOrEqualTo(7); // every page, in one call
        });
        fake.reset();

        RagAnswer a = rag.ask("How long does it take to charge the battery?");

        assertThat(fake.requests()).extracting(RecordedRequest::path)
                .containsExactly("/api/v1/embeddings", "/api/v1/rerank", "/api/v1/chat/completions");
        assertThat(a.citations()).hasSize(RagAssistant.KEPT);
        assertThat(a.citations().get(0).file()).isEqualTo("charging.md");
        assertThat(a.citations().get(0).title()).isEqualTo("Charging");
        assertThat(a.citations().get(0).score()).isGreaterThan(a.citations().get(1).score());
        assertThat(a.citations().get(0).excerpt()).startsWith("# Charging");
        // the chat model was shown the reranked passages with the question
        String prompt = fake.requests().get(2).json().path("messages").toString();
        assertThat(prompt).contains("4.5 hours", "How long does it take to charge the battery?");
        assertThat(a.answer()).isNotBlank();
    }

    @Test
    void the_reranker_decides_which_retrieved_pages_the_model_sees() {
        RagAssistant rag = RagAssistant.overHandbook(embeddings, reranker, chat);
        RagAnswer a = rag.ask("What does the warranty cover for the motor and the frame?");
        assertThat(a.citations()).extracting(RagAnswer.Citation::file).first().isEqualTo("warranty.md");
        RagAnswer returns = rag.ask("Can I return the bike within 30 days for a refund?");
        assertThat(returns.citations()).extracting(RagAnswer.Citation::file).first().isEqualTo("returns.md");
    }

    @Test
    void a_blank_question_is_refused_before_any_call() {
        RagAssistant rag = RagAssistant.overHandbook(embeddings, reranker, chat);
        fake.reset();
        assertThatThrownBy(() -> rag.ask(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("question must not be blank");
        assertThat(fake.requests()).isEmpty();
    }
}
