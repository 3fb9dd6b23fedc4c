package dev.openrouter4j.langchain4j.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.internal.json.Json;
import dev.openrouter4j.langchain4j.internal.response.ResponseMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the chunks of one stream into a response, and tells a {@link Sink} what each chunk adds. It keeps only the
 * accumulated text, thinking, tool calls, reasoning details and annotations, never the raw events, so its memory
 * grows with the answer, not with the number of chunks.
 * <p>
 * OpenRouter specifics: usage arrives in a late chunk ({@code choices: []} or an empty delta) after the finish reason;
 * tool-call ids are repeated in every chunk (replaced, not concatenated); a chunk with a top-level {@code error}, a
 * choice {@code error}, or {@code finish_reason: "error"} ends the stream as a failure.
 * Not thread-safe: the caller serializes access.
 */
public final class StreamAccumulator {

    /** What a chunk adds, in order. */
    public interface Sink {
        void text(String delta);

        void thinking(String delta);

        void partialToolCall(int index, String id, String name, String argumentsDelta);

        void completeToolCall(int index, ToolExecutionRequest request);
    }

    private final boolean returnThinking;
    private final StringBuilder text = new StringBuilder();
    private StringBuilder thinking;
    private final ToolCallAssembler toolCalls = new ToolCallAssembler();
    private List<ObjectNode> reasoningDetails;
    private ArrayNode annotations;
    private String id;
    private String model;
    private String provider;
    private Long created;
    private String finishReason;
    private String nativeFinishReason;
    private JsonNode usage;
    private int chunks;

    public StreamAccumulator(boolean returnThinking) {
        this.returnThinking = returnThinking;
    }

    /**
     * Folds one chunk in.
     *
     * @return the {@code error} object when the chunk reports a failure, else null
     */
    public JsonNode accept(JsonNode chunk, Sink sink) {
        chunks++;
        if (!chunk.isObject()) {
            return Json.MAPPER.createObjectNode().put("message", "a stream chunk is not a JSON object");
        }
        String v = Json.text(chunk, "id");
        if (v != null && id == null) id = v;
        v = Json.text(chunk, "model");
        if (v != null) model = v;
        v = Json.text(chunk, "provider");
        if (v != null) provider = v;
        if (created == null) created = ResponseMapper.created(chunk);
        JsonNode u = chunk.get("usage");
        if (u != null && u.isObject()) usage = u;

        JsonNode error = chunk.get("error");
        JsonNode choices = chunk.get("choices");
        if (choices != null && choices.isArray() && !choices.isEmpty()) {
            JsonNode choice = choices.get(0);
            JsonNode delta = choice.get("delta");
            if (delta != null && delta.isObject()) {
                applyDelta(delta, sink);
            }
            String fr = Json.text(choice, "finish_reason");
            if (fr != null) finishReason = fr;
            String nfr = Json.text(choice, "native_finish_reason");
            if (nfr != null) nativeFinishReason = nfr;
            JsonNode choiceError = choice.get("error");
            if ((error == null || !error.isObject()) && choiceError != null && choiceError.isObject()) {
                error = choiceError;
            }
            if ((error == null || !error.isObject()) && "error".equals(fr)) {
                error = Json.MAPPER.createObjectNode().put("message", "the model's stream ended with an error");
            }
        }
        return error != null && error.isObject() ? error : null;
    }

    /**
     * Folds a plain chunk read without a tree ({@link PlainChunkReader}): exactly what {@link #accept} does for a
     * chunk with these fields and no reasoning, tool calls, annotations or error.
     */
    void acceptPlain(String id, String model, String provider, Long created, JsonNode usage, boolean hasChoice,
                     String content, String finishReason, String nativeFinishReason, Sink sink) {
        chunks++;
        if (id != null && this.id == null) this.id = id;
        if (model != null) this.model = model;
        if (provider != null) this.provider = provider;
        if (this.created == null) this.created = created;
        if (usage != null && usage.isObject()) this.usage = usage;
        if (hasChoice) {
            if (content != null && !content.isEmpty()) {
                text.append(content);
                sink.text(content);
            }
            if (finishReason != null) this.finishReason = finishReason;
            if (nativeFinishReason != null) this.nativeFinishReason = nativeFinishReason;
        }
    }

