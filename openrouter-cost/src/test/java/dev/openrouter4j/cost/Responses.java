package dev.openrouter4j.cost;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.CostDetails;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;

import java.math.BigDecimal;

/** Responses as the OpenRouter models produce them, for tests that need no server. */
final class Responses {

    private Responses() {
    }

    static ChatResponse response(String generationId, String model, String provider, int in, int out, Integer cached,
                                 Integer cacheWrite, Integer reasoning, String cost, String upstream, boolean byok) {
        BigDecimal c = cost == null ? null : new BigDecimal(cost);
        BigDecimal u = upstream == null ? null : new BigDecimal(upstream);
        OpenRouterTokenUsage usage = new OpenRouterTokenUsage(in, out, null, cached, cacheWrite, reasoning, c, u);
        OpenRouterChatResponseMetadata md = OpenRouterChatResponseMetadata.builder()
                .id(generationId).modelName(model).provider(provider).tokenUsage(usage).cost(c)
                .costDetails(u == null ? null : new CostDetails(u, null, null)).byok(byok)
                .build();
        return ChatResponse.builder().aiMessage(AiMessage.from("ok")).metadata(md).build();
    }

    static ChatResponse reported(String generationId, String model, int in, int out, String cost) {
        return response(generationId, model, "OpenAI", in, out, 0, 0, 0, cost, null, false);
    }
}
