package dev.openrouter4j.langchain4j.internal.cache;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.openrouter4j.langchain4j.CostDetails;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One cached chat answer and its stored form: compact JSON with a format version ({@code "v":1}), short field names,
 * money as decimal strings. A value of another version (or unreadable) decodes to {@code null}, a miss, so a format
 * change never breaks instances still running the old one. For a streamed answer it keeps the length of each text
 * piece, so a replay streams the same pieces in the same order.
 */
public final class CachedAnswer {

    /** The stored format's version. */
    public static final int VERSION = 1;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ChatResponse response;
    private final List<Integer> pieces;

    private CachedAnswer(ChatResponse response, List<Integer> pieces) {
        this.response = response;
        this.pieces = pieces == null ? List.of() : List.copyOf(pieces);
    }

    /** An answer as it came from OpenRouter; {@code pieces} are the streamed text pieces' lengths, or empty. */
    public static CachedAnswer of(ChatResponse response, List<Integer> pieces) {
        return new CachedAnswer(response, pieces);
    }

    /** The original response. */
    public ChatResponse original() {
        return response;
    }

    /** The streamed text split as it was streamed (one piece when it was not streamed). */
    public List<String> textPieces() {
        String text = response.aiMessage().text();
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int at = 0;
        for (int len : pieces) {
            if (len <= 0 || at + len > text.length()) {
                break;
            }
            out.add(text.substring(at, at + len));
            at += len;
        }
        if (at < text.length()) {
            out.add(text.substring(at));
        }
        return out;
    }

    /**
     * The response a hit returns: the same message, usage 0 and cost 0 (nothing was billed), the original cost as
     * {@code savedCost}, the original generation id as {@code cachedGenerationId} and no generation id of its own.
     */
    public ChatResponse asHit(ResponseCacheStatus status) {
        ChatResponseMetadata md = response.metadata();
        OpenRouterChatResponseMetadata.Builder b = md instanceof OpenRouterChatResponseMetadata o ? o.toBuilder()
                : OpenRouterChatResponseMetadata.builder().modelName(md == null ? null : md.modelName())
                        .finishReason(md == null ? null : md.finishReason());
        BigDecimal saved = md instanceof OpenRouterChatResponseMetadata o ? o.cost() : null;
        b.id(null).cachedGenerationId(md == null ? null : md.id()).cacheStatus(status).savedCost(saved)
                .tokenUsage(new OpenRouterTokenUsage(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, null, 0))
                .cost(BigDecimal.ZERO).costDetails(null);
        return ChatResponse.builder().aiMessage(response.aiMessage()).metadata(b.build()).build();
    }

    /**
     * The response with its cache status set (for the call that fetched it); a status OpenRouter's cache set (a hit
     * there) is kept.
     */
    public static ChatResponse withStatus(ChatResponse r, ResponseCacheStatus status) {
        if (r.metadata() instanceof OpenRouterChatResponseMetadata o && !o.isCacheHit()) {
            return ChatResponse.builder().aiMessage(r.aiMessage()).metadata(o.toBuilder().cacheStatus(status).build())
                    .build();
        }
        return r;
    }

    // ------------------------------------------------------------------ the stored form

