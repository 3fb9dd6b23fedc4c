package dev.openrouter4j.langchain4j.internal.response;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.openrouter4j.langchain4j.CostDetails;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;
import dev.openrouter4j.langchain4j.exception.ModerationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterErrorDetails;
import dev.openrouter4j.langchain4j.internal.error.ErrorMapper;
import dev.openrouter4j.langchain4j.internal.error.MalformedResponseException;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps OpenRouter's response JSON (a whole completion, or the pieces a stream accumulates) to LangChain4j's
 * {@link ChatResponse} with {@link OpenRouterChatResponseMetadata} and {@link OpenRouterTokenUsage}. Lenient: every
 * field may be absent or null, enums grow, numbers may be strings.
 */
public final class ResponseMapper {

    /** {@code AiMessage} attribute holding OpenRouter's {@code reasoning_details}, sent back unchanged next turn. */
    public static final String REASONING_DETAILS = "reasoning_details";
    /** {@code AiMessage} attribute holding web-search citations ({@code annotations}). */
    public static final String ANNOTATIONS = "annotations";

    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {
    };

    private ResponseMapper() {
    }

    /** A whole (non-streaming) completion; in-band errors become exceptions. */
    public static ChatResponse fromCompletion(JsonNode root, boolean returnThinking, ErrorMapper errors)
            throws MalformedResponseException {
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException("the body is not a JSON object");
        }
        JsonNode choices = root.get("choices");
        JsonNode error = root.get("error");
        if (error != null && error.isObject() && (choices == null || !choices.isArray() || choices.isEmpty())) {
            throw errors.fromErrorNode(200, error, null, null, Json.text(root, "id"));
        }
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new MalformedResponseException("the response has no choices");
        }
        JsonNode choice = choices.get(0);
        JsonNode message = choice.get("message");
        String content = Json.text(message, "content");
        String reasoning = Json.text(message, "reasoning");
        if (reasoning == null) {
            reasoning = Json.text(message, "reasoning_content");
        }
        List<ToolExecutionRequest> tools = new ArrayList<>();
        JsonNode toolCalls = message == null ? null : message.get("tool_calls");
        if (toolCalls != null && toolCalls.isArray()) {
            for (JsonNode tc : toolCalls) {
                JsonNode fn = tc.get("function");
                String args = Json.text(fn, "arguments");
                tools.add(ToolExecutionRequest.builder()
                        .id(Json.text(tc, "id"))
                        .name(Json.text(fn, "name"))
                        .arguments(args == null || args.isBlank() ? "{}" : args)
                        .build());
            }
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        JsonNode details = message == null ? null : message.get("reasoning_details");
        if (details != null && details.isArray() && !details.isEmpty()) {
            attributes.put(REASONING_DETAILS, Json.MAPPER.convertValue(details, LIST_OF_MAPS));
        }
        JsonNode annotations = message == null ? null : message.get("annotations");
        if (annotations != null && annotations.isArray() && !annotations.isEmpty()) {
            attributes.put(ANNOTATIONS, Json.MAPPER.convertValue(annotations, LIST_OF_MAPS));
        }
        AiMessage aiMessage = aiMessage(content, returnThinking ? reasoning : null, tools, attributes);
        String finish = Json.text(choice, "finish_reason");
        ChatResponse response = ChatResponse.builder()
                .aiMessage(aiMessage)
                .metadata(metadata(Json.text(root, "id"), Json.text(root, "model"), Json.text(root, "provider"),
                        created(root), finish, Json.text(choice, "native_finish_reason"), !tools.isEmpty(),
                        root.get("usage")))
                .build();

        JsonNode choiceError = choice.get("error");
        if ((choiceError != null && choiceError.isObject()) || "error".equals(finish)) {
            JsonNode err = choiceError != null && choiceError.isObject() ? choiceError
                    : Json.MAPPER.createObjectNode().put("message", "the model's response ended with an error");
            throw errors.fromErrorNode(200, err, null, response, Json.text(root, "id"));
        }
        String refusal = Json.text(message, "refusal");
        if (refusal != null && !refusal.isBlank() && (content == null || content.isBlank()) && tools.isEmpty()) {
            OpenRouterErrorDetails d = new OpenRouterErrorDetails(200, null, "refusal", refusal,
                    Json.text(root, "provider"), Json.text(root, "model"), null, List.of(), Json.text(root, "id"),
                    response);
            throw new ModerationException("The model refused to answer: " + refusal, d, null);
        }
        return response;
    }

    /** Builds an AiMessage; empty text becomes null, as LangChain4j expects. */
    public static AiMessage aiMessage(String text, String thinking, List<ToolExecutionRequest> tools,
                                      Map<String, Object> attributes) {
        AiMessage.Builder b = AiMessage.builder()
                .text(text == null || text.isEmpty() ? null : text)
                .thinking(thinking == null || thinking.isEmpty() ? null : thinking)
                .toolExecutionRequests(tools == null ? List.of() : tools);
        if (attributes != null && !attributes.isEmpty()) {
            b.attributes(attributes);
        }
        return b.build();
    }

    /** The response metadata with OpenRouter's extras. */
    public static OpenRouterChatResponseMetadata metadata(String id, String model, String provider, Long created,
                                                          String finishReason, String nativeFinishReason,
                                                          boolean hasToolCalls, JsonNode usage) {
        OpenRouterTokenUsage tokenUsage = usage(usage);
        return OpenRouterChatResponseMetadata.builder()
                .id(id)
                .modelName(model)
                .provider(provider)
                .created(created)
                .finishReason(finishReason(finishReason, hasToolCalls))
                .nativeFinishReason(nativeFinishReason)
                .tokenUsage(tokenUsage)
                .cost(tokenUsage == null ? null : tokenUsage.cost())
                .costDetails(costDetails(usage))
                .byok(Json.bool(usage, "is_byok"))
                .build();
    }

    /** {@code created} as epoch seconds, or null. */
    public static Long created(JsonNode root) {
        JsonNode c = root == null ? null : root.get("created");
        return c != null && c.isNumber() ? c.longValue() : null;
    }

    /**
     * OpenRouter's {@code usage} object as token usage with cost; null when absent. The upstream charge is kept only
     * for BYOK calls ({@code is_byok: true}): OpenRouter also reports it, equal to {@code cost}, on ordinary calls,
     * where adding it to the cost would count the call twice. {@link #costDetails} keeps the raw value.
     */
    public static OpenRouterTokenUsage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        JsonNode prompt = usage.get("prompt_tokens_details");
        JsonNode completion = usage.get("completion_tokens_details");
        JsonNode costDetails = usage.get("cost_details");
        return new OpenRouterTokenUsage(
                Json.integer(usage, "prompt_tokens"),
                Json.integer(usage, "completion_tokens"),
                Json.integer(usage, "total_tokens"),
                Json.integer(prompt, "cached_tokens"),
                Json.integer(prompt, "cache_write_tokens"),
                Json.integer(completion, "reasoning_tokens"),
                Json.decimal(usage, "cost"),
                Boolean.TRUE.equals(Json.bool(usage, "is_byok"))
                        ? Json.decimal(costDetails, "upstream_inference_cost") : null,
                Json.integer(usage.get("server_tool_use_details"), "web_search_requests"));
    }

    /** {@code usage.cost_details}, or null when absent. */
    public static CostDetails costDetails(JsonNode usage) {
        JsonNode d = usage == null ? null : usage.get("cost_details");
        if (d == null || !d.isObject()) {
            return null;
        }
        BigDecimal up = Json.decimal(d, "upstream_inference_cost");
        BigDecimal upPrompt = Json.decimal(d, "upstream_inference_prompt_cost");
        BigDecimal upCompletion = Json.decimal(d, "upstream_inference_completions_cost");
        return new CostDetails(up, upPrompt, upCompletion);
    }

    /** OpenRouter's normalized finish reason as LangChain4j's; {@code error} maps to OTHER (the caller fails). */
    public static FinishReason finishReason(String value, boolean hasToolCalls) {
        if (value == null) {
            return hasToolCalls ? FinishReason.TOOL_EXECUTION : null;
        }
        switch (value) {
            case "stop":
                return hasToolCalls ? FinishReason.TOOL_EXECUTION : FinishReason.STOP;
            case "length":
                return FinishReason.LENGTH;
            case "tool_calls":
            case "function_call":
                return FinishReason.TOOL_EXECUTION;
            case "content_filter":
                return FinishReason.CONTENT_FILTER;
            default:
                return FinishReason.OTHER;
        }
    }

    /** Converts a JSON array to the attribute representation (a list of maps). */
    public static List<Map<String, Object>> toListOfMaps(JsonNode array) {
        return Json.MAPPER.convertValue(array, LIST_OF_MAPS);
    }
}
