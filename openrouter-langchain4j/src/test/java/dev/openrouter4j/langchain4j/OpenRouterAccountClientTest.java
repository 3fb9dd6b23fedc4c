package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.internal.http.UserAgent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient.GenerationInfo;
import dev.openrouter4j.langchain4j.OpenRouterAccountClient.KeyInfo;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalogStubServer.Reply;
import dev.openrouter4j.langchain4j.exception.OpenRouterAuthenticationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterInvalidRequestException;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GET /key} and {@code GET /generation} against the shared fake OpenRouter and a scriptable stub. */
class OpenRouterAccountClientTest {

    static final String KEY = "sk-or-v1-test0000000000000000000000000000000000000000000000000000abcd";

    static final String GENERATION = """
            {"data":{"api_type":"completions","app_id":12345,"cache_discount":null,"cancelled":false,
             "created_at":"2024-07-15T23:33:19.433273+00:00","data_region":"global","finish_reason":"stop",
             "generation_time":1200,"id":"gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG","is_byok":false,"latency":1250,
             "model":"sao10k/l3-stheno-8b","native_finish_reason":"stop","native_tokens_cached":3,
             "native_tokens_completion":25,"native_tokens_completion_images":0,"native_tokens_prompt":10,
             "native_tokens_reasoning":5,"provider_name":"Infermatic","provider_responses":null,"streamed":true,
             "tokens_completion":25,"tokens_prompt":10,"total_cost":0.0015,"upstream_inference_cost":0.0012,
             "usage":0.0015,"user_agent":"Mozilla/5.0"}}""";

    FakeOpenRouter fake;

