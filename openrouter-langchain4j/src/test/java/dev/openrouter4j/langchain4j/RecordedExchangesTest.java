package dev.openrouter4j.langchain4j;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.Recording;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Replays every recorded OpenRouter exchange (real traffic) through the models and checks that text, thinking, tool
 * calls, token counts, reported cost and errors come out exactly as recorded. The expectations are read from the
 * recordings here with plain Jackson, independently of the client's parser.
 */
class RecordedExchangesTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static FakeOpenRouter fake;

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static List<String> recordings() {
        return FakeOpenRouter.recordingNames();
    }

    record Expected(String text, String thinking, List<ToolExecutionRequest> tools, Integer input, Integer output,
                    BigDecimal cost, String errorMessage, int status) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void replays_exactly_as_recorded(String name) throws Exception {
        fake.reset();
        fake.replay(name);
        List<Recording.Exchange> exchanges = Recording.load(name).exchanges();
        assertThat(exchanges).isNotEmpty();
        for (Recording.Exchange ex : exchanges) {
            String model = ex.requestBody().path("model").asText("openai/gpt-4o-mini");
            Expected expected = ex.sse() ? expectedFromSse(ex.body()) : expectedFromJson(ex.status(), ex.body());
            ChatRequest request = ChatRequest.builder().messages(UserMessage.from("replayed")).build();
            if (ex.sse()) {
                try (OpenRouterStreamingChatModel m = OpenRouterStreamingChatModel.builder()
                        .apiKey(StreamingChatModelTest.KEY).baseUrl(fake.baseUrl()).modelName(model)
                        .returnThinking(true).maxRetries(0).timeout(Duration.ofSeconds(5)).build()) {
                    RecordingHandler h = new RecordingHandler();
                    m.chat(request, h);
                    if (expected.errorMessage() != null) {
                        Throwable e = h.awaitError(Duration.ofSeconds(10));
                        assertThat(e).as(name).isInstanceOf(OpenRouterFailure.class)
                                .hasMessageContaining(expected.errorMessage());
                        ChatResponse partial = ((OpenRouterFailure) e).partialResponse();
                        assertThat(nullIfEmpty(partial.aiMessage().text())).isEqualTo(expected.text());
                        assertUsage(name, partial, expected);
                    } else {
                        ChatResponse r = h.awaitResponse(Duration.ofSeconds(10));
                        assertThat(h.text()).as(name).isEqualTo(expected.text() == null ? "" : expected.text());
                        assertResponse(name, r, expected);
                    }
                }
            } else {
                try (OpenRouterChatModel m = OpenRouterChatModel.builder().apiKey(StreamingChatModelTest.KEY)
                        .baseUrl(fake.baseUrl()).modelName(model).returnThinking(true).maxRetries(0)
                        .timeout(Duration.ofSeconds(5)).build()) {
                    if (expected.errorMessage() != null) {
                        Throwable e = catchThrowable(() -> m.chat(request));
                        assertThat(e).as(name).isInstanceOf(OpenRouterFailure.class)
                                .hasMessageContaining(expected.errorMessage());
                        assertThat(((OpenRouterFailure) e).httpStatus()).isEqualTo(expected.status());
                    } else {
                        assertResponse(name, m.chat(request), expected);
                    }
                }
            }
        }
    }

    private static void assertResponse(String name, ChatResponse r, Expected expected) {
        assertThat(r.aiMessage().text()).as(name + " text").isEqualTo(expected.text());
        assertThat(r.aiMessage().thinking()).as(name + " thinking").isEqualTo(expected.thinking());
        assertThat(r.aiMessage().toolExecutionRequests()).as(name + " tools").isEqualTo(expected.tools());
        assertUsage(name, r, expected);
    }

    private static void assertUsage(String name, ChatResponse r, Expected expected) {
        OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) r.metadata();
        if (expected.input() == null) {
            assertThat(m.tokenUsage()).as(name + " usage").isNull();
        } else {
            assertThat(m.tokenUsage().inputTokenCount()).as(name + " input").isEqualTo(expected.input());
            assertThat(m.tokenUsage().outputTokenCount()).as(name + " output").isEqualTo(expected.output());
        }
        if (expected.cost() == null) {
            assertThat(m.cost()).as(name + " cost").isNull();
        } else {
            assertThat(m.cost()).as(name + " cost").isEqualByComparingTo(expected.cost());
        }
    }

    private static Expected expectedFromJson(int status, String body) throws Exception {
        JsonNode root = JSON.readTree(body);
        if (status >= 400 || (root.has("error") && !root.has("choices"))) {
            return new Expected(null, null, List.of(), null, null, null, root.at("/error/message").asText(), status);
        }
        JsonNode msg = root.at("/choices/0/message");
        List<ToolExecutionRequest> tools = new ArrayList<>();
        for (JsonNode tc : msg.path("tool_calls")) {
            tools.add(ToolExecutionRequest.builder().id(tc.path("id").asText(null))
                    .name(tc.at("/function/name").asText())
                    // an empty arguments string means "no arguments": LangChain4j tools expect a JSON object
                    .arguments(tc.at("/function/arguments").asText().isBlank() ? "{}"
                            : tc.at("/function/arguments").asText())
                    .build());
        }
        JsonNode usage = root.get("usage");
        return new Expected(nullIfEmpty(msg.path("content").asText(null)),
                nullIfEmpty(msg.path("reasoning").asText(null)), tools,
                usage == null ? null : usage.get("prompt_tokens").asInt(),
                usage == null ? null : usage.get("completion_tokens").asInt(),
                usage == null || !usage.has("cost") ? null : usage.get("cost").decimalValue(), null, status);
    }

    private static Expected expectedFromSse(String body) throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        Map<Integer, String[]> tools = new TreeMap<>();
        JsonNode usage = null;
        String error = null;
        for (String line : body.split("\r?\n")) {
            if (!line.startsWith("data:")) continue;
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) break;
            JsonNode chunk = JSON.readTree(data);
            if (chunk.has("usage") && chunk.get("usage").isObject()) usage = chunk.get("usage");
            JsonNode delta = chunk.at("/choices/0/delta");
            if (!delta.path("content").isNull()) text.append(delta.path("content").asText(""));
            if (!delta.path("reasoning").isNull()) thinking.append(delta.path("reasoning").asText(""));
            for (JsonNode tc : delta.path("tool_calls")) {
                String[] t = tools.computeIfAbsent(tc.path("index").asInt(), i -> new String[]{null, "", ""});
                if (tc.hasNonNull("id")) t[0] = tc.get("id").asText();
                if (tc.at("/function/name").isTextual() && t[1].isEmpty()) t[1] = tc.at("/function/name").asText();
                if (tc.at("/function/arguments").isTextual()) t[2] += tc.at("/function/arguments").asText();
            }
            if (chunk.has("error")) {
                error = chunk.at("/error/message").asText();
                break;
            }
        }
        List<ToolExecutionRequest> list = new ArrayList<>();
        tools.values().forEach(t -> list.add(ToolExecutionRequest.builder().id(t[0]).name(t[1])
                .arguments(t[2].isBlank() ? "{}" : t[2]).build()));
        return new Expected(nullIfEmpty(text.toString()), nullIfEmpty(thinking.toString()), list,
                usage == null ? null : usage.get("prompt_tokens").asInt(),
                usage == null ? null : usage.get("completion_tokens").asInt(),
                usage == null || !usage.has("cost") ? null : usage.get("cost").decimalValue(), error, 200);
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
