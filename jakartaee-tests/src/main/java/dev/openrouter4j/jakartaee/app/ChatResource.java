package dev.openrouter4j.jakartaee.app;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.cdi.OpenRouterModel;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Chat endpoints as an application writes them: the default model, a named one, a stream, and a JSON answer. */
@Path("chat")
@RequestScoped
public class ChatResource {

    @Inject
    ChatModel chat;

    @Inject
    @OpenRouterModel("fast")
    ChatModel fast;

    @Inject
    StreamingChatModel streaming;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String chat(@QueryParam("q") String q) {
        return chat.chat(q);
    }

    @GET
    @Path("fast")
    @Produces(MediaType.TEXT_PLAIN)
    public String fast(@QueryParam("q") String q) {
        return fast.chat(q);
    }

    /** Streams, and answers {@code parts=<number of partial responses>} then the text on the next line. */
    @GET
    @Path("stream")
    @Produces(MediaType.TEXT_PLAIN)
    public String stream(@QueryParam("q") String q) throws Exception {
        AtomicInteger parts = new AtomicInteger();
        StringBuilder text = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(q, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                parts.incrementAndGet();
                synchronized (text) {
                    text.append(partial);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(30, TimeUnit.SECONDS);
        synchronized (text) {
            if (!text.toString().equals(response.aiMessage().text())) {
                throw new IllegalStateException("the partial responses do not add up to the answer");
            }
            return "parts=" + parts.get() + "\n" + text;
        }
    }

    /** The answer as JSON through the runtime's JSON-B: {@code model_id} proves {@code @JsonbProperty} is honoured. */
    @GET
    @Path("json")
    @Produces(MediaType.APPLICATION_JSON)
    public Reply json(@QueryParam("q") String q) {
        ChatResponse r = chat.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from(q)).build());
        Reply reply = new Reply();
        reply.modelId = r.metadata().modelName();
        reply.text = r.aiMessage().text();
        return reply;
    }
}