    @BeforeEach
    void start() {
        fake = FakeOpenRouter.start();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private OpenRouterAccountClient.Builder client() {
        return OpenRouterAccountClient.builder().baseUrl(fake.baseUrl()).apiKey(KEY)
                .timeout(Duration.ofSeconds(5)).generationRetry(5, Duration.ofMillis(10));
    }

    // ---- /key

    @Test
    void reads_the_key_info() {
        try (OpenRouterAccountClient account = client().build()) {
            KeyInfo key = account.key();
            assertThat(key.label()).isNotBlank().doesNotContain(KEY);
            assertThat(key.limit()).isNull(); // unlimited
            assertThat(key.limitRemaining()).isNull();
            assertThat(key.limitReset()).isNull();
            assertThat(key.usage()).isNotNull();
            assertThat(key.usageDaily()).isNotNull();
            assertThat(key.usageWeekly()).isNotNull();
            assertThat(key.usageMonthly()).isNotNull();
            assertThat(key.isFreeTier()).isFalse();
        }
    }

    @Test
    void parses_key_amounts_exactly() throws Exception {
        try (OpenRouterModelCatalogStubServer stub = new OpenRouterModelCatalogStubServer();
             OpenRouterAccountClient account = OpenRouterAccountClient.builder().baseUrl(stub.baseUrl())
                     .apiKey(KEY).build()) {
            stub.always(Reply.json(200, """
                    {"data":{"label":"sk-or-v1-au7...890","limit":100,"limit_remaining":74.1,"limit_reset":"monthly",
                     "usage":25.9,"usage_daily":0.000001,"usage_weekly":"3.30","usage_monthly":25.9,
                     "is_free_tier":true,"rate_limit":{"requests":1000,"interval":"1h"},"new_field":[1]}}"""));
            KeyInfo key = account.key();
            assertThat(key).isEqualTo(new KeyInfo("sk-or-v1-au7...890", new java.math.BigDecimal("100"),
                    new java.math.BigDecimal("74.1"), "monthly", new java.math.BigDecimal("25.9"),
                    new java.math.BigDecimal("0.000001"), new java.math.BigDecimal("3.30"),
                    new java.math.BigDecimal("25.9"), true));

            OpenRouterModelCatalogStubServer.Request r = stub.requests().get(0);
            assertThat(r.uri()).isEqualTo("/api/v1/key");
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(r.header("Accept")).isEqualTo("application/json");
            assertThat(r.header("User-Agent")).isEqualTo(UserAgent.VALUE).startsWith("openrouter4j/0.1");
            assertThat(r.protocol()).isEqualTo("HTTP/1.1");
        }
    }

    @Test
    void maps_key_errors() throws Exception {
        try (OpenRouterModelCatalogStubServer stub = new OpenRouterModelCatalogStubServer();
             OpenRouterAccountClient account = OpenRouterAccountClient.builder().baseUrl(stub.baseUrl())
                     .apiKey(KEY).build()) {
            stub.enqueue(Reply.json(401, "{\"error\":{\"code\":401,\"message\":\"User not found.\"}}"),
                    Reply.json(200, "{\"data\":null}"),
                    Reply.json(429, "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}"));
            assertThatThrownBy(account::key).isInstanceOf(OpenRouterAuthenticationException.class)
                    .hasMessageContaining("User not found").hasMessageNotContaining(KEY);
            assertThatThrownBy(account::key).isInstanceOf(OpenRouterServerException.class)
                    .hasMessageContaining("/key");
            assertThatThrownBy(account::key).isInstanceOf(OpenRouterRateLimitException.class);
        }
    }

    // ---- /generation

    @Test
    void reads_a_generation_after_404s_while_it_is_being_recorded() throws Exception {
        fake.putGeneration("gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG", new ObjectMapper().readTree(GENERATION));
        fake.generationLookupMisses(3);
        try (OpenRouterAccountClient account = client().build()) {
            GenerationInfo g = account.generation("gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG");
            assertThat(g.id()).isEqualTo("gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG");
            assertThat(g.model()).isEqualTo("sao10k/l3-stheno-8b");
            assertThat(g.providerName()).isEqualTo("Infermatic");
            assertThat(g.totalCost()).isEqualByComparingTo("0.0015");
            assertThat(g.totalCost().toPlainString()).isEqualTo("0.0015");
            assertThat(g.upstreamInferenceCost()).isEqualByComparingTo("0.0012");
            assertThat(g.tokensPrompt()).isEqualTo(10);
            assertThat(g.tokensCompletion()).isEqualTo(25);
            assertThat(g.nativeTokensPrompt()).isEqualTo(10);
            assertThat(g.nativeTokensCompletion()).isEqualTo(25);
            assertThat(g.nativeTokensReasoning()).isEqualTo(5);
            assertThat(g.nativeTokensCached()).isEqualTo(3);
            assertThat(g.streamed()).isTrue();
            assertThat(g.cancelled()).isFalse();
            assertThat(g.isByok()).isFalse();
            assertThat(g.finishReason()).isEqualTo("stop");
            assertThat(g.nativeFinishReason()).isEqualTo("stop");
            assertThat(g.createdAt()).isEqualTo(Instant.parse("2024-07-15T23:33:19.433273Z"));
        }
        assertThat(fake.requests()).hasSize(4).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/api/v1/generation?id=gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG");
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        });
    }

    @Test
    void gives_up_after_the_configured_attempts_with_a_clear_message() {
        try (OpenRouterAccountClient account = client().generationRetry(3, Duration.ofMillis(5)).build()) {
            assertThatThrownBy(() -> account.generation("gen-missing-123"))
                    .isInstanceOf(OpenRouterInvalidRequestException.class)
                    .hasMessageContaining("gen-missing-123")
                    .hasMessageContaining("not found")
                    .hasMessageContaining("3 attempts")
                    .satisfies(e -> {
                        OpenRouterFailure f = (OpenRouterFailure) e;
                        assertThat(f.httpStatus()).isEqualTo(404);
                        assertThat(f.details().generationId()).isEqualTo("gen-missing-123");
                    });
            assertThat(account.findGeneration("gen-missing-123")).isEmpty();
        }
    }

    @Test
    void find_generation_returns_the_record_when_it_appears_in_time() throws Exception {
        fake.putGeneration("gen-1", new ObjectMapper().readTree("{\"id\":\"gen-1\",\"total_cost\":0}"));
        fake.generationLookupMisses(1);
        try (OpenRouterAccountClient account = client().build()) {
            Optional<GenerationInfo> g = account.findGeneration("gen-1");
            assertThat(g).isPresent();
            assertThat(g.get().totalCost()).isEqualByComparingTo("0");
            assertThat(g.get().model()).isNull();
            assertThat(g.get().createdAt()).isNull();
        }
    }

    @Test
    void retries_only_404_and_url_encodes_the_id() throws Exception {
        try (OpenRouterModelCatalogStubServer stub = new OpenRouterModelCatalogStubServer();
             OpenRouterAccountClient account = OpenRouterAccountClient.builder().baseUrl(stub.baseUrl())
                     .apiKey(KEY).generationRetry(4, Duration.ofMillis(1)).build()) {
            String notFound = "{\"error\":{\"code\":404,\"message\":\"Generation not found\"}}";
            stub.enqueue(Reply.json(404, notFound), Reply.json(404, notFound), Reply.json(200, GENERATION));
            assertThat(account.generation("gen-a b&c=d/é").model()).isEqualTo("sao10k/l3-stheno-8b");
            assertThat(stub.requests()).hasSize(3)
                    .allSatisfy(r -> assertThat(r.uri()).isEqualTo("/api/v1/generation?id=gen-a+b%26c%3Dd%2F%C3%A9"));

            stub.enqueue(Reply.json(500, "{\"error\":{\"code\":500,\"message\":\"boom\"}}"));
            assertThatThrownBy(() -> account.generation("gen-x")).isInstanceOf(OpenRouterServerException.class);
            assertThat(stub.requests()).hasSize(4);
        }
    }

    @Test
    void default_retry_is_five_attempts() throws Exception {
        try (OpenRouterModelCatalogStubServer stub = new OpenRouterModelCatalogStubServer();
             OpenRouterAccountClient account = OpenRouterAccountClient.builder().baseUrl(stub.baseUrl())
                     .apiKey(KEY).generationRetry(5, Duration.ZERO).build()) {
            stub.always(Reply.json(404, "{\"error\":{\"code\":404,\"message\":\"Generation not found\"}}"));
            assertThat(account.findGeneration("gen-z")).isEmpty();
            assertThat(stub.requests()).hasSize(5);
        }
        assertThat(OpenRouterAccountClient.builder().apiKey(KEY).build().toString()).contains("openrouter.ai");
    }

    @Test
    void rejects_a_blank_generation_id() {
        try (OpenRouterAccountClient account = client().build()) {
            assertThatThrownBy(() -> account.generation(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> account.findGeneration(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    // ---- configuration

    @Test
    void requires_an_api_key() {
        for (String missing : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> OpenRouterAccountClient.builder().apiKey(missing).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("apiKey")
                    .hasMessageContaining("OPENROUTER_API_KEY");
        }
    }

    @Test
    void validates_the_retry_settings() {
        assertThatThrownBy(() -> OpenRouterAccountClient.builder().apiKey(KEY)
                .generationRetry(0, Duration.ofMillis(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> OpenRouterAccountClient.builder().apiKey(KEY)
                .generationRetry(3, Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay");
    }

    @Test
    void to_string_masks_the_key() {
        OpenRouterAccountClient.Builder builder = client();
        assertThat(builder.toString()).doesNotContain(KEY).contains("sk-or-v1-****abcd");
        try (OpenRouterAccountClient account = builder.build()) {
            assertThat(account.toString()).doesNotContain(KEY).contains("sk-or-v1-****abcd")
                    .contains(fake.baseUrl());
        }
    }

    @Test
    void parses_the_generation_record_leniently() throws Exception {
        JsonNode odd = new ObjectMapper().readTree("""
                {"id":"gen-odd","model":null,"total_cost":"0.000123","tokens_prompt":"ten","streamed":"yes",
                 "created_at":"not a date","native_tokens_cached":null}""");
        fake.putGeneration("gen-odd", odd);
        try (OpenRouterAccountClient account = client().build()) {
            GenerationInfo g = account.generation("gen-odd");
            assertThat(g.totalCost()).isEqualByComparingTo("0.000123");
            assertThat(g.model()).isNull();
            assertThat(g.tokensPrompt()).isNull();
            assertThat(g.streamed()).isNull();
            assertThat(g.createdAt()).isNull();
            assertThat(g.nativeTokensCached()).isNull();
        }
    }
}
