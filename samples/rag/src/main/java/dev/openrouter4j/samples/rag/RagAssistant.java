package dev.openrouter4j.samples.rag;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Retrieval-augmented answers over a set of documents, built only from LangChain4j's parts and three models: the
 * documents are split, embedded (one {@code embedAll} call) and kept in an {@link InMemoryEmbeddingStore}; a question
 * is embedded, the {@value #CANDIDATES} nearest passages are retrieved, the reranker keeps the best
 * {@value #KEPT}, and an AI Service answers from them, citing the pages. The citations are the passages the model was
 * given, with the reranker's scores, so they are right even when the model's text is not.
 * <p>
 * Thread-safe once built: the store is filled before {@link #ingest} returns and only read afterwards.
 */
public final class RagAssistant {

    /** Passages retrieved by vector similarity for each question. */
    public static final int CANDIDATES = 4;
    /** Passages the reranker keeps and the chat model sees. */
    public static final int KEPT = 2;

    private static final int EXCERPT = 120;

    /** What the AI Service is asked to do with the passages LangChain4j appends to the question. */
    interface Answerer {
        @SystemMessage("You answer questions about the Kestrel K2 e-bike using only the handbook excerpts given with"
                + " the question. Answer in at most three sentences and cite the page file names in square brackets,"
                + " for example [charging.md]. If the excerpts do not answer the question, say so.")
        Result<String> answer(String question);
    }

    private final Answerer answerer;
    private final int documents;

    private RagAssistant(Answerer answerer, int documents) {
        this.answerer = answerer;
        this.documents = documents;
    }

    /**
     * Embeds the documents into a new in-memory store and wires retrieval, reranking and the AI Service.
     *
     * @param documents  what to answer from; each document's metadata is kept by its segments
     * @param embeddings embeds the passages and each question
     * @param reranker   scores the retrieved passages against the question
     * @param chat       writes the answer
     */
    public static RagAssistant ingest(List<Document> documents, EmbeddingModel embeddings, ScoringModel reranker,
                                      ChatModel chat) {
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(reranker, "reranker");
        Objects.requireNonNull(chat, "chat");
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        EmbeddingStoreIngestor.builder()
                .documentSplitter(DocumentSplitters.recursive(600, 60))
                .embeddingModel(embeddings)
                .embeddingStore(store)
                .build()
                .ingest(documents);
        RetrievalAugmentor augmentor = DefaultRetrievalAugmentor.builder()
                .contentRetriever(EmbeddingStoreContentRetriever.builder()
                        .embeddingStore(store)
                        .embeddingModel(embeddings)
                        .maxResults(CANDIDATES)
                        .build())
                .contentAggregator(ReRankingContentAggregator.builder()
                        .scoringModel(reranker)
                        .maxResults(KEPT)
                        .build())
                .build();
        Answerer answerer = AiServices.builder(Answerer.class)
                .chatModel(chat)
                .retrievalAugmentor(augmentor)
                .build();
        return new RagAssistant(answerer, documents.size());
    }

    /** The bundled handbook ({@link Handbook#documents()}), ingested. */
    public static RagAssistant overHandbook(EmbeddingModel embeddings, ScoringModel reranker, ChatModel chat) {
        return ingest(Handbook.documents(), embeddings, reranker, chat);
    }

    /** How many documents were ingested. */
    public int documents() {
        return documents;
    }

    /** Embeds the question, retrieves, reranks and answers (three calls: embedding, rerank, chat). */
    public RagAnswer ask(String question) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question must not be blank");
        }
        Result<String> result = answerer.answer(question.strip());
        List<RagAnswer.Citation> citations = new ArrayList<>();
        for (Content c : result.sources()) {
            TextSegment s = c.textSegment();
            Object score = c.metadata().get(ContentMetadata.RERANKED_SCORE);
            String text = s.text().replaceAll("\\s+", " ").strip();
            citations.add(new RagAnswer.Citation(s.metadata().getString(Handbook.FILE),
                    s.metadata().getString(Handbook.TITLE),
                    score instanceof Number n ? n.doubleValue() : null,
                    text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…"));
        }
        return new RagAnswer(result.content(), List.copyOf(citations));
    }
}