    /** The stored bytes. */
    public byte[] encode() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("v", VERSION);
        AiMessage ai = response.aiMessage();
        putText(n, "t", ai.text());
        putText(n, "th", ai.thinking());
        if (ai.hasToolExecutionRequests()) {
            ArrayNode tc = n.putArray("tc");
            for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
                tc.addArray().add(r.id()).add(r.name()).add(r.arguments());
            }
        }
        if (ai.attributes() != null && !ai.attributes().isEmpty()) {
            n.set("at", Json.MAPPER.valueToTree(ai.attributes()));
        }
        ChatResponseMetadata md = response.metadata();
        if (md != null) {
            putText(n, "id", md.id());
            putText(n, "m", md.modelName());
            if (md.finishReason() != null) n.put("fr", md.finishReason().name());
            TokenUsage u = md.tokenUsage();
            if (u != null) {
                ArrayNode a = n.putArray("u");
                a.add(u.inputTokenCount()).add(u.outputTokenCount()).add(u.totalTokenCount());
                if (u instanceof OpenRouterTokenUsage o) {
                    a.add(o.cachedTokens()).add(o.cacheWriteTokens()).add(o.reasoningTokens())
                            .add(o.webSearchRequests());
                    putMoney(n, "uc", o.cost());
                    putMoney(n, "uu", o.upstreamInferenceCost());
                }
            }
        }
        if (md instanceof OpenRouterChatResponseMetadata o) {
            putText(n, "p", o.provider());
            if (o.created() != null) n.put("cr", o.created());
            putText(n, "nfr", o.nativeFinishReason());
            putMoney(n, "c", o.cost());
            if (o.isByok()) n.put("byok", true);
            CostDetails cd = o.costDetails();
            if (cd != null) {
                n.putArray("cd").add(cd.upstreamInferenceCost()).add(cd.upstreamInferencePromptCost())
                        .add(cd.upstreamInferenceCompletionsCost());
            }
        }
        if (!pieces.isEmpty()) {
            ArrayNode pc = n.putArray("pc");
            pieces.forEach(pc::add);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a cached answer", e);
        }
    }

    /** The answer stored in {@code bytes}, or {@code null} when they are of another version or unreadable. */
    public static CachedAnswer decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
        if (n == null || !n.isObject() || n.path("v").asInt(-1) != VERSION) {
            return null;
        }
        List<ToolExecutionRequest> tools = new ArrayList<>();
        for (JsonNode tc : n.path("tc")) {
            tools.add(ToolExecutionRequest.builder().id(text(tc.get(0))).name(text(tc.get(1)))
                    .arguments(text(tc.get(2))).build());
        }
        AiMessage.Builder ai = AiMessage.builder().text(Json.text(n, "t")).thinking(Json.text(n, "th"))
                .toolExecutionRequests(tools);
        if (n.path("at").isObject()) {
            ai.attributes(Json.MAPPER.convertValue(n.get("at"), MAP));
        }
        JsonNode u = n.get("u");
        OpenRouterTokenUsage usage = u == null || !u.isArray() ? null : new OpenRouterTokenUsage(
                integer(u, 0), integer(u, 1), integer(u, 2), integer(u, 3), integer(u, 4), integer(u, 5),
                Json.decimal(n, "uc"), Json.decimal(n, "uu"), integer(u, 6));
        JsonNode cd = n.get("cd");
        String fr = Json.text(n, "fr");
        OpenRouterChatResponseMetadata md = OpenRouterChatResponseMetadata.builder()
                .id(Json.text(n, "id"))
                .modelName(Json.text(n, "m"))
                .finishReason(fr == null ? null : FinishReason.valueOf(fr))
                .tokenUsage(usage)
                .provider(Json.text(n, "p"))
                .created(n.path("cr").isNumber() ? n.get("cr").longValue() : null)
                .nativeFinishReason(Json.text(n, "nfr"))
                .cost(Json.decimal(n, "c"))
                .byok(n.path("byok").asBoolean(false) ? Boolean.TRUE : null)
                .costDetails(cd == null || !cd.isArray() ? null
                        : new CostDetails(decimal(cd, 0), decimal(cd, 1), decimal(cd, 2)))
                .build();
        List<Integer> pieces = new ArrayList<>();
        for (JsonNode p : n.path("pc")) {
            pieces.add(p.asInt());
        }
        try {
            return new CachedAnswer(ChatResponse.builder().aiMessage(ai.build()).metadata(md).build(), pieces);
        } catch (RuntimeException e) {
            return null; // e.g. neither text nor tool calls: not an answer this version wrote
        }
    }

    private static void putText(ObjectNode n, String field, String value) {
        if (value != null) n.put(field, value);
    }

    private static void putMoney(ObjectNode n, String field, BigDecimal value) {
        if (value != null) n.put(field, value.toPlainString());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Integer integer(JsonNode array, int i) {
        JsonNode n = array.get(i);
        return n == null || !n.isNumber() ? null : n.intValue();
    }

    private static BigDecimal decimal(JsonNode array, int i) {
        JsonNode n = array.get(i);
        return n == null || n.isNull() ? null : n.decimalValue();
    }
}
