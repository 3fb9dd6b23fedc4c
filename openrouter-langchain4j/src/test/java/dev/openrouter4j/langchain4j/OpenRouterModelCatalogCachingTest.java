package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.internal.http.UserAgent;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalogStubServer.Reply;
import dev.openrouter4j.langchain4j.exception.OpenRouterAuthenticationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remote catalog over HTTP: TTL cache, single-flight fetch, stale list on failure, errors, headers. */
class OpenRouterModelCatalogCachingTest {

    static final String KEY = "sk-or-v1-test0000000000000000000000000000000000000000000000000000abcd";
    static final String TWO_MODELS = """
            {"data":[
              {"id":"openai/gpt-4o-mini","canonical_slug":"openai/gpt-4o-mini","name":"OpenAI: GPT-4o-mini",
               "pricing":{"prompt":"0.00000015","completion":"0.0000006"}},
              {"id":"anthropic/claude-sonnet-4.5","canonical_slug":"anthropic/claude-4.5-sonnet-20250929",
               "name":"Anthropic: Claude Sonnet 4.5","pricing":{"prompt":"0.000003","completion":"0.000015"}}]}""";
    static final String THREE_MODELS = """
            {"data":[
              {"id":"openai/gpt-4o-mini","name":"OpenAI: GPT-4o-mini"},
              {"id":"anthropic/claude-sonnet-4.5","name":"Anthropic: Claude Sonnet 4.5"},
              {"id":"google/gemini-2.5-pro","name":"Google: Gemini 2.5 Pro"}]}""";

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-05-22T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    OpenRouterModelCatalogStubServer server;
    MutableClock clock;

