package dev.openrouter4j.samples.chatapi;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.budget.BudgetGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.List;

/**
 * The LLM API, {@code /api/v1/llm}: the models of the catalog, a chat call, the same call streamed as Server-Sent
 * Events, answers from the bundled handbook with citations (RAG), and the cost ledger's summary. The models, the catalog and the ledger are the beans of
 * {@code openrouter-cdi}; the model of each call is chosen per request.
 */
@ApplicationScoped
@Path("/api/v1/llm")
@Produces(MediaType.APPLICATION_JSON)
public class LlmResource {

    @Inject
    ChatModel chat;

    @Inject
    StreamingChatModel streaming;

    @Inject
    CostLedger ledger;

    @Inject
    Instance<BudgetGuard> budgets;

    @Inject
    ModelDirectory models;

    @Inject
    ChatStreams streams;

    @Inject
    HandbookAnswers handbook;

    /** {@code GET /models?q=}: the catalog's models whose id or name contains every word of {@code q}. */
    @GET
    @Path("models")
    public Api.ModelList models(@QueryParam("q") String q) {
        List<Api.ModelView> list = models.list(q);
        return new Api.ModelList(defaultModel(), list.size(), list);
    }

    /** {@code POST /chat}: the answer, with its token counts, cost, generation id and upstream provider. */
    @POST
    @Path("chat")
    @Consumes(MediaType.APPLICATION_JSON)
    public Api.ChatAnswer chat(Api.ChatBody body) {
        String model = chosenModel(body);
        ChatRequest request = Conversations.toRequest(body, model);
        models.requireKnown(model);
        ChatResponse response = chat.chat(request);
        return Conversations.toAnswer(response, model);
    }

    /**
     * {@code POST /chat/stream}: the same call as Server-Sent Events ({@code token}... then {@code done}, or
     * {@code error}). Bad input is answered before the stream opens, as a 4xx JSON error.
     */
    @POST
    @Path("chat/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(Api.ChatBody body, @Context SseEventSink sink, @Context Sse sse) {
        String model = chosenModel(body);
        ChatRequest request = Conversations.toRequest(body, model);
        models.requireKnown(model);
        streams.open(streaming, request, model, sink, sse);
    }

    /**
     * {@code POST /rag}: an answer from the bundled handbook, its citations, and what its embedding, rerank and chat
     * calls cost.
     */
    @POST
    @Path("rag")
    @Consumes(MediaType.APPLICATION_JSON)
    public Api.RagReply rag(Api.RagBody body) {
        return handbook.answer(body);
    }

    /**
     * {@code GET /usage}: the cost ledger in total, per model, provider and kind, over time, and the budgets. With a
     * database ledger ({@code openrouter.cost.ledger=jdbc}) the totals are SQL aggregates over what every instance
     * recorded, so all instances answer the same; otherwise they are this instance's.
     */
    @GET
    @Path("usage")
    public Api.UsageReport usage() {
        return UsageReports.of(ledger, budgets.isResolvable() ? budgets.get() : null);
    }

    private String chosenModel(Api.ChatBody body) {
        if (body == null) {
            throw new ApiException(Failures.emptyBody());
        }
        return body.model() == null || body.model().isBlank() ? defaultModel() : body.model().trim();
    }

    /** The {@code @Default} model's id ({@code openrouter.model}). */
    private String defaultModel() {
        return chat.defaultRequestParameters().modelName();
    }
}
