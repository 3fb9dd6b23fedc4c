package dev.openrouter4j.langchain4j.internal.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.internal.OpenAiUtils;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.openrouter4j.langchain4j.OpenRouterChatRequestParameters;
import dev.openrouter4j.langchain4j.OpenRouterPlugin;
import dev.openrouter4j.langchain4j.ProviderPreferences;
import dev.openrouter4j.langchain4j.Reasoning;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.response.ResponseMapper;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the JSON body of {@code POST /chat/completions}. Messages, tools and response formats are mapped by
 * {@code langchain4j-open-ai}'s own mapping (reused, not copied); OpenRouter's fields are added from
 * {@link OpenRouterChatRequestParameters}; {@code reasoning_details} kept on an {@code AiMessage} are sent back
 * unchanged, as Gemini and Claude tool use require.
 * <p>
 * The body is canonical: its properties are always written in the same order (the DTO's, then OpenRouter's fields
 * in a fixed order, user-supplied maps sorted by key), so identical requests give identical bytes, in every JVM.
 */
public final class RequestBodyWriter {

    private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL = Json.MAPPER.copy()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final boolean strictTools;
    private final boolean strictJsonSchema;

    public RequestBodyWriter(boolean strictTools, boolean strictJsonSchema) {
        this.strictTools = strictTools;
        this.strictJsonSchema = strictJsonSchema;
    }

    /** The body as a tree (tests and logging read it). */
    public ObjectNode tree(ChatRequest request, OpenRouterChatRequestParameters p, boolean stream) {
        String model = p.modelName();
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("modelName is required: set it on the model's builder or per request,"
                    + " as a full OpenRouter id such as openai/gpt-4o-mini");
        }
        List<ChatMessage> messages = request.messages();
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must not be empty");
        }
        OpenAiChatRequestParameters openAi = OpenAiChatRequestParameters.builder()
                .modelName(model)
                .temperature(p.temperature())
                .topP(p.topP())
                .frequencyPenalty(p.frequencyPenalty())
                .presencePenalty(p.presencePenalty())
                .maxOutputTokens(p.maxOutputTokens())
                .stopSequences(p.stopSequences())
                .toolSpecifications(p.toolSpecifications())
                .toolChoice(p.toolChoice())
                .responseFormat(p.responseFormat())
                .build();
        ChatCompletionRequest dto = OpenAiUtils.toOpenAiChatRequest(request, openAi, strictTools, strictJsonSchema)
                .build();
        ObjectNode body = Json.MAPPER.valueToTree(dto);

        // reasoning_details round trip
        JsonNode wireMessages = body.get("messages");
        if (wireMessages instanceof ArrayNode array) {
            for (int i = 0; i < messages.size() && i < array.size(); i++) {
                if (messages.get(i) instanceof AiMessage ai && ai.attributes() != null) {
                    Object details = ai.attributes().get(ResponseMapper.REASONING_DETAILS);
                    if (details != null && array.get(i) instanceof ObjectNode node) {
                        node.set("reasoning_details", Json.MAPPER.valueToTree(details));
                    }
                }
            }
        }

        if (p.topK() != null) body.put("top_k", p.topK());
        if (p.seed() != null) body.put("seed", p.seed());
        if (p.user() != null) body.put("user", p.user());
        if (p.parallelToolCalls() != null) body.put("parallel_tool_calls", p.parallelToolCalls());
        if (p.logitBias() != null) body.set("logit_bias", canonical(p.logitBias()));
        if (p.metadata() != null) body.set("metadata", canonical(p.metadata()));
        if (p.fallbackModels() != null && !p.fallbackModels().isEmpty()) {
            body.set("models", Json.MAPPER.valueToTree(p.fallbackModels()));
        }
        if (p.provider() != null) body.set("provider", provider(p.provider()));
        if (p.reasoning() != null) body.set("reasoning", reasoning(p.reasoning()));
        if (p.plugins() != null && !p.plugins().isEmpty()) {
            ArrayNode plugins = body.putArray("plugins");
            for (OpenRouterPlugin plugin : p.plugins()) {
                ObjectNode node = plugins.addObject();
                node.put("id", plugin.id());
                new TreeMap<>(plugin.options()).forEach((k, v) -> node.set(k, canonical(v)));
            }
        }
        if (p.cacheControl() != null) {
            ObjectNode cc = body.putObject("cache_control");
            cc.put("type", p.cacheControl().type());
            if (p.cacheControl().ttl() != null) cc.put("ttl", p.cacheControl().ttl());
        }
        if (p.promptCacheKey() != null) body.put("prompt_cache_key", p.promptCacheKey());
        if (p.preset() != null) body.put("preset", p.preset());
        if (p.sessionId() != null) body.put("session_id", p.sessionId());
        if (p.verbosity() != null) body.put("verbosity", p.verbosity());
        body.put("stream", stream);
        if (p.extraBody() != null) {
            for (Map.Entry<String, Object> e : new TreeMap<>(p.extraBody()).entrySet()) {
                body.set(e.getKey(), canonical(e.getValue()));
            }
        }
        return body;
    }

    /**
     * A user-supplied value as JSON with the entries of its maps sorted by key: {@code Map.of} iterates in an order
     * that differs from JVM to JVM, and identical requests must give identical bytes (OpenRouter's response cache
     * and the client cache key on them). Messages, tools and schemas keep their own (meaningful) order.
     */
    private static JsonNode canonical(Object value) {
        return CANONICAL.valueToTree(value);
    }

    /** The body as JSON bytes. */
    public byte[] write(ChatRequest request, OpenRouterChatRequestParameters p, boolean stream) {
        try {
            return Json.MAPPER.writeValueAsBytes(tree(request, p, stream));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the request cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode provider(ProviderPreferences pp) {
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

    private static ObjectNode reasoning(Reasoning r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (r.effort() != null) n.put("effort", r.effort());
        if (r.maxTokens() != null) n.put("max_tokens", r.maxTokens());
        if (r.exclude() != null) n.put("exclude", r.exclude());
        if (r.enabled() != null) n.put("enabled", r.enabled());
        return n;
    }
}
