package dev.openrouter4j.cost.budget;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cost.CostCalculator;
import dev.openrouter4j.cost.ModelPrice;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.TokenCounts;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ChatModel that answers like OpenRouter without a network: random usage within the request's limits, a reported
 * cost computed from the model's price, after a random delay (so calls overlap).
 */
class StubChatModel implements ChatModel {

    final AtomicInteger calls = new AtomicInteger();
    private final List<ChatModelListener> listeners;
    private final ChatRequestParameters defaults;
    private final int maxDelayMillis;

    StubChatModel(List<ChatModelListener> listeners, String model, int maxOutputTokens, int maxDelayMillis) {
        this.listeners = listeners;
        this.defaults = ChatRequestParameters.builder().modelName(model).maxOutputTokens(maxOutputTokens).build();
        this.maxDelayMillis = maxDelayMillis;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (maxDelayMillis > 0) {
            try {
                Thread.sleep(r.nextInt(maxDelayMillis + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String model = request.parameters().modelName();
        int max = request.parameters().maxOutputTokens();
        int in = 20 + r.nextInt(10);
        int out = 1 + r.nextInt(max);
        return response("gen-" + java.util.UUID.randomUUID(), model, in, out);
    }

    static ChatResponse response(String id, String model, int in, int out) {
        ModelPrice price = PriceTable.defaults().find(model).orElseThrow();
        BigDecimal cost = CostCalculator.cost(price, TokenCounts.of(in, out));
        OpenRouterTokenUsage usage = new OpenRouterTokenUsage(in, out, null, 0, 0, 0, cost, null);
        return ChatResponse.builder().aiMessage(AiMessage.from("ok"))
                .metadata(OpenRouterChatResponseMetadata.builder().id(id).modelName(model).provider("OpenAI")
                        .tokenUsage(usage).cost(cost).build())
                .build();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return defaults;
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }
}
