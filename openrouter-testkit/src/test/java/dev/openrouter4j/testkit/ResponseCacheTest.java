package dev.openrouter4j.testkit;

import dev.openrouter4j.testkit.FakeOpenRouterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static dev.openrouter4j.testkit.Http.chunks;
import static dev.openrouter4j.testkit.Http.json;
import static dev.openrouter4j.testkit.Http.post;
import static dev.openrouter4j.testkit.Http.request;
import static dev.openrouter4j.testkit.Http.send;
import static dev.openrouter4j.testkit.Http.streamedContent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake plays OpenRouter's response cache ({@code X-OpenRouter-Cache}). */
@ExtendWith(FakeOpenRouterExtension.class)
class ResponseCacheTest {

    static FakeOpenRouter fake;

    @BeforeAll
    static void bind(FakeOpenRouter started) {
        fake = started; // one fake for the class, reset before each test by the extension
    }

    private static HttpResponse<String> cached(String body, String ttl) {
        HttpRequest.Builder b = post(fake, body).header("X-OpenRouter-Cache", "true");
        if (ttl != null) {
            b.header("X-OpenRouter-Cache-TTL", ttl);
        }
        return send(b.build());
    }

    private static String status(HttpResponse<?> r) {
        return r.headers().firstValue("X-OpenRouter-Cache-Status").orElse(null);
    }

    @Test
    void miss_then_hit_with_zero_usage_and_a_new_generation_id() {
        String body = request("openai/gpt-4o-mini", "What is 2+2?", false);
        HttpResponse<String> first = cached(body, null);
        HttpResponse<String> second = cached(body, null);

        assertThat(status(first)).isEqualTo("MISS");
        assertThat(first.headers().firstValue("X-OpenRouter-Cache-TTL")).hasValue("300");
        assertThat(status(second)).isEqualTo("HIT");
        JsonNode a = json(first.body());
        JsonNode b = json(second.body());
        assertThat(b.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo(a.path("choices").get(0).path("message").path("content").asText());
        assertThat(b.path("id").asText()).startsWith("gen-").isNotEqualTo(a.path("id").asText());
        assertThat(a.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(a.path("usage").path("cost").decimalValue()).isPositive();
        assertThat(b.path("usage").path("prompt_tokens").asInt(-1)).isZero();
        assertThat(b.path("usage").path("completion_tokens").asInt(-1)).isZero();
        assertThat(b.path("usage").path("total_tokens").asInt(-1)).isZero();
        assertThat(b.path("usage").path("cost").decimalValue()).isZero();
    }

    @Test
    void the_key_is_the_exact_body_so_property_order_matters() {
        String body = "{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        String reordered = "{\"temperature\":0,\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        assertThat(status(cached(body, null))).isEqualTo("MISS");
        assertThat(status(cached(reordered, null))).isEqualTo("MISS");
        assertThat(status(cached(body, null))).isEqualTo("HIT");
    }

    @Test
    void without_the_header_nothing_is_cached_or_labelled() {
        String body = request("openai/gpt-4o-mini", "Hi", false);
        cached(body, null);

        HttpResponse<String> plain = Http.chat(fake, body);

        assertThat(status(plain)).isNull();
        assertThat(json(plain.body()).path("usage").path("total_tokens").asInt()).isPositive();
    }

    @Test
    void a_streamed_hit_is_replayed_as_a_stream_with_zero_usage() {
        String body = request("openai/gpt-4o-mini", "Tell me about caching in five words", true);
        HttpResponse<String> first = cached(body, null);
        HttpResponse<String> second = cached(body, null);

        assertThat(status(first)).isEqualTo("MISS");
        assertThat(status(second)).isEqualTo("HIT");
        assertThat(second.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(streamedContent(second.body())).isEqualTo(streamedContent(first.body())).isNotEmpty();
        assertThat(chunks(second.body()).size()).isEqualTo(chunks(first.body()).size());
        List<JsonNode> chunks = chunks(second.body());
        JsonNode usage = chunks.get(chunks.size() - 1).path("usage");
        assertThat(usage.path("total_tokens").asInt(-1)).isZero();
        assertThat(usage.path("cost").decimalValue()).isZero();
        assertThat(second.body()).endsWith("data: [DONE]\n\n");
    }

    @Test
    void streaming_mode_is_part_of_the_key() {
        assertThat(status(cached(request("openai/gpt-4o-mini", "Hi", false), null))).isEqualTo("MISS");
        assertThat(status(cached(request("openai/gpt-4o-mini", "Hi", true), null))).isEqualTo("MISS");
    }

    @Test
    void entries_expire_after_their_ttl() throws InterruptedException {
        String body = request("openai/gpt-4o-mini", "Expire me", false);
        assertThat(status(cached(body, "1"))).isEqualTo("MISS");
        assertThat(status(cached(body, "1"))).isEqualTo("HIT");

        Thread.sleep(1_300);

        assertThat(status(cached(body, "1"))).isEqualTo("MISS");
    }

    @Test
    void errors_are_never_cached() {
        String body = request("nobody/no-such-model", "Hi", false);
        HttpResponse<String> first = cached(body, null);
        HttpResponse<String> second = cached(body, null);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(status(second)).isNull();
    }

    @Test
    void a_ttl_outside_one_to_one_day_is_refused() {
        String body = request("openai/gpt-4o-mini", "Hi", false);
        for (String bad : List.of("0", "86401", "soon")) {
            HttpResponse<String> r = cached(body, bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r.body()).path("error").path("message").asText()).contains("X-OpenRouter-Cache-TTL");
        }
        assertThat(status(cached(body, "86400"))).isEqualTo("MISS");
    }

    @Test
    void a_different_key_does_not_share_entries() {
        String body = request("openai/gpt-4o-mini", "Hi", false);
        cached(body, null);

        HttpResponse<String> other = send(post(fake, body).header("X-OpenRouter-Cache", "true")
                .setHeader("Authorization", "Bearer sk-or-v1-someoneelse00000000000000000000").build());

        assertThat(status(other)).isEqualTo("MISS");
    }
}
