package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every body and chunk the fake synthesizes is what OpenRouter's OpenAPI spec allows. */
class SchemaConformanceTest {

    @RegisterExtension
    static final FakeOpenRouterExtension OPENROUTER = new FakeOpenRouterExtension();

    static final String TOOLS = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},"
            + "\"days\":{\"type\":\"integer\",\"minimum\":1}},\"required\":[\"city\",\"days\"]}}}]";

    static Stream<Arguments> synthesized() {
        return Stream.of(
                Arguments.of("default", (Supplier<FakeResponse>) () -> null, ""),
                Arguments.of("default with tools", (Supplier<FakeResponse>) () -> null, TOOLS),
                Arguments.of("text", (Supplier<FakeResponse>) () -> FakeResponse.text("Hello, world!"), ""),
                Arguments.of("toolCall", (Supplier<FakeResponse>) () -> FakeResponse.toolCall("f", "{\"a\":1}"), ""),
                Arguments.of("dribble", (Supplier<FakeResponse>) () -> FakeResponse.dribble(3, Duration.ofMillis(1)), ""),
                Arguments.of("large", (Supplier<FakeResponse>) () -> FakeResponse.large(100_000), ""),
                Arguments.of("duplicatedDone", (Supplier<FakeResponse>) () -> FakeResponse.duplicatedDone("x y"), ""),
                Arguments.of("streamWithoutDone", (Supplier<FakeResponse>) () -> FakeResponse.streamWithoutDone("x y"), ""),
                Arguments.of("midStreamError", (Supplier<FakeResponse>) () -> FakeResponse.midStreamError("x y"), ""),
                Arguments.of("choiceError", (Supplier<FakeResponse>) FakeResponse::choiceError, ""),
                Arguments.of("eventErrorFrame", (Supplier<FakeResponse>) FakeResponse::eventErrorFrame, ""),
                Arguments.of("invalidUtf8", (Supplier<FakeResponse>) () -> FakeResponse.invalidUtf8("x"), ""),
                Arguments.of("stallBeforeHeaders",
                        (Supplier<FakeResponse>) () -> FakeResponse.stallBeforeHeaders(Duration.ofMillis(1)), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("synthesized")
    void syncAndStreamValidate(String name, Supplier<FakeResponse> response, String extra) throws IOException {
        for (boolean stream : List.of(false, true)) {
            FakeResponse r = response.get();
            if (r != null) {
                OPENROUTER.fake().enqueue(r);
            }
            String body = "{\"model\":\"openai/gpt-4\",\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]" + extra + "}";
            OpenRouterSchemas.assertValidChatRequest(body);
            HttpResponse<String> res = chat(OPENROUTER.fake(), body);
            assertThat(res.statusCode()).isEqualTo(200);
            boolean sse = res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream");
            if (!sse) {
                // JSON for sync requests; choiceError() is JSON whatever the request asked
                assertThat(!stream || name.equals("choiceError")).as("JSON answer to a stream request").isTrue();
                OpenRouterSchemas.assertValidChatResult(res.body());
                continue;
            }
            int chunks = 0;
            for (String payload : Http.dataPayloads(res.body())) {
                if (payload.equals("[DONE]")) {
                    continue;
                }
                JsonNode json = Http.MAPPER.readTree(payload);
                if (json.has("choices")) {
                    OpenRouterSchemas.assertValidChatStreamChunk(payload);
                    chunks++;
                }
            }
            assertThat(chunks).isPositive();
        }
    }
}
