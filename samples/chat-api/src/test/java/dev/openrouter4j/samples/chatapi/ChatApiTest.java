package dev.openrouter4j.samples.chatapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import dev.openrouter4j.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API end to end over real HTTP: Jersey on Grizzly, Weld, SmallRye Config and {@code openrouter-cdi},
 * against a fake OpenRouter this test scripts. A canary key is configured, and no response or log line may show it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatApiTest {

    private static final String CANARY_KEY = "sk-or-v1-canary7f3a9c21d4e8b6f0";
    private static final JsonNode JSON_ZERO = ApiClient.JSON.createObjectNode().put("calls", 0).put("ok", 0)
            .put("outputTokens", 0).put("cost", 0);

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;
    private FakeOpenRouter fake;
    private ChatApiServer server;
    private ApiClient api;

    @BeforeAll
    void start() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(new Tee(originalErr, logs), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(originalOut, logs), true, StandardCharsets.UTF_8));
        fake = FakeOpenRouter.start();
        server = ChatApiServer.start(ChatApiServer.Options.defaults()
                .port(0)
                .apiKey(CANARY_KEY)
                .baseUrl(fake.baseUrl())
                .property("openrouter.model", "openai/gpt-3.5-turbo") // whatever OPENROUTER_MODEL says
                .property("openrouter.max-retries", "0")); // each scripted failure reaches the client as is
        api = new ApiClient(server.uri());
    }

    @AfterAll
    void stop() {
        try {
            if (server != null) server.close();
            if (fake != null) fake.close();
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
    }

    @BeforeEach
    void freshFake() {
        fake.reset();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Models {

        @Test
        void lists_the_catalog_with_context_length_and_price_per_1k_tokens() {
            ApiClient.Reply r = api.get("api/v1/llm/models");

            assertThat(r.status()).isEqualTo(200);
            JsonNode body = r.json();
            assertThat(body.path("default").asText()).isEqualTo("openai/gpt-3.5-turbo");
            assertThat(body.path("count").asInt()).isGreaterThan(100).isEqualTo(body.path("models").size());
            JsonNode gpt35 = find(body, "openai/gpt-3.5-turbo");
            assertThat(gpt35.path("name").asText()).isEqualTo("OpenAI: GPT-3.5 Turbo");
            assertThat(gpt35.path("contextLength").asInt()).isEqualTo(16385);
            // $0.0000005 / $0.0000015 per token
            assertThat(gpt35.path("pricePer1K").path("input").decimalValue()).isEqualByComparingTo("0.0005");
            assertThat(gpt35.path("pricePer1K").path("output").decimalValue()).isEqualByComparingTo("0.0015");
            assertThat(r.body()).doesNotContain("E-");
        }

        @Test
        void filters_by_every_word_of_q() {
            JsonNode body = api.get("api/v1/llm/models?q=claude%20haiku").json();

            assertThat(body.path("count").asInt()).isPositive();
            assertThat(ids(body)).contains("anthropic/claude-3-haiku")
                    .allSatisfy(id -> assertThat(id).containsIgnoringCase("claude"));
            assertThat(api.get("api/v1/llm/models?q=no-such-model-anywhere").json().path("count").asInt()).isZero();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Chat {

        @Test
        void answers_with_token_counts_cost_generation_id_and_provider() {
            ApiClient.Reply r = api.post("api/v1/llm/chat", ApiClient.chatBody("anthropic/claude-3-haiku", "Hello"));

            assertThat(r.status()).isEqualTo(200);
            JsonNode a = r.json();
            assertThat(a.path("model").asText()).isEqualTo("anthropic/claude-3-haiku");
            assertThat(a.path("answer").asText()).contains("Hello");
            assertThat(a.path("usage").path("inputTokens").asInt()).isPositive();
            assertThat(a.path("usage").path("outputTokens").asInt()).isPositive();
            assertThat(a.path("usage").path("totalTokens").asInt()).isEqualTo(
                    a.path("usage").path("inputTokens").asInt() + a.path("usage").path("outputTokens").asInt());
            assertThat(a.path("cost").decimalValue()).isPositive();
            assertThat(a.path("generationId").asText()).startsWith("gen-");
            assertThat(a.path("provider").asText()).isEqualTo("Anthropic");

            RecordedRequest sent = chatRequest();
            assertThat(sent.json().path("model").asText()).isEqualTo("anthropic/claude-3-haiku");
            assertThat(sent.header("Authorization")).isEqualTo("Bearer " + CANARY_KEY);
        }

        @Test
        void uses_the_default_model_when_none_is_named_and_sends_the_whole_conversation() {
            String body = """
                    {"messages": [
                      {"role": "system", "content": "Be brief."},
                      {"role": "user", "content": "Hi"},
                      {"role": "assistant", "content": "Hello!"},
                      {"role": "user", "content": "How are you?"}],
                     "max_tokens": 50, "temperature": 0.5}""";
            ApiClient.Reply r = api.post("api/v1/llm/chat", body);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("model").asText()).isEqualTo("openai/gpt-3.5-turbo");
            JsonNode sent = chatRequest().json();
            assertThat(sent.path("model").asText()).isEqualTo("openai/gpt-3.5-turbo");
            assertThat(sent.path("messages").size()).isEqualTo(4);
            assertThat(sent.path("messages").get(2).path("role").asText()).isEqualTo("assistant");
            assertThat(sent.path("max_tokens").asInt()).isEqualTo(50);
            assertThat(sent.path("temperature").asDouble()).isEqualTo(0.5);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Streaming {

        @Test
        void streams_token_events_then_one_done_event_with_usage_and_cost() {
            ApiClient.StreamReply s = api.stream(ApiClient.chatBody("meta-llama/llama-3-8b-instruct", "Tell me"));

            assertThat(s.status()).isEqualTo(200);
            assertThat(s.contentType()).startsWith("text/event-stream");
            List<ApiClient.Event> tokens = s.named("token");
            assertThat(tokens).hasSizeGreaterThan(2);
            assertThat(s.named("done")).hasSize(1);
            assertThat(s.last().name()).isEqualTo("done");
            JsonNode done = s.last().data();
            StringBuilder text = new StringBuilder();
            tokens.forEach(t -> text.append(t.data().path("text").asText()));
            assertThat(done.path("answer").asText()).isEqualTo(text.toString()).contains("Tell me");
            assertThat(done.path("model").asText()).isEqualTo("meta-llama/llama-3-8b-instruct");
            assertThat(done.path("usage").path("outputTokens").asInt()).isPositive();
            assertThat(done.path("cost").decimalValue()).isPositive();
            assertThat(done.path("generationId").asText()).startsWith("gen-");
            assertThat(done.path("provider").asText()).isNotBlank();
            assertThat(chatRequest().json().path("stream").asBoolean()).isTrue();
        }

        @Test
        void an_upstream_failure_before_the_first_token_is_one_error_event() {
            fake.enqueue(FakeResponse.rateLimited(4));

            ApiClient.StreamReply s = api.stream(ApiClient.chatBody("openai/gpt-3.5-turbo", "Hi"));

            assertThat(s.status()).isEqualTo(200);
            assertThat(s.events()).hasSize(1);
            JsonNode error = s.last().data().path("error");
            assertThat(s.last().name()).isEqualTo("error");
            assertThat(error.path("status").asInt()).isEqualTo(429);
            assertThat(error.path("code").asText()).isEqualTo("rate_limited");
            assertThat(error.path("retryAfterSeconds").asInt()).isEqualTo(4);
            assertThat(error.path("openrouterMessage").asText()).isEqualTo("Provider returned error");
        }

        @Test
        void a_mid_stream_failure_ends_the_tokens_with_an_error_event_never_done() {
            fake.enqueue(FakeResponse.midStreamError("The answer is"));

            ApiClient.StreamReply s = api.stream(ApiClient.chatBody("openai/gpt-3.5-turbo", "Hi"));

            assertThat(s.named("token")).isNotEmpty();
            assertThat(s.named("done")).isEmpty();
            assertThat(s.last().name()).isEqualTo("error");
            assertThat(s.last().data().path("error").path("status").asInt()).isEqualTo(502);
        }

        @Test
        void bad_input_is_a_json_4xx_before_any_stream_opens() {
            ApiClient.Reply r = api.send(HttpRequest.newBuilder(server.uri().resolve("api/v1/llm/chat/stream"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(ApiClient.chatBody("openai/gpt-4-turbo-ultra", "x"))));

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.error().path("code").asText()).isEqualTo("unknown_model");
            assertThat(fake.requests()).noneMatch(q -> q.path().endsWith("/chat/completions"));
        }

        @Test
        void a_client_that_disconnects_cancels_the_upstream_stream() throws Exception {
            long cancelledBefore = usageTotal().path("cancelled").asLong();
            // 100 tokens, one every 100 ms: 10 s if nobody cancels
            fake.enqueue(FakeResponse.dribble(100, Duration.ofMillis(100)));
            byte[] body = ApiClient.chatBody("openai/gpt-3.5-turbo", "Count").getBytes(StandardCharsets.UTF_8);
            int openWhileStreaming;
            long disconnectedAt;
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/llm/chat/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nAccept: text/event-stream\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
                int tokens = 0;
                for (String line; tokens < 3 && (line = in.readLine()) != null; ) {
                    if (line.equals("event: token")) tokens++;
                }
                assertThat(tokens).isEqualTo(3);
                openWhileStreaming = fake.openConnections();
                assertThat(openWhileStreaming).isPositive();
                disconnectedAt = System.nanoTime();
            } // the client goes away mid-stream

            await(Duration.ofSeconds(5), () -> fake.openConnections() < openWhileStreaming);
            await(Duration.ofSeconds(5), () -> usageTotal().path("cancelled").asLong() == cancelledBefore + 1);
            assertThat(Duration.ofNanos(System.nanoTime() - disconnectedAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(logs.toString(StandardCharsets.UTF_8)).contains("went away from its openai/gpt-3.5-turbo stream: cancelled the upstream stream");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Usage {

        @Test
        void summarises_the_ledger_per_model_and_in_total() {
            String model = "openai/gpt-4-turbo";
            JsonNode before = api.get("api/v1/llm/usage").json();
            JsonNode answer = api.post("api/v1/llm/chat", ApiClient.chatBody(model, "Hi")).json();
            ApiClient.StreamReply streamed = api.stream(ApiClient.chatBody(model, "Again"));
            JsonNode done = streamed.last().data();

            JsonNode after = api.get("api/v1/llm/usage").json();
            JsonNode was = line(before, answer.path("model").asText());
            JsonNode now = line(after, answer.path("model").asText());
            assertThat(now).as("a usage line for %s in %s", model, after).isNotNull();
            assertThat(now.path("calls").asLong() - was.path("calls").asLong()).isEqualTo(2);
            assertThat(now.path("ok").asLong() - was.path("ok").asLong()).isEqualTo(2);
            assertThat(now.path("outputTokens").asLong() - was.path("outputTokens").asLong()).isEqualTo(
                    answer.path("usage").path("outputTokens").asLong() + done.path("usage").path("outputTokens").asLong());
            assertThat(now.path("cost").decimalValue().subtract(was.path("cost").decimalValue()))
                    .isEqualByComparingTo(answer.path("cost").decimalValue().add(done.path("cost").decimalValue()));
            JsonNode total = after.path("total");
            assertThat(total.path("calls").asLong()).isEqualTo(before.path("total").path("calls").asLong() + 2);
            BigDecimal sum = BigDecimal.ZERO;
            long calls = 0;
            for (JsonNode m : after.path("models")) {
                sum = sum.add(m.path("cost").decimalValue());
                calls += m.path("calls").asLong();
            }
            assertThat(total.path("cost").decimalValue()).isEqualByComparingTo(sum);
            assertThat(total.path("calls").asLong()).isEqualTo(calls);
        }

        private JsonNode line(JsonNode usage, String model) {
            for (JsonNode m : usage.path("models")) {
                if (m.path("model").asText().equals(model)) return m;
            }
            return model.isEmpty() ? null : JSON_ZERO;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Rag {

        @Test
        void answers_from_the_handbook_with_citations_and_the_cost_of_each_call() {
            api.post("api/v1/llm/rag", "{\"question\": \"Is the frame under warranty?\"}"); // the handbook is embedded once
            fake.reset();

            ApiClient.Reply r = api.post("api/v1/llm/rag",
                    "{\"question\": \"How long does it take to charge the battery?\"}");

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode body = r.json();
            assertThat(body.path("citations")).hasSize(2);
            JsonNode first = body.path("citations").get(0);
            assertThat(first.path("file").asText()).isEqualTo("charging.md");
            assertThat(first.path("title").asText()).isEqualTo("Charging");
            assertThat(first.path("score").asDouble()).isGreaterThan(body.path("citations").get(1).path("score")
                    .asDouble());
            assertThat(body.path("answer").asText()).contains("4.5 hours"); // the fake echoes what it was shown
            // one question: the question embedded, the candidates reranked, the answer written
            assertThat(fake.requests()).extracting(RecordedRequest::path)
                    .containsExactly("/api/v1/embeddings", "/api/v1/rerank", "/api/v1/chat/completions");
            assertThat(fake.requests().get(0).json().path("model").asText()).isEqualTo("openai/text-embedding-3-small");
            assertThat(fake.requests().get(1).json().path("model").asText()).isEqualTo("cohere/rerank-v3.5");
            List<String> kinds = new ArrayList<>();
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode call : body.path("calls")) {
                kinds.add(call.path("kind").asText());
                sum = sum.add(call.path("cost").decimalValue());
            }
            assertThat(kinds).containsExactly("embedding", "rerank", "chat");
            assertThat(body.path("cost").decimalValue()).isPositive().isEqualByComparingTo(sum);
        }

        @Test
        void a_missing_or_blank_question_is_400_before_any_call() {
            assertError(api.post("api/v1/llm/rag", "{}"), 400, "invalid_question");
            assertError(api.post("api/v1/llm/rag", "{\"question\": \"  \"}"), 400, "invalid_question");
            assertError(api.post("api/v1/llm/rag", "{\"question\": \"" + "x".repeat(2001) + "\"}"), 400,
                    "invalid_question");
            assertThat(fake.requests()).isEmpty();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BadInput {

        @Test
        void malformed_json_is_400_with_where_it_broke() {
            ApiClient.Reply r = api.post("api/v1/llm/chat", "{\"messages\": [{\"role\": \"user\" \"content\": 1}]}");

            assertError(r, 400, "malformed_json");
            assertThat(r.error().path("message").asText()).contains("line 1, column");

            ApiClient.Reply unclosed = api.post("api/v1/llm/chat", "{\"messages\": [}");
            assertError(unclosed, 400, "malformed_json");
            assertThat(unclosed.error().path("message").asText())
                    .isEqualTo("Malformed JSON at line 1, column 15: Unexpected close marker '}': expected ']'"
                            + " (for Array starting at line 1, column 14)");
        }

        @Test
        void a_body_cut_short_is_400() {
            assertError(api.post("api/v1/llm/chat", "{\"messages\": [{\"role\": \"user\""), 400, "malformed_json");
        }

        @Test
        void empty_messages_are_400() {
            ApiClient.Reply r = api.post("api/v1/llm/chat", "{\"model\": \"openai/gpt-3.5-turbo\", \"messages\": []}");

            assertError(r, 400, "invalid_request");
            assertThat(r.error().path("message").asText()).contains("messages must not be empty");
        }

        @Test
        void every_problem_of_the_messages_is_named() {
            ApiClient.Reply r = api.post("api/v1/llm/chat",
                    "{\"messages\": [{\"role\": \"robot\", \"content\": \"\"}], \"max_tokens\": 0}");

            assertError(r, 400, "invalid_request");
            assertThat(r.error().path("message").asText()).contains("messages[0].content must not be empty",
                    "messages[0].role must be system, user or assistant, not 'robot'", "max_tokens must be 1 or more");
        }

        @Test
        void an_empty_body_is_400() {
            assertError(api.post("api/v1/llm/chat", ""), 400, "empty_body");
        }

        @Test
        void a_wrong_type_is_400_naming_the_field() {
            ApiClient.Reply r = api.post("api/v1/llm/chat", "{\"messages\": {\"role\": \"user\"}}");
            assertError(r, 400, "invalid_json");
            assertThat(r.error().path("message").asText()).isEqualTo(
                    "Invalid JSON at 'messages': expected an array, got an object");

            ApiClient.Reply number = api.post("api/v1/llm/chat",
                    "{\"messages\": [{\"role\": \"user\", \"content\": 42}]}");
            assertError(number, 400, "invalid_json");
            assertThat(number.error().path("message").asText()).contains("'messages[0].content'", "a string");
        }

        @Test
        void an_unknown_field_is_400_listing_the_known_ones() {
            ApiClient.Reply r = api.post("api/v1/llm/chat", "{\"mesages\": []}");

            assertError(r, 400, "unknown_field");
            assertThat(r.error().path("message").asText()).contains("'mesages'", "messages", "model");
        }

        @Test
        void an_unknown_model_is_400_with_suggestions() {
            ApiClient.Reply r = api.post("api/v1/llm/chat", ApiClient.chatBody("openai/gpt-4-turbo-ultra", "Hi"));

            assertError(r, 400, "unknown_model");
            assertThat(r.error().path("message").asText()).contains("openai/gpt-4-turbo-ultra", "Did you mean");
            List<String> suggestions = new ArrayList<>();
            r.error().path("suggestions").forEach(s -> suggestions.add(s.asText()));
            assertThat(suggestions).hasSizeBetween(1, 3).contains("openai/gpt-4-turbo");
            assertThat(fake.requests()).noneMatch(q -> q.path().endsWith("/chat/completions"));
        }

        @Test
        void a_body_over_64_kib_is_413_stating_the_limit() {
            String big = ApiClient.chatBody(null, "a".repeat(70_000));

            ApiClient.Reply r = api.post("api/v1/llm/chat", big);

            assertError(r, 413, "body_too_large");
            assertThat(r.error().path("limitBytes").asInt()).isEqualTo(65536);
            assertThat(r.error().path("message").asText()).contains("65536 bytes (64 KiB)");
        }

        @Test
        void a_chunked_body_over_64_kib_is_413_too() {
            byte[] big = ApiClient.chatBody(null, "a".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
            ApiClient.Reply r = api.send(HttpRequest.newBuilder(server.uri().resolve("api/v1/llm/chat"))
                    .header("Content-Type", "application/json")
                    // no length known in advance: sent chunked
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));

            assertError(r, 413, "body_too_large");
        }

        @Test
        void a_body_just_under_the_limit_is_accepted() {
            String body = ApiClient.chatBody(null, "a".repeat(60_000));
            assertThat(body.length()).isLessThan(ChatApiServer.MAX_BODY_BYTES);

            assertThat(api.post("api/v1/llm/chat", body).status()).isEqualTo(200);
        }

        @Test
        void a_body_that_is_not_json_is_415() {
            assertError(api.post("api/v1/llm/chat", "hello", "text/plain"), 415, "unsupported_media_type");
        }

        @Test
        void unknown_paths_and_methods_are_json_404_and_405() {
            assertError(api.get("api/v1/llm/nothing"), 404, "not_found");
            assertError(api.get("api/v1/llm/chat"), 405, "method_not_allowed");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class UpstreamFailures {

        @Test
        void a_rate_limit_is_429_with_retry_after_and_openrouters_message() {
            fake.enqueue(FakeResponse.rateLimited(7));

            ApiClient.Reply r = chat();

            assertError(r, 429, "rate_limited");
            assertThat(r.header("Retry-After")).isEqualTo("7");
            assertThat(r.error().path("openrouterMessage").asText()).isEqualTo("Provider returned error");
        }

        @Test
        void no_credits_on_the_servers_key_is_503() {
            fake.enqueue(FakeResponse.insufficientCredits());

            ApiClient.Reply r = chat();

            assertError(r, 503, "insufficient_credits");
            assertThat(r.error().path("openrouterMessage").asText()).contains("requires more credits");
        }

        @Test
        void a_provider_error_is_502() {
            fake.enqueue(FakeResponse.badGateway());
            assertError(chat(), 502, "upstream_error");
            fake.enqueue(FakeResponse.serverError());
            assertError(chat(), 502, "upstream_error");
        }

        @Test
        void no_available_provider_or_overload_is_503() {
            fake.enqueue(FakeResponse.noProvider());
            ApiClient.Reply r = chat();
            assertError(r, 503, "upstream_unavailable");
            assertThat(r.error().path("openrouterMessage").asText()).contains("No allowed providers");
            fake.enqueue(FakeResponse.overloaded());
            assertError(chat(), 503, "upstream_unavailable");
        }

        @Test
        void openrouter_unreachable_is_503() {
            fake.enqueue(FakeResponse.closeWithoutResponse());
            ApiClient.Reply r = chat();
            assertError(r, 503, "upstream_unavailable");
            assertThat(r.error().has("openrouterMessage")).as("OpenRouter said nothing").isFalse();
        }

        @Test
        void a_rejected_key_is_502_and_the_key_appears_in_no_response_and_no_log() {
            fake.enqueue(FakeResponse.json(401, "{\"error\":{\"code\":401,\"message\":\"Invalid key "
                    + CANARY_KEY + "\"}}"));
            ApiClient.Reply auth = chat();
            assertError(auth, 502, "upstream_auth_failed");
            assertThat(auth.error().path("openrouterMessage").asText()).startsWith("Invalid key sk-or-v1-");

            fake.enqueue(FakeResponse.badRequest("max_tokens too large for key " + CANARY_KEY));
            ApiClient.Reply rejected = chat();
            assertError(rejected, 400, "rejected_by_openrouter");

            fake.enqueue(FakeResponse.json(401, "{\"error\":{\"code\":401,\"message\":\"Invalid key "
                    + CANARY_KEY + "\"}}"));
            ApiClient.StreamReply stream = api.stream(ApiClient.chatBody("openai/gpt-3.5-turbo", "Hi"));
            assertThat(stream.last().name()).isEqualTo("error");

            for (String body : List.of(auth.body(), rejected.body(), stream.raw())) {
                assertThat(body).doesNotContain(CANARY_KEY).doesNotContain(CANARY_KEY.substring(9));
            }
            String logged = logs.toString(StandardCharsets.UTF_8);
            assertThat(logged).contains("upstream_auth_failed"); // the failures were logged...
            assertThat(logged).doesNotContain(CANARY_KEY.substring(9)); // ...without the key
        }

        private ApiClient.Reply chat() {
            return api.post("api/v1/llm/chat", ApiClient.chatBody("openai/gpt-3.5-turbo", "Hi"));
        }
    }

    /** The next chat request the fake received (the catalog may be fetched first, depending on test order). */
    private RecordedRequest chatRequest() {
        for (RecordedRequest r = fake.takeRequest(); ; r = fake.takeRequest()) {
            if (r.path().endsWith("/chat/completions")) return r;
        }
    }

    private JsonNode usageTotal() {
        return api.get("api/v1/llm/usage").json().path("total");
    }

    private static void assertError(ApiClient.Reply r, int status, String code) {
        assertThat(r.status()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.error().path("status").asInt()).isEqualTo(status);
        assertThat(r.error().path("code").asText()).as("code of %s", r.body()).isEqualTo(code);
        assertThat(r.error().path("message").asText()).isNotBlank();
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode m : list.path("models")) {
            if (m.path("id").asText().equals(id)) return m;
        }
        throw new AssertionError(id + " is not listed");
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("models").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not true within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Writes to two streams: the console and the captured log. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
        }
    }
}
