package dev.openrouter4j.langchain4j;

import dev.openrouter4j.testkit.FakeOpenRouterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.langchain4j.cache.InMemoryResponseCacheStore;
import dev.openrouter4j.langchain4j.cache.ResponseCacheStore;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client-side response cache on the sync and the streaming model, against the fake. */
@ExtendWith(FakeOpenRouterExtension.class)
class ResponseCacheTest {

    static final String KEY = StreamingChatModelTest.KEY;
    static FakeOpenRouter fake;

    @BeforeAll
    static void bind(FakeOpenRouter started) {
        fake = started; // one fake for the class, reset before each test by the extension
    }

    static OpenRouterChatModel sync(ResponseCache cache) {
        return OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini")
                .temperature(0.0).maxRetries(0).responseCache(cache).build();
    }

    static OpenRouterStreamingChatModel streaming(ResponseCache cache) {
        return OpenRouterStreamingChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("openai/gpt-4o-mini").temperature(0.0).maxRetries(0).responseCache(cache).build();
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    static OpenRouterChatResponseMetadata md(ChatResponse r) {
        return (OpenRouterChatResponseMetadata) r.metadata();
    }

    static long chatRequests() {
        return fake.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count();
    }

    @Test
    void a_repeated_deterministic_call_is_served_from_the_cache_for_free() {
        try (ResponseCache cache = ResponseCache.builder().build(); OpenRouterChatModel model = sync(cache)) {
            ChatResponse first = model.chat(ask("What is the capital of France?"));
            ChatResponse second = model.chat(ask("What is the capital of France?"));

            assertThat(chatRequests()).isEqualTo(1);
            assertThat(md(first).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(md(second).cacheStatus()).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(md(second).isCacheHit()).isTrue();
            assertThat(second.aiMessage().text()).isEqualTo(first.aiMessage().text());
            assertThat(md(second).cost()).isZero();
            assertThat(md(second).tokenUsage().totalTokenCount()).isZero();
            assertThat(md(first).cost()).isPositive();
            assertThat(md(second).savedCost()).isEqualByComparingTo(md(first).cost());
            assertThat(md(second).cachedGenerationId()).isEqualTo(first.metadata().id());
            assertThat(md(second).provider()).isEqualTo(md(first).provider());
            assertThat(second.metadata().finishReason()).isEqualTo(first.metadata().finishReason());
            assertThat(cache.stats()).isEqualTo(new ResponseCache.Stats(1, 1, 0, 0, 0));
        }
    }

    @Test
    void different_requests_do_not_share_entries() {
        try (ResponseCache cache = ResponseCache.builder().build(); OpenRouterChatModel model = sync(cache)) {
            model.chat(ask("one"));
            ChatResponse other = model.chat(ask("two"));
            ChatResponse seeded = model.chat(ChatRequest.builder().messages(UserMessage.from("one"))
                    .parameters(OpenRouterChatRequestParameters.builder().maxOutputTokens(50).build()).build());

            assertThat(md(other).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(md(seeded).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(chatRequests()).isEqualTo(3);
        }
    }

    @Test
    void only_deterministic_calls_are_cached_unless_told_otherwise() {
        ChatRequest warm = ChatRequest.builder().messages(UserMessage.from("Hi"))
                .parameters(OpenRouterChatRequestParameters.builder().temperature(0.7).build()).build();
        ChatRequest seeded = ChatRequest.builder().messages(UserMessage.from("Hi"))
                .parameters(OpenRouterChatRequestParameters.builder().temperature(0.7).seed(42).build()).build();
        try (ResponseCache cache = ResponseCache.builder().build(); OpenRouterChatModel model = sync(cache)) {
            model.chat(warm);
            assertThat(md(model.chat(warm)).cacheStatus()).isEqualTo(ResponseCacheStatus.NONE);
            model.chat(seeded);
            assertThat(md(model.chat(seeded)).cacheStatus()).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(cache.stats().bypassed()).isEqualTo(2);
        }
        fake.reset();
        try (ResponseCache all = ResponseCache.builder().cacheNonDeterministic(true).build();
             OpenRouterChatModel model = sync(all)) {
            model.chat(warm);
            assertThat(md(model.chat(warm)).cacheStatus()).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(chatRequests()).isEqualTo(1);
        }
    }

    @Test
    void errors_are_never_stored() {
        try (ResponseCache cache = ResponseCache.builder().build(); OpenRouterChatModel model = sync(cache)) {
            fake.enqueue(FakeResponse.serverError());
            assertThatThrownBy(() -> model.chat(ask("Hi"))).isInstanceOf(RuntimeException.class);

            ChatResponse afterError = model.chat(ask("Hi"));
            ChatResponse hit = model.chat(ask("Hi"));

            assertThat(md(afterError).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(md(hit).cacheStatus()).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(chatRequests()).isEqualTo(2);
        }
    }

    @Test
    void entries_expire_after_the_ttl() throws InterruptedException {
        try (ResponseCache cache = ResponseCache.builder().ttl(Duration.ofMillis(300)).build();
             OpenRouterChatModel model = sync(cache)) {
            model.chat(ask("Hi"));
            Thread.sleep(600);
            assertThat(md(model.chat(ask("Hi"))).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(chatRequests()).isEqualTo(2);
        }
    }

    @Test
    void key_extra_keeps_tenants_apart() {
        AtomicReference<String> tenant = new AtomicReference<>("acme");
        try (ResponseCache cache = ResponseCache.builder().keyExtra(tenant::get).build();
             OpenRouterChatModel model = sync(cache)) {
            model.chat(ask("Hi"));
            tenant.set("globex");
            assertThat(md(model.chat(ask("Hi"))).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            tenant.set("acme");
            assertThat(md(model.chat(ask("Hi"))).cacheStatus()).isEqualTo(ResponseCacheStatus.HIT);
        }
    }

    @Test
    void the_key_never_contains_the_api_key() {
        List<String> keys = new ArrayList<>();
        ResponseCacheStore spy = new ResponseCacheStore() {
            final InMemoryResponseCacheStore inner = InMemoryResponseCacheStore.maxEntries(10);

            @Override
            public byte[] get(String key) {
                keys.add(key);
                return inner.get(key);
            }

            @Override
            public void put(String key, byte[] value, Duration ttl) {
                keys.add(key);
                assertThat(new String(value, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(KEY);
                inner.put(key, value, ttl);
            }
        };
        try (ResponseCache cache = ResponseCache.builder().store(spy).build(); OpenRouterChatModel model = sync(cache)) {
            model.chat(ask("Hi"));
        }
        assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(k).matches("[0-9a-f]{64}").doesNotContain(KEY));
    }

    @Test
    void a_failing_store_never_fails_a_call() {
        ResponseCacheStore broken = new ResponseCacheStore() {
            @Override
            public byte[] get(String key) {
                throw new IllegalStateException("store down");
            }

            @Override
            public void put(String key, byte[] value, Duration ttl) {
                throw new IllegalStateException("store down");
            }
        };
        try (ResponseCache cache = ResponseCache.builder().store(broken).build(); OpenRouterChatModel model = sync(cache)) {
            assertThat(model.chat(ask("Hi")).aiMessage().text()).isNotBlank();
            assertThat(model.chat(ask("Hi")).aiMessage().text()).isNotBlank();
            assertThat(chatRequests()).isEqualTo(2);
            assertThat(cache.stats().storeErrors()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void thirty_two_concurrent_identical_calls_make_one_request() throws Exception {
        fake.enqueue(FakeResponse.text("The one and only answer.").withDelay(Duration.ofMillis(500)));
        int n = 32;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try (ResponseCache cache = ResponseCache.builder().build(); OpenRouterChatModel model = sync(cache)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ChatResponse>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return model.chat(ask("Same question"));
                }));
            }
            go.countDown();
            List<ResponseCacheStatus> statuses = new ArrayList<>();
            for (Future<ChatResponse> f : results) {
                ChatResponse r = f.get();
                assertThat(r.aiMessage().text()).isEqualTo("The one and only answer.");
                statuses.add(md(r).cacheStatus());
            }
            assertThat(chatRequests()).isEqualTo(1);
            assertThat(statuses).filteredOn(s -> s == ResponseCacheStatus.MISS).hasSize(1);
            assertThat(statuses).filteredOn(ResponseCacheStatus::isHit).hasSize(n - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void coalesced_callers_share_the_leaders_error() throws Exception {
        fake.enqueue(FakeResponse.badRequest("no such thing").withDelay(Duration.ofMillis(400)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ResponseCache cache = ResponseCache.builder().build(); OpenRouterChatModel model = sync(cache)) {
            List<Future<ChatResponse>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> model.chat(ask("Bad"))));
            }
            for (Future<ChatResponse> f : results) {
                assertThatThrownBy(f::get).hasRootCauseInstanceOf(RuntimeException.class);
            }
            assertThat(chatRequests()).isEqualTo(1);
            assertThat(md(model.chat(ask("Bad"))).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ streaming

    @Test
    void a_cached_answer_is_replayed_as_a_stream_in_order_with_one_terminal_callback() throws Exception {
        try (ResponseCache cache = ResponseCache.builder().build();
             OpenRouterStreamingChatModel model = streaming(cache)) {
            PieceHandler first = new PieceHandler();
            model.chat(ask("Tell me a story about caches"), first);
            ChatResponse original = first.awaitResponse(Duration.ofSeconds(10));

            PieceHandler second = new PieceHandler();
            model.chat(ask("Tell me a story about caches"), second);
            ChatResponse replayed = second.awaitResponse(Duration.ofSeconds(10));
            Thread.sleep(100); // a second terminal callback would arrive now

            assertThat(chatRequests()).isEqualTo(1);
            assertThat(md(original).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(md(replayed).cacheStatus()).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(second.pieces).isEqualTo(first.pieces).hasSizeGreaterThan(2);
            assertThat(replayed.aiMessage().text()).isEqualTo(original.aiMessage().text());
            assertThat(second.terminals.get()).isEqualTo(1);
            assertThat(second.partialsAfterTerminal.get()).isZero();
            assertThat(md(replayed).savedCost()).isEqualByComparingTo(md(original).cost());
        }
    }

    @Test
    void sync_and_streaming_calls_of_one_request_share_an_entry() throws Exception {
        try (ResponseCache cache = ResponseCache.builder().build();
             OpenRouterStreamingChatModel streaming = streaming(cache); OpenRouterChatModel sync = sync(cache)) {
            PieceHandler h = new PieceHandler();
            streaming.chat(ask("Shared"), h);
            ChatResponse streamed = h.awaitResponse(Duration.ofSeconds(10));

            ChatResponse fromSync = sync.chat(ask("Shared"));

            assertThat(md(fromSync).cacheStatus()).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(fromSync.aiMessage().text()).isEqualTo(streamed.aiMessage().text());
            assertThat(chatRequests()).isEqualTo(1);
        }
    }

    @Test
    void a_stream_that_fails_midway_is_not_stored() throws Exception {
        try (ResponseCache cache = ResponseCache.builder().build();
             OpenRouterStreamingChatModel model = streaming(cache)) {
            fake.enqueue(FakeResponse.midStreamError("Half an ans"));
            PieceHandler failed = new PieceHandler();
            model.chat(ask("Fragile"), failed);
            assertThat(failed.awaitError(Duration.ofSeconds(10))).isNotNull();

            PieceHandler next = new PieceHandler();
            model.chat(ask("Fragile"), next);
            ChatResponse r = next.awaitResponse(Duration.ofSeconds(10));

            assertThat(md(r).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(chatRequests()).isEqualTo(2);
        }
    }

    @Test
    void a_cancelled_stream_is_not_stored_and_its_followers_still_get_an_answer() throws Exception {
        fake.tokenDelay(Duration.ofMillis(30));
        try (ResponseCache cache = ResponseCache.builder().build();
             OpenRouterStreamingChatModel model = streaming(cache)) {
            PieceHandler leader = new PieceHandler();
            StreamingHandle handle = model.chatWithHandle(ask("Cancel me please, I am a long request"), leader);
            PieceHandler follower = new PieceHandler();
            model.chat(ask("Cancel me please, I am a long request"), follower);
            leader.firstPiece.get(10, java.util.concurrent.TimeUnit.SECONDS);
            handle.cancel();

            ChatResponse r = follower.awaitResponse(Duration.ofSeconds(10));

            assertThat(md(r).cacheStatus()).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(leader.terminals.get()).isZero();
            assertThat(chatRequests()).isEqualTo(2);
        }
    }

    @Test
    void concurrent_identical_streams_make_one_request_and_each_gets_the_whole_stream() throws Exception {
        fake.tokenDelay(Duration.ofMillis(10));
        try (ResponseCache cache = ResponseCache.builder().build();
             OpenRouterStreamingChatModel model = streaming(cache)) {
            List<PieceHandler> handlers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                PieceHandler h = new PieceHandler();
                handlers.add(h);
                model.chat(ask("Everyone asks this at once"), h);
            }
            String expected = null;
            for (PieceHandler h : handlers) {
                ChatResponse r = h.awaitResponse(Duration.ofSeconds(10));
                expected = expected == null ? r.aiMessage().text() : expected;
                assertThat(String.join("", h.pieces)).isEqualTo(expected);
                assertThat(h.terminals.get()).isEqualTo(1);
            }
            assertThat(chatRequests()).isEqualTo(1);
            assertThat(cache.stats().coalesced()).isEqualTo(7);
        }
    }

    @Test
    void the_same_request_gives_the_same_body_bytes() {
        OpenRouterChatRequestParameters a = OpenRouterChatRequestParameters.builder().modelName("m")
                .metadata(java.util.Map.of("a", "1", "b", "2", "c", "3", "d", "4"))
                .extraBody(java.util.Map.of("zeta", 1, "alpha", java.util.Map.of("y", 1, "x", 2))).build();
        java.util.Map<String, String> ordered = new java.util.LinkedHashMap<>();
        ordered.put("d", "4");
        ordered.put("c", "3");
        ordered.put("b", "2");
        ordered.put("a", "1");
        java.util.Map<String, Object> inner = new java.util.LinkedHashMap<>();
        inner.put("x", 2);
        inner.put("y", 1);
        java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>();
        extra.put("alpha", inner);
        extra.put("zeta", 1);
        OpenRouterChatRequestParameters b = OpenRouterChatRequestParameters.builder().modelName("m")
                .metadata(ordered).extraBody(extra).build();
        var writer = new dev.openrouter4j.langchain4j.internal.request.RequestBodyWriter(false, false);
        ChatRequest request = ask("Hi");

        assertThat(new String(writer.write(request, a, false))).isEqualTo(new String(writer.write(request, b, false)));
        assertThat(writer.tree(request, a, false).get("metadata").fieldNames()).toIterable()
                .containsExactly("a", "b", "c", "d");
    }

    /** Records each text piece separately and the terminal callbacks. */
    static final class PieceHandler extends RecordingHandler {
        final List<String> pieces = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.CompletableFuture<String> firstPiece = new java.util.concurrent.CompletableFuture<>();

        @Override
        public void onPartialResponse(dev.langchain4j.model.chat.response.PartialResponse p,
                                      dev.langchain4j.model.chat.response.PartialResponseContext c) {
            pieces.add(p.text());
            firstPiece.complete(p.text());
            super.onPartialResponse(p, c);
        }

        Throwable awaitError(Duration max) throws Exception {
            return error.get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
