package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.chat;
import static dev.openrouter4j.testkit.Http.json;
import static dev.openrouter4j.testkit.Http.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultChatTest {

    static FakeOpenRouter fake;

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void sync_answer_is_realistic_and_valid_against_the_spec() {
        HttpResponse<String> r = chat(fake, request("openai/gpt-4-turbo", "What is the capital of France?", false));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.headers().firstValue("content-length")).hasValue(String.valueOf(r.body().getBytes().length));
        JsonNode body = json(r.body());
        assertThat(body.path("id").asText()).matches("gen-\\d{10}-[A-Za-z0-9]{20}");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("model").asText()).isEqualTo("openai/gpt-4-turbo");
        assertThat(body.path("provider").asText()).isEqualTo("OpenAI");
        assertThat(body.path("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.path("native_finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText())
                .isEqualTo("[fake openai/gpt-4-turbo] You said: What is the capital of France?");
        JsonNode usage = body.path("usage");
        assertThat(usage.path("is_byok").asBoolean(true)).isFalse();
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt(-1)).isZero();
        assertThat(usage.path("prompt_tokens_details").path("cache_write_tokens").asInt(-1)).isZero();
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt(-1)).isZero();
        assertThat(usage.path("cost_details").has("upstream_inference_cost")).isTrue();
        assertThat(usage.path("cost_details").path("upstream_inference_cost").isNull()).isTrue();

        OpenRouterSchemas.assertValidChatResult(r.body());
    }

    @Test
    void usage_and_cost_follow_the_prices() {
        // 9 + 30 = 39 characters of messages -> ceil(39 / 4) = 10 prompt tokens
        String body = request("openai/gpt-4-turbo", "What is the capital of France?", false);
        JsonNode r = json(chat(fake, body).body());
        JsonNode usage = r.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(10);
        // "[fake openai/gpt-4-turbo] You said: What is the capital of France?": a token per word
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(10);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(20);
        // GPT-4 Turbo seed prices: 0.01 / 0.03 per 1K tokens
        BigDecimal promptCost = new BigDecimal("0.00001").multiply(BigDecimal.valueOf(10));
        BigDecimal completionCost = new BigDecimal("0.00003").multiply(BigDecimal.valueOf(10));
        assertThat(usage.path("cost").decimalValue()).isEqualByComparingTo(promptCost.add(completionCost));
        assertThat(usage.path("cost_details").path("upstream_inference_prompt_cost").decimalValue())
                .isEqualByComparingTo(promptCost);
        assertThat(usage.path("cost_details").path("upstream_inference_completions_cost").decimalValue())
                .isEqualByComparingTo(completionCost);
    }

    @Test
    void long_words_count_one_token_per_32_characters() {
        fake.enqueue(FakeResponse.text("short " + "x".repeat(70)));
        JsonNode r = json(chat(fake, request("openai/gpt-4", "x", false)).body());
        assertThat(r.path("usage").path("completion_tokens").asInt()).isEqualTo(1 + 3);
        fake.enqueue(FakeResponse.text("short " + "x".repeat(70)));
        String sse = chat(fake, request("openai/gpt-4", "x", true)).body();
        assertThat(Http.streamedContent(sse)).isEqualTo("short " + "x".repeat(70));
    }

    @Test
    void cost_is_written_as_a_plain_exact_number() {
        // anthropic/claude-3-haiku: 0.00025 / 0.00125 per 1K -> tiny per-token prices
        String raw = chat(fake, request("anthropic/claude-3-haiku", "Hi", false)).body();
        JsonNode usage = json(raw).path("usage");
        int p = usage.path("prompt_tokens").asInt();
        int c = usage.path("completion_tokens").asInt();
        BigDecimal expected = new BigDecimal("0.00000025").multiply(BigDecimal.valueOf(p))
                .add(new BigDecimal("0.00000125").multiply(BigDecimal.valueOf(c))).stripTrailingZeros();
        assertThat(raw).contains("\"cost\":" + expected.toPlainString() + ",");
        assertThat(raw).doesNotContainPattern("\\d[eE][-+]?\\d");
        assertThat(json(raw).path("provider").asText()).isEqualTo("Anthropic");
    }

    @Test
    void snapshot_models_use_snapshot_prices() {
        // openai/gpt-5-mini in the snapshot: prompt 0.00000025, completion 0.000002 per token
        JsonNode usage = json(chat(fake, request("openai/gpt-5-mini", "Tell me about Venus", false)).body())
                .path("usage");
        BigDecimal expected = new BigDecimal("0.00000025").multiply(usage.path("prompt_tokens").decimalValue())
                .add(new BigDecimal("0.000002").multiply(usage.path("completion_tokens").decimalValue()));
        assertThat(usage.path("cost").decimalValue()).isEqualByComparingTo(expected);
    }

    @Test
    void all_demo_models_are_known_with_providers() {
        List<String> demo = List.of("openai/gpt-4-turbo", "openai/gpt-4", "openai/gpt-3.5-turbo",
                "anthropic/claude-3-opus", "anthropic/claude-3-sonnet", "anthropic/claude-3-haiku",
                "google/gemini-pro-1.5", "meta-llama/llama-3-70b-instruct", "meta-llama/llama-3-8b-instruct");
        for (String model : demo) {
            HttpResponse<String> r = chat(fake, request(model, "Hello", false));
            assertThat(r.statusCode()).as(model).isEqualTo(200);
            assertThat(json(r.body()).path("model").asText()).isEqualTo(model);
        }
        assertThat(json(chat(fake, request("google/gemini-pro-1.5", "x", false)).body()).path("provider").asText())
                .isEqualTo("Google");
        assertThat(json(chat(fake, request("meta-llama/llama-3-8b-instruct", "x", false)).body())
                .path("provider").asText()).isEqualTo("DeepInfra");
        // Claude 3 Opus seed prices 0.015 / 0.075 per 1K
        JsonNode u = json(chat(fake, request("anthropic/claude-3-opus", "Hello", false)).body()).path("usage");
        assertThat(u.path("cost").decimalValue()).isEqualByComparingTo(
                new BigDecimal("0.000015").multiply(u.path("prompt_tokens").decimalValue())
                        .add(new BigDecimal("0.000075").multiply(u.path("completion_tokens").decimalValue())));
    }

    @Test
    void variants_and_canonical_slugs_are_known() {
        assertThat(chat(fake, request("openai/gpt-5-mini:nitro", "x", false)).statusCode()).isEqualTo(200);
        assertThat(chat(fake, request("openai/gpt-5-mini-2025-08-07", "x", false)).statusCode()).isEqualTo(200);
        assertThat(chat(fake, request("openai/gpt-oss-20b:free", "x", false)).statusCode()).isEqualTo(200);
        JsonNode free = json(chat(fake, request("openai/gpt-oss-20b:free", "x", false)).body());
        assertThat(free.path("usage").path("cost").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void router_with_dynamic_price_serves_a_concrete_model() {
        JsonNode r = json(chat(fake, request("openrouter/auto", "x", false)).body());
        assertThat(r.path("model").asText()).isEqualTo("openai/gpt-4o-mini");
        assertThat(r.path("usage").path("cost").decimalValue()).isPositive();
    }

    @Test
    void unknown_model_is_400_with_openrouters_body() {
        HttpResponse<String> r = chat(fake, request("acme/not-a-model", "x", false));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = json(r.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("message").asText()).isEqualTo("acme/not-a-model is not a valid model ID");
        OpenRouterSchemas.assertValid("BadRequestResponse", r.body());
    }

    @Test
    void fallback_models_are_tried_in_order() {
        String body = "{\"model\":\"acme/nope\",\"models\":[\"acme/also-nope\",\"anthropic/claude-3-sonnet\","
                + "\"openai/gpt-4\"],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> r = chat(fake, body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r.body());
        assertThat(j.path("model").asText()).isEqualTo("anthropic/claude-3-sonnet");
        assertThat(j.path("provider").asText()).isEqualTo("Anthropic");

        String none = "{\"model\":\"acme/nope\",\"models\":[\"acme/also-nope\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> bad = chat(fake, none);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).path("error").path("message").asText())
                .isEqualTo("acme/nope is not a valid model ID");
    }

    @Test
    void max_tokens_truncates_with_finish_reason_length() {
        String body = "{\"model\":\"openai/gpt-4\",\"max_tokens\":3,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three four five\"}]}";
        JsonNode r = json(chat(fake, body).body());
        JsonNode choice = r.path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("[fake openai/gpt-4] You");
        assertThat(r.path("usage").path("completion_tokens").asInt()).isEqualTo(3);

        String streamBody = body.replace("\"max_tokens\":3", "\"max_completion_tokens\":2,\"stream\":true");
        String sse = chat(fake, streamBody).body();
        assertThat(Http.streamedContent(sse)).isEqualTo("[fake openai/gpt-4]");
        List<JsonNode> chunks = Http.chunks(sse);
        assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("length");
    }

    @Test
    void stream_answer_has_openrouters_framing_and_valid_chunks() {
        HttpResponse<String> r = chat(fake, request("anthropic/claude-3-haiku", "Tell me a joke please", true));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(r.headers().firstValue("transfer-encoding")).hasValue("chunked");
        String sse = r.body();
        assertThat(sse).startsWith(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: ");
        assertThat(sse).endsWith("data: [DONE]\n\n");

        List<String> payloads = Http.dataPayloads(sse);
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = Http.chunks(sse);
        for (JsonNode c : chunks) {
            OpenRouterSchemas.assertValidChatStreamChunk(c.toString());
        }
        String id = chunks.get(0).path("id").asText();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.path("id").asText()).isEqualTo(id);
            assertThat(c.path("provider").asText()).isEqualTo("Anthropic");
            assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
        });
        JsonNode role = chunks.get(0).path("choices").get(0).path("delta");
        assertThat(role.path("role").asText()).isEqualTo("assistant");
        assertThat(role.path("content").asText()).isEmpty();
        assertThat(chunks.size()).isGreaterThan(6); // several content chunks
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(finish.path("choices").get(0).path("native_finish_reason").asText()).isEqualTo("stop");
        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        assertThat(usageChunk.path("choices").isArray()).isTrue();
        assertThat(usageChunk.path("choices")).isEmpty();
        assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(Http.streamedContent(sse))
                .isEqualTo("[fake anthropic/claude-3-haiku] You said: Tell me a joke please");
        // usage tokens agree with the sync answer for the same request
        JsonNode sync = json(chat(fake, request("anthropic/claude-3-haiku", "Tell me a joke please", false)).body());
        assertThat(usageChunk.path("usage").path("completion_tokens"))
                .isEqualTo(sync.path("usage").path("completion_tokens"));
    }

    @Test
    void tool_call_round_trip_sync() {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\":\"Weather\",\"parameters\":{\"type\":\"object\",\"properties\":{"
                + "\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"},\"metric\":{\"type\":\"boolean\"},"
                + "\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\",\"fahrenheit\"]},\"note\":{\"type\":\"string\"}},"
                + "\"required\":[\"city\",\"days\",\"metric\",\"unit\"]}}}]";
        String first = "{\"model\":\"mistralai/mistral-small-3.2-24b-instruct\"," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris\"}]}";
        HttpResponse<String> r1 = chat(fake, first);
        assertThat(r1.statusCode()).isEqualTo(200);
        OpenRouterSchemas.assertValidChatResult(r1.body());
        JsonNode choice = json(r1.body()).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        JsonNode args = json(call.path("function").path("arguments").asText());
        assertThat(args.path("city").asText()).isEqualTo("Weather in Paris");
        assertThat(args.path("days").asInt()).isEqualTo(2);
        assertThat(args.path("metric").asBoolean()).isTrue();
        assertThat(args.path("unit").asText()).isEqualTo("celsius");
        assertThat(args.has("note")).isFalse(); // only required properties
        assertThat(json(r1.body()).path("provider").asText()).isEqualTo("Mistral");

        String second = "{\"model\":\"mistralai/mistral-small-3.2-24b-instruct\"," + tools + ",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather in Paris\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"" + call.path("id").asText()
                + "\",\"content\":\"{\\\"temp\\\":21}\"}]}";
        HttpResponse<String> r2 = chat(fake, second);
        JsonNode c2 = json(r2.body()).path("choices").get(0);
        assertThat(c2.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(c2.path("message").path("content").asText())
                .contains("get_weather tool returned: {\"temp\":21}");
        OpenRouterSchemas.assertValidChatResult(r2.body());
    }

    @Test
    void tool_call_stream_repeats_the_id_in_every_chunk() {
        String body = "{\"model\":\"openai/gpt-4\",\"stream\":true,\"tools\":[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}},"
                + "\"required\":[\"q\"]}}}],\"messages\":[{\"role\":\"user\",\"content\":\"find cats\"}]}";
        String sse = chat(fake, body).body();
        List<JsonNode> chunks = Http.chunks(sse);
        chunks.forEach(c -> OpenRouterSchemas.assertValidChatStreamChunk(c.toString()));
        StringBuilder args = new StringBuilder();
        String id = null;
        int toolChunks = 0;
        for (JsonNode c : chunks) {
            for (JsonNode tc : c.path("choices").path(0).path("delta").path("tool_calls")) {
                toolChunks++;
                if (id == null) {
                    id = tc.path("id").asText();
                    assertThat(tc.path("function").path("name").asText()).isEqualTo("lookup");
                }
                assertThat(tc.path("id").asText()).isEqualTo(id);
                assertThat(tc.path("index").asInt()).isZero();
                args.append(tc.path("function").path("arguments").asText());
            }
        }
        assertThat(toolChunks).isGreaterThan(1);
        assertThat(json(args.toString()).path("q").asText()).isEqualTo("find cats");
        assertThat(chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("tool_calls");
    }

    @Test
    void tool_choice_none_answers_with_text() {
        String body = "{\"model\":\"openai/gpt-4\",\"tool_choice\":\"none\",\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        JsonNode choice = json(chat(fake, body).body()).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
    }

    @Test
    void structured_output_follows_the_json_schema() {
        String body = "{\"model\":\"openai/gpt-4\",\"messages\":[{\"role\":\"user\",\"content\":\"Give a city\"}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"city\",\"strict\":true,"
                + "\"schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
                + "\"population\":{\"type\":\"integer\"},\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                + "\"required\":[\"name\",\"population\",\"tags\"],\"additionalProperties\":false}}}}";
        HttpResponse<String> r = chat(fake, body);
        JsonNode content = json(json(r.body()).path("choices").get(0).path("message").path("content").asText());
        assertThat(content.path("name").asText()).isEqualTo("Give a city");
        assertThat(content.path("population").asInt()).isEqualTo(2);
        assertThat(content.path("tags")).hasSize(1);
    }

    @Test
    void missing_auth_is_401() {
        HttpResponse<String> r = Http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(fake.baseUrl() + "/chat/completions"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request("openai/gpt-4", "x", false)))
                .build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":401,\"message\":\"No auth credentials found\"}}");
    }

    @Test
    void invalid_bodies_are_400() {
        assertThat(chat(fake, "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> r = chat(fake, "{\"model\":\"openai/gpt-4\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r.body()).path("error").path("message").asText()).contains("messages");
    }

    @Test
    void request_without_model_uses_the_default_model() {
        JsonNode r = json(chat(fake, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body());
        assertThat(r.path("model").asText()).isEqualTo("openai/gpt-4o-mini");
    }
}