    private void applyDelta(JsonNode delta, Sink sink) {
        String content = Json.text(delta, "content");
        if (content != null && !content.isEmpty()) {
            text.append(content);
            sink.text(content);
        }
        String reasoning = Json.text(delta, "reasoning");
        if (reasoning == null) reasoning = Json.text(delta, "reasoning_content");
        if (reasoning != null && !reasoning.isEmpty()) {
            if (thinking == null) thinking = new StringBuilder();
            thinking.append(reasoning);
            if (returnThinking) sink.thinking(reasoning);
        }
        JsonNode details = delta.get("reasoning_details");
        if (details != null && details.isArray()) {
            for (JsonNode d : details) {
                if (d.isObject()) mergeReasoningDetail((ObjectNode) d);
            }
        }
        JsonNode ann = delta.get("annotations");
        if (ann != null && ann.isArray() && !ann.isEmpty()) {
            if (annotations == null) annotations = Json.MAPPER.createArrayNode();
            annotations.addAll((ArrayNode) ann);
        }
        JsonNode tcs = delta.get("tool_calls");
        if (tcs != null && tcs.isArray()) {
            for (JsonNode tc : tcs) {
                toolCalls.apply(tc, sink);
            }
        }
    }

    private void mergeReasoningDetail(ObjectNode d) {
        if (reasoningDetails == null) reasoningDetails = new ArrayList<>();
        Integer index = Json.integer(d, "index");
        String type = Json.text(d, "type");
        ObjectNode target = null;
        for (ObjectNode existing : reasoningDetails) {
            if (java.util.Objects.equals(Json.integer(existing, "index"), index)
                    && (type == null || java.util.Objects.equals(Json.text(existing, "type"), type))) {
                target = existing;
                break;
            }
        }
        if (target == null) {
            reasoningDetails.add(d.deepCopy());
            return;
        }
        ObjectNode t = target;
        d.fields().forEachRemaining(e -> {
            String k = e.getKey();
            JsonNode val = e.getValue();
            if (val == null || val.isNull()) return;
            if ((k.equals("text") || k.equals("summary") || k.equals("data")) && val.isTextual()
                    && t.hasNonNull(k) && t.get(k).isTextual()) {
                t.put(k, t.get(k).asText() + val.asText());
            } else {
                t.set(k, val);
            }
        });
    }

    /** Emits the completion of the tool calls not completed yet, once, before the final response. */
    public void completeToolCalls(Sink sink) {
        toolCalls.completeAll(sink);
    }

    /** Whether a finish reason was seen. */
    public boolean finished() {
        return finishReason != null;
    }

    /** Chunks received so far. */
    public int chunks() {
        return chunks;
    }

    /** The generation id, once a chunk named it. */
    public String generationId() {
        return id;
    }

    /** The response so far: the final one after the stream finished, a partial one otherwise. */
    public ChatResponse response() {
        List<ToolExecutionRequest> tools = toolCalls.requests();
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (reasoningDetails != null && !reasoningDetails.isEmpty()) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            reasoningDetails.forEach(arr::add);
            attributes.put(ResponseMapper.REASONING_DETAILS, ResponseMapper.toListOfMaps(arr));
        }
        if (annotations != null && !annotations.isEmpty()) {
            attributes.put(ResponseMapper.ANNOTATIONS, ResponseMapper.toListOfMaps(annotations));
        }
        return ChatResponse.builder()
                .aiMessage(ResponseMapper.aiMessage(text.toString(),
                        returnThinking && thinking != null ? thinking.toString() : null, tools, attributes))
                .metadata(ResponseMapper.metadata(id, model, provider, created, finishReason, nativeFinishReason,
                        !tools.isEmpty(), usage))
                .build();
    }
}
