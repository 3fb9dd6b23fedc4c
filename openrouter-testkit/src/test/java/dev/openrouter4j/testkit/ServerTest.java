package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.chat;
import static dev.openrouter4j.testkit.Http.json;
import static dev.openrouter4j.testkit.Http.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ServerTest {

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void records_every_request() {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + fake.port() + "/api/v1");
            String body = request("openai/gpt-4", "record me", false);
            HttpResponse<String> r = Http.send(Http.post(fake, body)
                    .header("HTTP-Referer", "https://example.org")
                    .header("X-OpenRouter-Title", "Test App")
                    .build());
            assertThat(r.statusCode()).isEqualTo(200);
            Http.get(fake, "/generation?id=gen-1&x=y", true);

            List<RecordedRequest> all = fake.requests();
            assertThat(all).hasSize(2);
            RecordedRequest first = fake.takeRequest();
            assertThat(first).isSameAs(all.get(0));
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.path()).isEqualTo("/api/v1/chat/completions");
            assertThat(first.header("authorization")).isEqualTo("Bearer " + Http.KEY);
            assertThat(first.header("AUTHORIZATION")).isEqualTo("Bearer " + Http.KEY);
            assertThat(first.header("http-referer")).isEqualTo("https://example.org");
            assertThat(first.headers().get("x-openrouter-title")).containsExactly("Test App");
            assertThat(first.header("X-Missing")).isNull();
            assertThat(first.body()).isEqualTo(body);
            assertThat(first.json().path("messages").get(1).path("content").asText()).isEqualTo("record me");
            RecordedRequest second = fake.takeRequest();
            assertThat(second.method()).isEqualTo("GET");
            assertThat(second.path()).isEqualTo("/api/v1/generation?id=gen-1&x=y");
            assertThat(second.json().isMissingNode()).isTrue();
            assertThat(fake.takeRequest(Duration.ofMillis(50))).isNull();

            fake.reset();
            assertThat(fake.requests()).isEmpty();
        }
    }

    @Test
    void keep_alive_connections_are_reused() throws Exception {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(Http.post(fake, request("openai/gpt-4", "hi", i == 1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            List<RecordedRequest> all = fake.requests();
            assertThat(all).extracting(RecordedRequest::connectionIndex).containsOnly(all.get(0).connectionIndex());
            assertThat(all).extracting(RecordedRequest::sequenceNumber).containsExactly(0, 1, 2);
            assertThat(fake.openConnections()).isEqualTo(1);
        }
    }

    @Test
    void connection_close_and_http_10_close_after_the_response() throws IOException {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            for (String request : List.of(
                    "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    "GET /api/v1/models HTTP/1.0\r\n\r\n")) {
                try (Socket s = new Socket("127.0.0.1", fake.port())) {
                    s.setSoTimeout(5_000);
                    s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                    InputStream in = s.getInputStream();
                    Http.RawResponse r = Http.readResponse(in);
                    assertThat(r.head()).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n");
                    assertThat(r.complete()).isTrue();
                    assertThat(in.read()).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void pipelined_requests_on_one_connection() throws IOException {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            fake.enqueue(FakeResponse.text("one")).enqueue(FakeResponse.text("two"));
            byte[] one = Http.rawChat(request("openai/gpt-4", "1", false), false);
            byte[] two = Http.rawChat(request("openai/gpt-4", "2", true), true);
            byte[] both = new byte[one.length + two.length];
            System.arraycopy(one, 0, both, 0, one.length);
            System.arraycopy(two, 0, both, one.length, two.length);
            try (Socket s = new Socket("127.0.0.1", fake.port())) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write(both);
                Http.RawResponse r1 = Http.readResponse(s.getInputStream());
                Http.RawResponse r2 = Http.readResponse(s.getInputStream());
                assertThat(new String(r1.body(), StandardCharsets.UTF_8)).contains("\"content\":\"one\"");
                assertThat(Http.streamedContent(new String(r2.joined(), StandardCharsets.UTF_8))).isEqualTo("two");
            }
            assertThat(fake.requests()).extracting(RecordedRequest::sequenceNumber).containsExactly(0, 1);
        }
    }

    @Test
    void chunked_request_bodies_are_decoded() throws IOException {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            String json = request("openai/gpt-4", "chunked body", false);
            Http.RawResponse r = Http.raw(fake, Http.rawChat(json, true));
            assertThat(r.head()).startsWith("HTTP/1.1 200 OK");
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("You said: chunked body");
            RecordedRequest recorded = fake.takeRequest();
            assertThat(recorded.body()).isEqualTo(json);
            assertThat(recorded.header("Transfer-Encoding")).isEqualTo("chunked");
        }
    }

    @Test
    void expect_continue_is_honoured() {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            HttpResponse<String> r = Http.send(Http.post(fake, request("openai/gpt-4", "continue", false))
                    .expectContinue(true).build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(fake.takeRequest().header("Expect")).isEqualToIgnoringCase("100-continue");
        }
    }

    @Test
    void an_h_2c_upgrade_is_ignored() throws Exception {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            HttpClient http2 = HttpClient.newHttpClient(); // tries "Upgrade: h2c" on http://
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = http2.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/models"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            }
            HttpResponse<String> post = http2.send(Http.post(fake, request("openai/gpt-4", "h2c", true)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Http.streamedContent(post.body())).contains("You said: h2c");
            assertThat(fake.takeRequest().header("Upgrade")).isEqualTo("h2c");
        }
    }

    @Test
    void ten_megabyte_request_bodies() {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            String big = "x".repeat(10 * 1024 * 1024);
            HttpResponse<String> r = chat(fake, request("openai/gpt-4", big, false));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r.body()).path("usage").path("prompt_tokens").asInt())
                    .isEqualTo((10 * 1024 * 1024 + 9 + 3) / 4);
            assertThat(fake.takeRequest().bodyBytes().length).isGreaterThan(10 * 1024 * 1024);
        }
    }

    @Test
    void malformed_requests_get_400() throws IOException {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            Http.RawResponse r = Http.raw(fake, "NONSENSE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(r.head()).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void open_connections_follows_the_clients() throws Exception {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            assertThat(fake.openConnections()).isZero();
            Socket a = new Socket("127.0.0.1", fake.port());
            Socket b = new Socket("127.0.0.1", fake.port());
            await(() -> fake.openConnections() == 2);
            a.close();
            await(() -> fake.openConnections() == 1);
            b.close();
            await(() -> fake.openConnections() == 0);
        }
    }

    @Test
    void close_ends_all_threads_and_sockets() throws Exception {
        FakeOpenRouter fake = FakeOpenRouter.start();
        int port = fake.port();
        // a kept-alive connection, a raw idle one and a stream that is still dribbling
        assertThat(chat(fake, request("openai/gpt-4", "x", false)).statusCode()).isEqualTo(200);
        Socket idle = new Socket("127.0.0.1", port);
        idle.setSoTimeout(5_000);
        fake.enqueue(FakeResponse.dribble(100, Duration.ofMillis(100)));
        CompletableFuture<HttpResponse<String>> dribbling = Http.CLIENT.sendAsync(
                Http.post(fake, request("openai/gpt-4", "x", true)).build(), HttpResponse.BodyHandlers.ofString());
        // the client's kept-alive connection (reused by the dribbling stream) and the raw idle one
        await(() -> fake.requests().size() == 2 && fake.openConnections() == 2);
        assertThat(Http.threadsOf(fake)).hasSize(5);
        assertThat(Http.threadsOf(fake)).allMatch(Thread::isDaemon);

        fake.close();

        assertThat(Http.threadsOf(fake)).isEmpty();
        assertThat(fake.openConnections()).isZero();
        assertThat(idle.getInputStream().read()).isEqualTo(-1);
        idle.close();
        assertThatThrownBy(dribbling::join).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        fake.close(); // idempotent
    }

    @Test
    void token_delay_paces_synthesized_streams() {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            fake.tokenDelay(Duration.ofMillis(50));
            long start = System.nanoTime();
            String sse = chat(fake, request("openai/gpt-4", "a b c", true)).body();
            long ms = (System.nanoTime() - start) / 1_000_000;
            int dataEvents = Http.dataPayloads(sse).size();
            assertThat(ms).isGreaterThanOrEqualTo(50L * (dataEvents - 1) - 20);
            fake.reset();
            long t0 = System.nanoTime();
            chat(fake, request("openai/gpt-4", "a b c", true));
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(50L * (dataEvents - 1));
        }
    }
}
