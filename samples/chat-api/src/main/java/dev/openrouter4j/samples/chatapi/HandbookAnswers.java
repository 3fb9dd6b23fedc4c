package dev.openrouter4j.samples.chatapi;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.openrouter4j.cost.CostContext;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.samples.rag.RagAnswer;
import dev.openrouter4j.samples.rag.RagAssistant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /rag}: answers questions about the bundled handbook (samples/rag) with citations, through the
 * {@code @Default} {@code EmbeddingModel}, {@code ScoringModel} and {@code ChatModel} of {@code openrouter-cdi}
 * ({@code openrouter.embedding.model}, {@code openrouter.rerank.model}, {@code openrouter.model}). The handbook is
 * embedded on the first question, once. Each question's calls are tagged with a {@link CostContext} attribute, so the
 * answer lists exactly what it cost, call by call, from the same ledger {@code GET /usage} reads.
 */
@ApplicationScoped
public class HandbookAnswers {

    /** The {@link CostContext} attribute that ties a question's calls together. */
    static final String QUESTION_ID = "rag_question";
    /** The longest question accepted, in characters. */
    static final int MAX_QUESTION = 2000;

    @Inject
    ChatModel chat;

    @Inject
    EmbeddingModel embeddings;

    @Inject
    ScoringModel reranker;

    @Inject
    CostLedger ledger;

    private volatile RagAssistant assistant;

    /** The answer, its citations and the calls it took with their kinds and costs. */
    Api.RagReply answer(Api.RagBody body) {
        String question = check(body);
        RagAssistant rag = assistant();
        String id = UUID.randomUUID().toString();
        RagAnswer a = CostContext.with(QUESTION_ID, id).get(() -> rag.ask(question));
        List<Api.CallCost> calls = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        boolean unknown = false;
        for (CostEntry e : ledger.entries()) {
            if (id.equals(e.attributes().get(QUESTION_ID))) {
                calls.add(new Api.CallCost(e.kind().label(), e.model(), e.cost()));
                if (e.cost() == null) unknown = true;
                else total = total.add(e.cost());
            }
        }
        List<Api.Citation> citations = a.citations().stream()
                .map(c -> new Api.Citation(c.file(), c.title(), c.score(), c.excerpt())).toList();
        return new Api.RagReply(a.answer(), citations, unknown ? null : total.stripTrailingZeros(), calls);
    }

    private static String check(Api.RagBody body) {
        if (body == null) {
            throw new ApiException(ApiError.of(400, "empty_body", "The request body is empty: send JSON such as"
                    + " {\"question\": \"How long does the battery take to charge?\"}"));
        }
        if (body.question() == null || body.question().isBlank()) {
            throw new ApiException(ApiError.of(400, "invalid_question", "question is required: a question about"
                    + " the Kestrel K2 handbook, e.g. \"How long does the battery take to charge?\""));
        }
        if (body.question().length() > MAX_QUESTION) {
            throw new ApiException(ApiError.of(400, "invalid_question", "question has " + body.question().length()
                    + " characters; at most " + MAX_QUESTION + " are accepted"));
        }
        return body.question().strip();
    }

    /** Embeds the handbook on first use; concurrent first questions wait for one ingestion. */
    private RagAssistant assistant() {
        RagAssistant a = assistant;
        if (a == null) {
            synchronized (this) {
                a = assistant;
                if (a == null) {
                    a = RagAssistant.overHandbook(embeddings, reranker, chat);
                    assistant = a;
                }
            }
        }
        return a;
    }
}
