package dev.openrouter4j.langchain4j.internal.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.langchain4j.ProviderPreferences;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.math.BigDecimal;

/** OpenRouter's {@code provider} routing object, shared by chat, embeddings, rerank and image requests. */
public final class ProviderJson {

    private ProviderJson() {
    }

    /** The {@code provider} object of a request. */
    public static ObjectNode of(ProviderPreferences pp) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (pp.order() != null) n.set("order", Json.MAPPER.valueToTree(pp.order()));
        if (pp.allowFallbacks() != null) n.put("allow_fallbacks", pp.allowFallbacks());
        if (pp.requireParameters() != null) n.put("require_parameters", pp.requireParameters());
        if (pp.dataCollection() != null) n.put("data_collection", pp.dataCollection());
        if (pp.zdr() != null) n.put("zdr", pp.zdr());
        if (pp.only() != null) n.set("only", Json.MAPPER.valueToTree(pp.only()));
        if (pp.ignore() != null) n.set("ignore", Json.MAPPER.valueToTree(pp.ignore()));
        if (pp.quantizations() != null) n.set("quantizations", Json.MAPPER.valueToTree(pp.quantizations()));
        if (pp.sort() != null) {
            if (pp.sortPartition() == null) {
                n.put("sort", pp.sort());
            } else {
                n.putObject("sort").put("by", pp.sort()).put("partition", pp.sortPartition());
            }
        }
        if (pp.maxPrice() != null) {
            ObjectNode mp = n.putObject("max_price");
            putPrice(mp, "prompt", pp.maxPrice().prompt());
            putPrice(mp, "completion", pp.maxPrice().completion());
            putPrice(mp, "image", pp.maxPrice().image());
            putPrice(mp, "audio", pp.maxPrice().audio());
            putPrice(mp, "request", pp.maxPrice().request());
        }
        if (pp.preferredMinThroughput() != null) n.put("preferred_min_throughput", pp.preferredMinThroughput());
        if (pp.preferredMaxLatency() != null) n.put("preferred_max_latency", pp.preferredMaxLatency());
        return n;
    }

    private static void putPrice(ObjectNode n, String field, BigDecimal v) {
        if (v != null) n.put(field, v.toPlainString()); // the spec types prices as strings
    }

}
