package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.chat;
import static dev.openrouter4j.testkit.Http.json;
import static dev.openrouter4j.testkit.Http.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptedResponsesTest {

    @RegisterExtension
    static final FakeOpenRouterExtension OPENROUTER = new FakeOpenRouterExtension();

    private static FakeOpenRouter fake() {
        return OPENROUTER.fake();
    }

    private static HttpResponse<String> ask(FakeResponse response) {
        fake().enqueue(response);
        return chat(fake(), request("google/gemini-2.0-flash-001", "Hello there", false));
    }

    private static JsonNode error(HttpResponse<String> r) {
        return json(r.body()).path("error");
    }

    @Test
    void script_is_fifo_then_default() {
        fake().enqueue(FakeResponse.text("first")).enqueue(FakeResponse.serverError());
        String body = request("openai/gpt-4", "hi", false);
        HttpResponse<String> r1 = chat(fake(), body);
        HttpResponse<String> r2 = chat(fake(), body);
        HttpResponse<String> r3 = chat(fake(), body);
        assertThat(json(r1.body()).path("choices").get(0).path("message").path("content").asText()).isEqualTo("first");
        assertThat(r2.statusCode()).isEqualTo(500);
        assertThat(r3.statusCode()).isEqualTo(200);
        assertThat(json(r3.body()).path("choices").get(0).path("message").path("content").asText())
                .startsWith("[fake openai/gpt-4]");
    }

    @Test
    void text_honours_the_stream_flag() {
        fake().enqueue(FakeResponse.text("Paris is the capital.")).enqueue(FakeResponse.streamText("Paris is the capital."));
        HttpResponse<String> sync = chat(fake(), request("openai/gpt-4", "capital?", false));
        HttpResponse<String> stream = chat(fake(), request("openai/gpt-4", "capital?", true));
        OpenRouterSchemas.assertValidChatResult(sync.body());
        assertThat(json(sync.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Paris is the capital.");
        assertThat(stream.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(Http.streamedContent(stream.body())).isEqualTo("Paris is the capital.");
        Http.chunks(stream.body()).forEach(c -> OpenRouterSchemas.assertValidChatStreamChunk(c.toString()));
    }

    @Test
    void scripted_tool_call() {
        fake().enqueue(FakeResponse.toolCall("divide", "{\"numerator\":123,\"denominator\":456}"));
        JsonNode call = json(chat(fake(), request("openai/gpt-4", "x", false)).body())
                .path("choices").get(0).path("message").path("tool_calls").get(0);
        assertThat(call.path("function").path("name").asText()).isEqualTo("divide");
        assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"numerator\":123,\"denominator\":456}");
    }

    @Test
    void raw_json_and_headers() {
        HttpResponse<String> r = ask(FakeResponse.json(418, "{\"teapot\":true}", Map.of("X-Custom", "yes")));
        assertThat(r.statusCode()).isEqualTo(418);
        assertThat(r.body()).isEqualTo("{\"teapot\":true}");
        assertThat(r.headers().firstValue("x-custom")).hasValue("yes");
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");

        HttpResponse<String> r2 = ask(FakeResponse.json(200, "{}").withHeader("X-Request-Id", "abc"));
        assertThat(r2.headers().firstValue("x-request-id")).hasValue("abc");
    }

    @Test
    void raw_sse_is_served_exactly() {
        String raw = ": OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n\ndata: [DONE]\n\n";
        HttpResponse<String> r = ask(FakeResponse.sse(raw));
        assertThat(r.body()).isEqualTo(raw);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");

        HttpResponse<String> r2 = ask(FakeResponse.sseEvents(List.of("{\"x\":1}", "{\"x\":2}")));
        assertThat(r2.body()).isEqualTo(
                ": OPENROUTER PROCESSING\n\ndata: {\"x\":1}\n\ndata: {\"x\":2}\n\ndata: [DONE]\n\n");
    }

    @ParameterizedTest(name = "error({0}) -> {1}")
    @CsvSource({
        "400, BadRequestResponse",
        "401, UnauthorizedResponse",
        "402, PaymentRequiredResponse",
        "403, ForbiddenResponse",
        "404, NotFoundResponse",
        "408, RequestTimeoutResponse",
        "413, PayloadTooLargeResponse",
        "422, UnprocessableEntityResponse",
        "429, TooManyRequestsResponse",
        "500, InternalServerResponse",
        "502, BadGatewayResponse",
        "503, ServiceUnavailableResponse",
        "524, EdgeNetworkTimeoutResponse",
        "529, ProviderOverloadedResponse"
    })
    void canonicalErrorBodiesMatchTheSpec(int status, String schema) {
        HttpResponse<String> r = ask(FakeResponse.error(status));
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(error(r).path("code").asInt()).isEqualTo(status);
        assertThat(error(r).path("message").asText()).isNotBlank();
        OpenRouterSchemas.assertValid(schema, r.body());
    }

    @Test
    void platform_rate_limit_has_rate_limit_headers() {
        HttpResponse<String> r = ask(FakeResponse.error(429));
        assertThat(r.headers().firstValue("x-ratelimit-limit")).hasValue("20");
        assertThat(r.headers().firstValue("x-ratelimit-remaining")).hasValue("0");
        assertThat(r.headers().firstValue("x-ratelimit-reset")).isPresent();
    }

    @Test
    void named_errors() {
        HttpResponse<String> bad = ask(FakeResponse.badRequest("temperature must be <= 2"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(error(bad).path("message").asText()).isEqualTo("temperature must be <= 2");

        HttpResponse<String> invalid = ask(FakeResponse.invalidModel("foo/bar"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(error(invalid).path("message").asText()).isEqualTo("foo/bar is not a valid model ID");

        HttpResponse<String> noEndpoints = ask(FakeResponse.noEndpoints("foo/bar"));
        assertThat(noEndpoints.statusCode()).isEqualTo(404);
        assertThat(error(noEndpoints).path("message").asText()).isEqualTo("No endpoints found for foo/bar.");

        HttpResponse<String> credits = ask(FakeResponse.insufficientCredits());
        assertThat(credits.statusCode()).isEqualTo(402);
        assertThat(error(credits).path("message").asText()).isEqualTo("This request requires more credits, or fewer "
                + "max_tokens. You requested up to 32000 tokens, but can only afford 27342. To increase, visit "
                + "https://openrouter.ai/settings/credits and add more credits");
        assertThat(error(credits).path("metadata").has("provider_name")).isTrue();
        assertThat(error(credits).path("metadata").path("provider_name").isNull()).isTrue();

        HttpResponse<String> context = ask(FakeResponse.contextTooLong());
        assertThat(context.statusCode()).isEqualTo(400);
        assertThat(error(context).path("metadata").path("error_type").asText()).isEqualTo("context_length_exceeded");
        assertThat(error(context).path("message").asText()).contains("maximum context length");

        assertThat(ask(FakeResponse.requestTimeout()).statusCode()).isEqualTo(408);
        assertThat(ask(FakeResponse.payloadTooLarge()).statusCode()).isEqualTo(413);
        assertThat(ask(FakeResponse.serverError()).statusCode()).isEqualTo(500);
        assertThat(ask(FakeResponse.badGateway()).statusCode()).isEqualTo(502);
        assertThat(ask(FakeResponse.noProvider()).statusCode()).isEqualTo(503);
        assertThat(ask(FakeResponse.edgeTimeout()).statusCode()).isEqualTo(524);
        HttpResponse<String> overloaded = ask(FakeResponse.overloaded());
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(error(overloaded).path("metadata").path("error_type").asText()).isEqualTo("provider_overloaded");
    }

    @Test
    void unauthorized_depends_on_the_key() {
        HttpResponse<String> withKey = ask(FakeResponse.unauthorized());
        assertThat(withKey.statusCode()).isEqualTo(401);
        assertThat(error(withKey).path("message").asText()).isEqualTo("User not found.");

        fake().enqueue(FakeResponse.unauthorized());
        HttpResponse<String> withoutKey = Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fake().baseUrl() + "/chat/completions"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(error(withoutKey).path("message").asText()).isEqualTo("No auth credentials found");
    }

    @Test
    void moderation_and_guardrail() {
        fake().enqueue(FakeResponse.moderation(List.of("violence", "harassment")));
        HttpResponse<String> r = chat(fake(), request("openai/gpt-4o", "something flagged", false));
        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode meta = error(r).path("metadata");
        assertThat(meta.path("reasons")).extracting(JsonNode::asText).containsExactly("violence", "harassment");
        assertThat(meta.path("flagged_input").asText()).isEqualTo("something flagged");
        assertThat(meta.path("provider_name").asText()).isEqualTo("OpenAI");
        assertThat(meta.path("model_slug").asText()).isEqualTo("openai/gpt-4o");

        HttpResponse<String> g = ask(FakeResponse.guardrail());
        assertThat(g.statusCode()).isEqualTo(403);
        assertThat(error(g).path("metadata").path("patterns").isArray()).isTrue();
        assertThat(error(g).path("metadata").path("permission").asText()).isNotBlank();
    }

    @Test
    void rate_limited_has_retry_after_and_the_recorded_shape() {
        HttpResponse<String> r = ask(FakeResponse.rateLimited(7));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("7");
        JsonNode e = error(r);
        assertThat(e.path("message").asText()).isEqualTo("Provider returned error");
        assertThat(e.path("metadata").path("provider_name").asText()).isEqualTo("Google");
        assertThat(e.path("metadata").path("raw").asText())
                .startsWith("google/gemini-2.0-flash-001 is temporarily rate-limited upstream.");
        assertThat(json(r.body()).path("user_id").asText()).startsWith("user_");
        // same shape as the real recording
        JsonNode recorded = json(Recording.load("openrouter_errors_raised").exchanges().get(0).body());
        assertThat(fieldNames(json(r.body()))).isEqualTo(fieldNames(recorded));
        assertThat(fieldNames(e.path("metadata"))).isEqualTo(fieldNames(recorded.path("error").path("metadata")));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        java.util.Collections.sort(names);
        return names;
    }

    @Test
    void html_page() {
        HttpResponse<String> r = ask(FakeResponse.htmlPage(502));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=UTF-8");
        assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("502: Bad Gateway").contains("Cloudflare Ray ID");
        assertThat(r.headers().firstValue("server")).hasValue("cloudflare");
    }

    @Test
    void ok_200_error_body_has_no_choices() {
        HttpResponse<String> r = ask(FakeResponse.ok200ErrorBody());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r.body());
        assertThat(j.has("choices")).isFalse();
        assertThat(j.path("error").path("code").asInt()).isEqualTo(502);
        assertThat(j.path("error").path("message").asText()).isNotBlank();
    }

    @Test
    void choice_error() {
        HttpResponse<String> r = ask(FakeResponse.choiceError());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode choice = json(r.body()).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("error");
        assertThat(choice.path("error").path("code").asInt()).isEqualTo(502);
        assertThat(choice.path("error").path("message").asText()).isNotBlank();
        assertThat(choice.path("message").path("content").asText()).isEqualTo("The answer is");
        OpenRouterSchemas.assertValidChatResult(r.body());
    }

    @Test
    void with_delay_delays_the_whole_response() {
        long start = System.nanoTime();
        HttpResponse<String> r = ask(FakeResponse.text("late").withDelay(Duration.ofMillis(400)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ms).isBetween(380L, 5_000L);
    }

    @Test
    void extension_resets_before_each_test_part_1() {
        fake().enqueue(FakeResponse.serverError()); // left in the script on purpose
        chat(fake(), request("openai/gpt-4", "x", false));
        fake().enqueue(FakeResponse.serverError());
        assertThat(fake().requests()).hasSize(1);
    }

    @Test
    void extension_resets_before_each_test_part_2() {
        // whichever of part1/part2 runs second sees a fresh script and no requests
        assertThat(fake().requests()).isEmpty();
        assertThat(chat(fake(), request("openai/gpt-4", "x", false)).statusCode()).isEqualTo(200);
    }
}
