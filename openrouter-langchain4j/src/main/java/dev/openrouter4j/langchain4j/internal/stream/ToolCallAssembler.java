package dev.openrouter4j.langchain4j.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.openrouter4j.langchain4j.internal.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles streamed tool calls from their deltas: arguments are concatenated, ids replaced (OpenRouter repeats them
 * in every chunk), and a call is reported complete when the next index starts or the stream ends. Not thread-safe:
 * the {@link StreamAccumulator} that owns it is accessed under the stream's lock.
 */
final class ToolCallAssembler {

    private final Map<Integer, ToolCallState> toolCalls = new LinkedHashMap<>();
    private int currentToolIndex = -1;

    /** Folds one {@code tool_calls[]} element in. */
    void apply(JsonNode tc, StreamAccumulator.Sink sink) {
        Integer idx = Json.integer(tc, "index");
        int index = idx != null ? idx : Math.max(currentToolIndex, 0);
        if (currentToolIndex >= 0 && index != currentToolIndex) {
            ToolCallState previous = toolCalls.get(currentToolIndex);
            if (previous != null && !previous.completed) {
                previous.completed = true;
                sink.completeToolCall(currentToolIndex, previous.toRequest());
            }
        }
        currentToolIndex = index;
        ToolCallState state = toolCalls.computeIfAbsent(index, i -> new ToolCallState());
        String tid = Json.text(tc, "id");
        if (tid != null && !tid.isEmpty()) state.id = tid; // OpenRouter repeats ids: replace, never concatenate
        JsonNode fn = tc.get("function");
        String name = Json.text(fn, "name");
        if (name != null && !name.isEmpty()) {
            if (state.name == null || state.name.isEmpty()) {
                state.name = name;
            } else if (!state.name.equals(name)) {
                state.name = state.name + name;
            }
        }
        String args = Json.text(fn, "arguments");
        if (args != null && !args.isEmpty()) {
            state.arguments.append(args);
            sink.partialToolCall(index, state.id, state.name, args);
        }
    }

    /** Reports every call not reported complete yet, once, before the final response. */
    void completeAll(StreamAccumulator.Sink sink) {
        for (Map.Entry<Integer, ToolCallState> e : toolCalls.entrySet()) {
            if (!e.getValue().completed) {
                e.getValue().completed = true;
                sink.completeToolCall(e.getKey(), e.getValue().toRequest());
            }
        }
    }

    /** The calls so far, in index order of first appearance. */
    List<ToolExecutionRequest> requests() {
        List<ToolExecutionRequest> tools = new ArrayList<>(toolCalls.size());
        for (ToolCallState s : toolCalls.values()) {
            tools.add(s.toRequest());
        }
        return tools;
    }

    private static final class ToolCallState {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
        boolean completed;

        ToolExecutionRequest toRequest() {
            String args = arguments.toString();
            return ToolExecutionRequest.builder()
                    .id(id)
                    .name(name)
                    .arguments(args.isBlank() ? "{}" : args)
                    .build();
        }
    }
}