    @BeforeEach
    void start() throws Exception {
        server = new OpenRouterModelCatalogStubServer();
        clock = new MutableClock();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenRouterModelCatalog.Builder catalog() {
        return OpenRouterModelCatalog.builder().baseUrl(server.baseUrl()).clock(clock)
                .ttl(Duration.ofHours(1)).timeout(Duration.ofSeconds(5));
    }

    @Test
    void fetches_once_for_many_calls_within_the_ttl() {
        server.always(Reply.json(200, TWO_MODELS));
        try (OpenRouterModelCatalog c = catalog().build()) {
            assertThat(server.requests()).isEmpty(); // lazy
            for (int i = 0; i < 20; i++) {
                assertThat(c.models()).hasSize(2);
                assertThat(c.listModels()).hasSize(2);
                assertThat(c.find("anthropic/claude-4.5-sonnet-20250929")).isPresent();
                assertThat(c.suggest("openai/gpt-4o-min", 1)).containsExactly("openai/gpt-4o-mini");
                clock.advance(Duration.ofMinutes(2));
            }
            // 40 minutes later: still the first fetch
            assertThat(server.requests()).hasSize(1);
            assertThat(c.models().get(0).pricing().prompt()).isEqualByComparingTo("0.00000015");
        }
    }

    @Test
    void fetches_again_after_the_ttl() {
        server.enqueue(Reply.json(200, TWO_MODELS));
        server.always(Reply.json(200, THREE_MODELS));
        try (OpenRouterModelCatalog c = catalog().ttl(Duration.ofMinutes(10)).build()) {
            assertThat(c.models()).hasSize(2);
            clock.advance(Duration.ofMinutes(9).plusSeconds(59));
            assertThat(c.models()).hasSize(2);
            assertThat(server.requests()).hasSize(1);

            clock.advance(Duration.ofSeconds(1));
            assertThat(c.models()).hasSize(3);
            assertThat(c.find("google/gemini-2.5-pro")).isPresent();
            assertThat(server.requests()).hasSize(2);

            clock.advance(Duration.ofMinutes(5));
            c.models();
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void keeps_serving_the_stale_list_when_a_refresh_fails_and_logs_a_warning() {
        server.enqueue(Reply.json(200, TWO_MODELS));
        server.always(new Reply(503, "text/html", "<html><title>503 Service Unavailable</title></html>", 0));
        try (OpenRouterModelCatalog c = catalog().build()) {
            List<OpenRouterModelInfo> first = c.models();
            clock.advance(Duration.ofHours(1).plusSeconds(1));

            String log = captureStderr(() -> assertThat(c.models()).isSameAs(first));
            assertThat(server.requests()).hasSize(2);
            assertThat(log).contains("WARN").contains("model catalog").contains("503");

            // the failing server is not hit again by every call ...
            for (int i = 0; i < 10; i++) {
                assertThat(c.find("openai/gpt-4o-mini")).isPresent();
            }
            assertThat(server.requests()).hasSize(2);

            // ... but retried a minute later, and a recovered server is used
            server.always(Reply.json(200, THREE_MODELS));
            clock.advance(Duration.ofMinutes(1));
            assertThat(c.models()).hasSize(3);
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void a_failing_first_fetch_throws_the_mapped_exception() {
        server.always(Reply.json(500, "{\"error\":{\"code\":500,\"message\":\"Internal Server Error\"}}"));
        try (OpenRouterModelCatalog c = catalog().build()) {
            assertThatThrownBy(c::models).isInstanceOf(OpenRouterServerException.class)
                    .hasMessageContaining("Internal Server Error")
                    .satisfies(e -> assertThat(((OpenRouterFailure) e).httpStatus()).isEqualTo(500));
            // nothing cached: the next call tries again and can succeed
            server.always(Reply.json(200, TWO_MODELS));
            assertThat(c.models()).hasSize(2);
        }
    }

    @Test
    void maps_authentication_errors_without_leaking_the_key() {
        server.always(Reply.json(401, "{\"error\":{\"code\":401,\"message\":\"No auth credentials found for "
                + KEY + "\"}}"));
        try (OpenRouterModelCatalog c = catalog().apiKey(KEY).build()) {
            assertThatThrownBy(c::listModels).isInstanceOf(OpenRouterAuthenticationException.class)
                    .hasMessageNotContaining(KEY).hasMessageContaining("sk-or-v1-****abcd");
        }
    }

    @Test
    void a_malformed_body_is_a_server_error() {
        server.always(Reply.json(200, "{\"data\": [ {\"id\": \"x/y\" "));
        try (OpenRouterModelCatalog c = catalog().build()) {
            assertThatThrownBy(c::models).isInstanceOf(OpenRouterServerException.class)
                    .hasMessageContaining("model catalog");
        }
        server.always(new Reply(200, "text/html", "<html>login</html>", 0));
        try (OpenRouterModelCatalog c = catalog().build()) {
            assertThatThrownBy(c::models).isInstanceOf(OpenRouterServerException.class);
        }
    }

    @Test
    void a_refused_connection_is_a_connection_error() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OpenRouterModelCatalog c = OpenRouterModelCatalog.builder()
                .baseUrl("http://127.0.0.1:" + port + "/api/v1").timeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(c::models).isInstanceOf(OpenRouterConnectionException.class)
                    .hasMessageContaining("127.0.0.1").hasMessageContaining("refused");
        }
    }

    @Test
    void a_slow_server_times_out() {
        server.always(Reply.json(200, TWO_MODELS).delayed(2_000));
        try (OpenRouterModelCatalog c = catalog().timeout(Duration.ofMillis(200)).build()) {
            assertThatThrownBy(c::models).isInstanceOf(dev.langchain4j.exception.TimeoutException.class);
        }
    }

    @Test
    void concurrent_callers_share_one_fetch() throws Exception {
        server.always(Reply.json(200, TWO_MODELS).delayed(300));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (OpenRouterModelCatalog c = catalog().build()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<OpenRouterModelInfo>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<List<OpenRouterModelInfo>> call = () -> {
                    go.await();
                    return c.models();
                };
                results.add(pool.submit(call));
            }
            go.countDown();
            List<OpenRouterModelInfo> first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<List<OpenRouterModelInfo>> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(server.requests()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrent_callers_share_a_failing_first_fetch() throws Exception {
        server.always(Reply.json(500, "{\"error\":{\"code\":500,\"message\":\"down\"}}").delayed(300));
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (OpenRouterModelCatalog c = catalog().build()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Throwable>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        c.models();
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            for (Future<Throwable> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(OpenRouterServerException.class);
            }
            assertThat(server.requests()).hasSize(1);
            // a later call tries again
            server.always(Reply.json(200, TWO_MODELS));
            assertThat(c.models()).hasSize(2);
            assertThat(server.requests()).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void while_one_caller_refreshes_the_others_get_the_stale_list() throws Exception {
        server.enqueue(Reply.json(200, TWO_MODELS));
        server.always(Reply.json(200, THREE_MODELS).delayed(800));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (OpenRouterModelCatalog c = catalog().build()) {
            assertThat(c.models()).hasSize(2);
            clock.advance(Duration.ofHours(2));
            Future<List<OpenRouterModelInfo>> refreshing = pool.submit(c::models);
            while (server.requests().size() < 2) {
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            assertThat(c.models()).hasSize(2); // not blocked behind the slow refresh
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(refreshing.get(10, TimeUnit.SECONDS)).hasSize(3);
            assertThat(c.models()).hasSize(3);
            assertThat(server.requests()).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refresh_fetches_now_and_keeps_the_list_when_it_fails() {
        server.enqueue(Reply.json(200, TWO_MODELS), Reply.json(200, THREE_MODELS));
        server.always(Reply.json(502, "{\"error\":{\"code\":502,\"message\":\"Bad gateway\"}}"));
        try (OpenRouterModelCatalog c = catalog().build()) {
            assertThat(c.models()).hasSize(2);
            c.refresh();
            assertThat(c.models()).hasSize(3);
            assertThatThrownBy(c::refresh).isInstanceOf(OpenRouterServerException.class);
            assertThat(c.models()).hasSize(3);
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void zero_ttl_fetches_on_every_call() {
        server.always(Reply.json(200, TWO_MODELS));
        try (OpenRouterModelCatalog c = catalog().ttl(Duration.ZERO).build()) {
            c.models();
            c.models();
            c.models();
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void sends_openrouter_headers_over_http_1_1() {
        server.always(Reply.json(200, TWO_MODELS));
        try (OpenRouterModelCatalog c = catalog().apiKey(KEY).build()) {
            c.models();
        }
        try (OpenRouterModelCatalog c = catalog().baseUrl(server.baseUrl() + "/").build()) {
            c.models();
        }
        OpenRouterModelCatalogStubServer.Request withKey = server.requests().get(0);
        assertThat(withKey.method()).isEqualTo("GET");
        assertThat(withKey.uri()).isEqualTo("/api/v1/models");
        assertThat(withKey.protocol()).isEqualTo("HTTP/1.1");
        assertThat(withKey.header("Accept")).isEqualTo("application/json");
        assertThat(withKey.header("User-Agent")).isEqualTo(UserAgent.VALUE).startsWith("openrouter4j/0.1");
        assertThat(withKey.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(withKey.header("Upgrade")).isNull();

        OpenRouterModelCatalogStubServer.Request withoutKey = server.requests().get(1);
        assertThat(withoutKey.uri()).isEqualTo("/api/v1/models");
        assertThat(withoutKey.header("Authorization")).isNull();
    }

    @Test
    void to_string_masks_the_key() {
        OpenRouterModelCatalog.Builder b = catalog().apiKey(KEY);
        assertThat(b.toString()).doesNotContain(KEY).contains("sk-or-v1-****abcd");
        try (OpenRouterModelCatalog c = b.build()) {
            assertThat(c.toString()).doesNotContain(KEY).contains("sk-or-v1-****abcd").contains(server.baseUrl());
        }
    }

    @Test
    void a_closed_catalog_refuses_calls() {
        server.always(Reply.json(200, TWO_MODELS));
        OpenRouterModelCatalog c = catalog().build();
        c.models();
        c.close();
        assertThatThrownBy(c::models).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(c::refresh).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void validates_the_builder() {
        assertThatThrownBy(() -> OpenRouterModelCatalog.builder().baseUrl("ftp://example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> OpenRouterModelCatalog.builder().baseUrl("not a url").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> OpenRouterModelCatalog.builder().ttl(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> OpenRouterModelCatalog.builder().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        try (OpenRouterModelCatalog c = OpenRouterModelCatalog.builder().build()) {
            assertThat(c.toString()).contains("https://openrouter.ai/api/v1").contains("apiKey=null");
        }
    }

    @Test
    void uses_the_given_http_client_builder() {
        server.always(Reply.json(200, TWO_MODELS));
        java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER);
        try (OpenRouterModelCatalog c = catalog().httpClientBuilder(builder).build()) {
            assertThat(c.models()).hasSize(2);
        }
    }

    private static String captureStderr(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
