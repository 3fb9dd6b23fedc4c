package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.chat;
import static dev.openrouter4j.testkit.Http.get;
import static dev.openrouter4j.testkit.Http.json;
import static dev.openrouter4j.testkit.Http.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeOpenRouterExtension.class)
class EndpointsTest {

    private final FakeOpenRouter fake;

    EndpointsTest(FakeOpenRouter fake) {
        this.fake = fake;
    }

    @Test
    void models_is_the_bundled_snapshot_without_auth() throws Exception {
        HttpResponse<String> r = get(fake, "/models", false);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        byte[] bundled;
        try (InputStream in = FakeOpenRouter.class.getResourceAsStream("models-2026-05.json")) {
            bundled = in.readAllBytes();
        }
        assertThat(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(bundled);
        assertThat(json(r.body()).path("data")).hasSize(356);
        assertThat(get(fake, "/models?supported_parameters=tools", false).statusCode()).isEqualTo(200);
    }

    @Test
    void key_needs_auth_and_sums_the_costs_served() {
        assertThat(get(fake, "/key", false).statusCode()).isEqualTo(401);
        JsonNode before = json(get(fake, "/key", true).body()).path("data");
        assertThat(before.path("label").asText()).isEqualTo("sk-or-v1-012...def");
        assertThat(before.path("limit").isNull()).isTrue();
        assertThat(before.path("limit_remaining").isNull()).isTrue();
        assertThat(before.path("is_free_tier").asBoolean(true)).isFalse();
        assertThat(before.path("usage").decimalValue()).isEqualByComparingTo("0");

        BigDecimal c1 = json(chat(fake, request("openai/gpt-4", "one", false)).body()).path("usage").path("cost")
                .decimalValue();
        String sse = chat(fake, request("openai/gpt-4", "two two", true)).body();
        java.util.List<JsonNode> chunks = Http.chunks(sse);
        BigDecimal c2 = chunks.get(chunks.size() - 1).path("usage").path("cost").decimalValue();
        JsonNode after = json(get(fake, "/key", true).body()).path("data");
        assertThat(after.path("usage").decimalValue()).isEqualByComparingTo(c1.add(c2));
        assertThat(after.path("usage_daily").decimalValue()).isEqualByComparingTo(c1.add(c2));
        OpenRouterSchemas.assertValid("GenerationResponse",
                get(fake, "/generation?id=" + json(chat(fake, request("openai/gpt-4", "x", false)).body())
                        .path("id").asText(), true).body());
    }

    @Test
    void generation_of_served_answers() {
        JsonNode answer = json(chat(fake, request("anthropic/claude-3-sonnet", "hello", false)).body());
        String id = answer.path("id").asText();
        HttpResponse<String> r = get(fake, "/generation?id=" + id, true);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode data = json(r.body()).path("data");
        assertThat(data.path("id").asText()).isEqualTo(id);
        assertThat(data.path("model").asText()).isEqualTo("anthropic/claude-3-sonnet");
        assertThat(data.path("provider_name").asText()).isEqualTo("Anthropic");
        assertThat(data.path("streamed").asBoolean(true)).isFalse();
        assertThat(data.path("cancelled").asBoolean(true)).isFalse();
        assertThat(data.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(data.path("tokens_prompt")).isEqualTo(answer.path("usage").path("prompt_tokens"));
        assertThat(data.path("tokens_completion")).isEqualTo(answer.path("usage").path("completion_tokens"));
        assertThat(data.path("native_tokens_prompt")).isEqualTo(answer.path("usage").path("prompt_tokens"));
        assertThat(data.path("native_tokens_completion")).isEqualTo(answer.path("usage").path("completion_tokens"));
        assertThat(data.path("native_tokens_reasoning").asInt(-1)).isZero();
        assertThat(data.path("native_tokens_cached").asInt(-1)).isZero();
        assertThat(data.path("total_cost").decimalValue())
                .isEqualByComparingTo(answer.path("usage").path("cost").decimalValue());
        assertThat(data.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(data.path("user_agent").asText()).startsWith("Java-http-client");
        OpenRouterSchemas.assertValid("GenerationResponse", r.body());

        String streamedId = Http.chunks(chat(fake, request("openai/gpt-4", "x", true)).body()).get(0).path("id")
                .asText();
        assertThat(json(get(fake, "/generation?id=" + streamedId, true).body()).path("data").path("streamed")
                .asBoolean()).isTrue();
    }

    @Test
    void generation_misses_then_hits() {
        fake.generationLookupMisses(2);
        String id = json(chat(fake, request("openai/gpt-4", "x", false)).body()).path("id").asText();
        HttpResponse<String> first = get(fake, "/generation?id=" + id, true);
        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(json(first.body()).path("error").path("code").asInt()).isEqualTo(404);
        OpenRouterSchemas.assertValid("NotFoundResponse", first.body());
        assertThat(get(fake, "/generation?id=" + id, true).statusCode()).isEqualTo(404);
        assertThat(get(fake, "/generation?id=" + id, true).statusCode()).isEqualTo(200);
        assertThat(get(fake, "/generation?id=" + id, true).statusCode()).isEqualTo(200);
    }

    @Test
    void generation_unknown_put_and_auth() {
        assertThat(get(fake, "/generation?id=gen-unknown", true).statusCode()).isEqualTo(404);
        assertThat(get(fake, "/generation?id=gen-unknown", false).statusCode()).isEqualTo(401);
        assertThat(get(fake, "/generation", true).statusCode()).isEqualTo(400);
        fake.putGeneration("gen-custom", json("{\"id\":\"gen-custom\",\"total_cost\":0.5}"));
        HttpResponse<String> r = get(fake, "/generation?id=gen-custom", true);
        assertThat(json(r.body()).path("data").path("total_cost").asDouble()).isEqualTo(0.5);
    }

    @Test
    void reset_forgets_generations() {
        String id = json(chat(fake, request("openai/gpt-4", "x", false)).body()).path("id").asText();
        fake.reset();
        assertThat(get(fake, "/generation?id=" + id, true).statusCode()).isEqualTo(404);
        assertThat(json(get(fake, "/key", true).body()).path("data").path("usage").decimalValue())
                .isEqualByComparingTo("0");
    }

    @Test
    void unknown_paths_and_methods() {
        HttpResponse<String> r = get(fake, "/nope", true);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r.body()).path("error").path("code").asInt()).isEqualTo(404);
        assertThat(get(fake, "/chat/completions", true).statusCode()).isEqualTo(405);
    }
}
