package dev.openrouter4j.langchain4j;

import dev.openrouter4j.testkit.FakeOpenRouterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OpenRouter's own response cache as a typed option, against the fake's implementation of it. */
@ExtendWith(FakeOpenRouterExtension.class)
class OpenRouterCacheTest {

    static FakeOpenRouter fake;

    @BeforeAll
    static void bind(FakeOpenRouter started) {
        fake = started; // one fake for the class, reset before each test by the extension
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    static OpenRouterChatResponseMetadata md(ChatResponse r) {
        return (OpenRouterChatResponseMetadata) r.metadata();
    }

    @Test
    void the_builder_option_sends_the_headers_and_the_metadata_says_miss_then_hit() {
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(ResponseCacheTest.KEY)
                .baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini")
                .openRouterCache(OpenRouterCache.withTtl(Duration.ofMinutes(10))).build()) {
            ChatResponse first = model.chat(ask("Cache me on OpenRouter"));
            ChatResponse second = model.chat(ask("Cache me on OpenRouter"));

            RecordedRequest sent = fake.takeRequest();
            assertThat(sent.header("X-OpenRouter-Cache")).isEqualTo("true");
            assertThat(sent.header("X-OpenRouter-Cache-TTL")).isEqualTo("600");
            assertThat(md(first).cacheStatus()).isEqualTo(ResponseCacheStatus.OPENROUTER_MISS);
            assertThat(md(second).cacheStatus()).isEqualTo(ResponseCacheStatus.OPENROUTER_HIT);
            assertThat(md(second).isCacheHit()).isTrue();
            assertThat(md(second).cost()).isZero();
            assertThat(second.metadata().id()).isNotEqualTo(first.metadata().id());
            assertThat(second.aiMessage().text()).isEqualTo(first.aiMessage().text());
        }
    }

    @Test
    void a_streamed_hit_is_a_stream() throws Exception {
        try (OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder()
                .apiKey(ResponseCacheTest.KEY).baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini")
                .openRouterCache(OpenRouterCache.on()).build()) {
            ResponseCacheTest.PieceHandler first = new ResponseCacheTest.PieceHandler();
            model.chat(ask("A streamed story to cache"), first);
            ChatResponse a = first.awaitResponse(Duration.ofSeconds(10));
            ResponseCacheTest.PieceHandler second = new ResponseCacheTest.PieceHandler();
            model.chat(ask("A streamed story to cache"), second);
            ChatResponse b = second.awaitResponse(Duration.ofSeconds(10));

            assertThat(md(a).cacheStatus()).isEqualTo(ResponseCacheStatus.OPENROUTER_MISS);
            assertThat(md(b).cacheStatus()).isEqualTo(ResponseCacheStatus.OPENROUTER_HIT);
            assertThat(second.pieces).isEqualTo(first.pieces).hasSizeGreaterThan(2);
            assertThat(second.terminals.get()).isEqualTo(1);
            assertThat(md(b).tokenUsage().totalTokenCount()).isZero();
        }
    }

    @Test
    void a_request_can_turn_it_off_and_without_it_no_header_is_sent() {
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(ResponseCacheTest.KEY)
                .baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").openRouterCache(OpenRouterCache.on())
                .build()) {
            ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("Hi"))
                    .parameters(OpenRouterChatRequestParameters.builder()
                            .openRouterCache(OpenRouterCache.DISABLED).build()).build());

            assertThat(fake.takeRequest().header("X-OpenRouter-Cache")).isNull();
            assertThat(md(r).cacheStatus()).isEqualTo(ResponseCacheStatus.NONE);
        }
    }

    @Test
    void a_ttl_outside_one_second_to_one_day_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> OpenRouterCache.withTtl(Duration.ofDays(2)))
                .hasMessageContaining("1 to 86400");
        assertThatThrownBy(() -> OpenRouterCache.withTtl(Duration.ofMillis(1500)))
                .hasMessageContaining("whole seconds");
        assertThat(OpenRouterCache.withTtl(Duration.ofDays(1)).ttl()).isEqualTo(Duration.ofSeconds(86400));
    }

    @Test
    void both_caches_together_keep_openrouters_hit_visible() {
        try (ResponseCache cache = ResponseCache.builder().build();
             OpenRouterChatModel a = OpenRouterChatModel.builder().apiKey(ResponseCacheTest.KEY)
                     .baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").temperature(0.0)
                     .openRouterCache(OpenRouterCache.on()).build();
             OpenRouterChatModel b = OpenRouterChatModel.builder().apiKey(ResponseCacheTest.KEY)
                     .baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").temperature(0.0)
                     .openRouterCache(OpenRouterCache.on()).responseCache(cache).build()) {
            a.chat(ask("Both caches")); // fills OpenRouter's cache
            ChatResponse viaOpenRouter = b.chat(ask("Both caches")); // client miss, OpenRouter hit
            ChatResponse viaClient = b.chat(ask("Both caches"));

            assertThat(md(viaOpenRouter).cacheStatus()).isEqualTo(ResponseCacheStatus.OPENROUTER_HIT);
            assertThat(md(viaClient).cacheStatus()).isEqualTo(ResponseCacheStatus.HIT);
        }
    }
}
