package dev.openrouter4j.cost.budget;

import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;

import java.math.BigDecimal;
import java.util.Map;

/** Reads what OpenRouter reported a LangChain4j {@code Response} cost: the usage's cost, else the metadata's. */
final class CallCost {

    private CallCost() {
    }

    static BigDecimal reported(TokenUsage usage, Map<String, Object> metadata) {
        if (usage instanceof OpenRouterTokenUsage o && o.cost() != null) {
            return o.cost();
        }
        return metadata != null && metadata.get("cost") instanceof BigDecimal b ? b : null;
    }

    static int integer(Map<String, Object> metadata, String key) {
        return metadata != null && metadata.get(key) instanceof Number n ? n.intValue() : 0;
    }

    static int tokens(Integer count) {
        return count == null ? 0 : count;
    }
}
