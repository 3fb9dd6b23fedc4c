package dev.openrouter4j.cache.redis;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.ResponseCache;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis store against a real redis-server started by the test (loopback, free port). */
class RedisCacheTest {

    static final String KEY = "sk-or-v1-test0000000000000000000000000000000000000000000000000000redis";
    static FakeOpenRouter fake;
    static EmbeddedRedis redis;
    static RedisClient admin;
    static StatefulRedisConnection<String, String> adminConnection;

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
        redis = EmbeddedRedis.start();
        admin = RedisClient.create(redis.uri());
        adminConnection = admin.connect();
    }

    @AfterAll
    static void stop() {
        adminConnection.close();
        admin.shutdown();
        redis.close();
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
        adminConnection.sync().flushall();
    }

    static ResponseCache redisCache(String prefix) {
        return ResponseCache.builder()
                .store(RedisResponseCacheStore.builder().uri(redis.uri()).keyPrefix(prefix).build())
                .coalesceAcrossInstances(Duration.ofSeconds(10))
                .build();
    }

    static OpenRouterChatModel model(ResponseCache cache) {
        return OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini")
                .temperature(0.0).maxRetries(0).responseCache(cache).build();
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    static ResponseCacheStatus status(ChatResponse r) {
        return ((OpenRouterChatResponseMetadata) r.metadata()).cacheStatus();
    }

    static long chatRequests() {
        return fake.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count();
    }

    @Test
    void two_instances_share_answers_through_redis() {
        try (ResponseCache a = redisCache("t1:"); ResponseCache b = redisCache("t1:");
             OpenRouterChatModel first = model(a); OpenRouterChatModel second = model(b)) {
            ChatResponse paid = first.chat(ask("Shared across instances"));
            ChatResponse free = second.chat(ask("Shared across instances"));

            assertThat(status(paid)).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(status(free)).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(free.aiMessage().text()).isEqualTo(paid.aiMessage().text());
            assertThat(((OpenRouterChatResponseMetadata) free.metadata()).savedCost())
                    .isEqualByComparingTo(((OpenRouterChatResponseMetadata) paid.metadata()).cost());
            assertThat(chatRequests()).isEqualTo(1);
            List<String> keys = adminConnection.sync().keys("*");
            assertThat(keys).hasSize(1).allSatisfy(k -> assertThat(k).matches("t1:v1:[0-9a-f]{64}"));
            assertThat(adminConnection.sync().pttl(keys.get(0))).isBetween(1L, Duration.ofHours(1).toMillis());
        }
    }

    @Test
    void different_prefixes_never_meet() {
        try (ResponseCache a = redisCache("tenant-a:"); ResponseCache b = redisCache("tenant-b:");
             OpenRouterChatModel first = model(a); OpenRouterChatModel second = model(b)) {
            first.chat(ask("Private"));
            assertThat(status(second.chat(ask("Private")))).isEqualTo(ResponseCacheStatus.MISS);
        }
    }

    @Test
    void a_streamed_answer_stored_in_redis_is_replayed_as_a_stream_elsewhere() throws Exception {
        try (ResponseCache a = redisCache("s:"); ResponseCache b = redisCache("s:");
             OpenRouterStreamingChatModel first = streaming(a); OpenRouterStreamingChatModel second = streaming(b)) {
            Pieces p1 = new Pieces();
            first.chat(ask("Stream it once, replay it anywhere"), p1);
            ChatResponse original = p1.done.get(10, TimeUnit.SECONDS);
            Pieces p2 = new Pieces();
            second.chat(ask("Stream it once, replay it anywhere"), p2);
            ChatResponse replayed = p2.done.get(10, TimeUnit.SECONDS);

            assertThat(status(replayed)).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(p2.pieces).isEqualTo(p1.pieces).hasSizeGreaterThan(2);
            assertThat(replayed.aiMessage().text()).isEqualTo(original.aiMessage().text());
            assertThat(chatRequests()).isEqualTo(1);
        }
    }

    @Test
    void a_second_jvm_gets_the_hit_and_coalesces_with_a_call_in_flight() throws Exception {
        try (ResponseCache cache = redisCache("openrouter4j:cache:"); OpenRouterChatModel model = model(cache)) {
            ChatResponse paid = model.chat(ask("Asked in two processes"));

            List<String> out = runSecondInstance("Asked in two processes", null);

            assertThat(out).contains("STATUS HIT", "TEXT " + paid.aiMessage().text());
            assertThat(chatRequests()).isEqualTo(1);
        }
        fake.reset();
        // now the other process leads and this one joins its call in flight through the Redis lock
        fake.enqueue(FakeResponse.text("Answered once for both processes.").withDelay(Duration.ofSeconds(3)));
        try (ResponseCache cache = redisCache("openrouter4j:cache:"); OpenRouterChatModel model = model(cache)) {
            CompletableFuture<ChatResponse> mine = new CompletableFuture<>();
            List<String> out = runSecondInstance("Asked at the same time", () -> {
                awaitLockKey();
                mine.complete(model.chat(ask("Asked at the same time")));
            });
            assertThat(out).contains("STATUS MISS", "TEXT Answered once for both processes.");
            ChatResponse joined = mine.get(30, TimeUnit.SECONDS);
            assertThat(status(joined)).isEqualTo(ResponseCacheStatus.COALESCED);
            assertThat(joined.aiMessage().text()).isEqualTo("Answered once for both processes.");
            assertThat(chatRequests()).isEqualTo(1);
        }
    }

    @Test
    void redis_stopped_mid_run_makes_calls_go_through_uncached() {
        ResponseCache cache = ResponseCache.builder()
                .store(RedisResponseCacheStore.builder().uri(redis.uri()).commandTimeout(Duration.ofMillis(300)).build())
                .coalesceAcrossInstances(Duration.ofSeconds(2)).build();
        try (cache; OpenRouterChatModel model = model(cache)) {
            model.chat(ask("Before"));
            assertThat(status(model.chat(ask("Before")))).isEqualTo(ResponseCacheStatus.HIT);

            redis.stop();
            java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
            java.io.PrintStream err = System.err;
            System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple writes here
            long started = System.nanoTime();
            ChatResponse during1;
            ChatResponse during2;
            try {
                during1 = model.chat(ask("Before"));
                during2 = model.chat(ask("During the outage"));
            } finally {
                System.setErr(err);
            }
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            String logged = log.toString(StandardCharsets.UTF_8);
            err.print(logged);

            assertThat(logged).contains("WARN dev.openrouter4j.langchain4j.cache - The response cache store")
                    .contains("calls go through uncached");

            assertThat(during1.aiMessage().text()).isNotBlank();
            assertThat(during2.aiMessage().text()).isNotBlank();
            assertThat(cache.stats().storeErrors()).isPositive();
            assertThat(tookMs).as("calls while Redis is down must not wait on it for long").isLessThan(15_000);
            assertThat(chatRequests()).isEqualTo(3);
        } finally {
            redis = EmbeddedRedis.startOn(redis.port());
            adminConnection.close();
            adminConnection = admin.connect();
        }
    }

    @Test
    void thirty_two_concurrent_identical_calls_on_two_instances_make_one_request() throws Exception {
        fake.enqueue(FakeResponse.text("Only one of you pays.").withDelay(Duration.ofMillis(800)));
        int n = 32;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try (ResponseCache a = redisCache("c:"); ResponseCache b = redisCache("c:");
             OpenRouterChatModel first = model(a); OpenRouterChatModel second = model(b)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ChatResponse>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                OpenRouterChatModel m = i % 2 == 0 ? first : second;
                results.add(pool.submit(() -> {
                    go.await();
                    return m.chat(ask("Thundering herd"));
                }));
            }
            go.countDown();
            List<ResponseCacheStatus> statuses = new ArrayList<>();
            for (Future<ChatResponse> f : results) {
                ChatResponse r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.aiMessage().text()).isEqualTo("Only one of you pays.");
                statuses.add(status(r));
            }
            assertThat(chatRequests()).isEqualTo(1);
            assertThat(statuses).filteredOn(s -> s == ResponseCacheStatus.MISS).hasSize(1);
            assertThat(a.stats().coalesced() + b.stats().coalesced() + a.stats().hits() + b.stats().hits())
                    .isEqualTo(n - 1);
            assertThat(adminConnection.sync().keys("c:lock:*")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrent_identical_streams_on_two_instances_make_one_request_and_each_gets_the_whole_stream() throws Exception {
        fake.tokenDelay(Duration.ofMillis(20));
        try (ResponseCache a = redisCache("cs:"); ResponseCache b = redisCache("cs:");
             OpenRouterStreamingChatModel first = streaming(a); OpenRouterStreamingChatModel second = streaming(b)) {
            List<Pieces> handlers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Pieces p = new Pieces();
                handlers.add(p);
                (i % 2 == 0 ? first : second).chat(ask("Streamed to everyone at once, on both instances"), p);
            }
            String expected = null;
            for (Pieces p : handlers) {
                ChatResponse r = p.done.get(30, TimeUnit.SECONDS);
                expected = expected == null ? r.aiMessage().text() : expected;
                assertThat(String.join("", p.pieces)).isEqualTo(expected).isNotEmpty();
            }
            assertThat(chatRequests()).isEqualTo(1);
            assertThat(a.stats().coalesced() + b.stats().coalesced() + a.stats().hits() + b.stats().hits())
                    .isEqualTo(7);
        }
    }

    @Test
    void a_lock_left_by_a_dead_instance_delays_others_only_until_it_expires() {
        try (ResponseCache cache = ResponseCache.builder()
                .store(RedisResponseCacheStore.builder().uri(redis.uri()).keyPrefix("d:").build())
                .coalesceAcrossInstances(Duration.ofSeconds(1)).build();
             OpenRouterChatModel model = model(cache)) {
            // what an instance that died mid-call leaves behind: its lock, expiring in 1.5 s
            String key = lockKeyFor(cache, model);
            adminConnection.sync().set(key, "dead-instance", SetArgs.Builder.px(1500));

            long started = System.nanoTime();
            ChatResponse r = model.chat(ask("Orphaned lock"));
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(r.aiMessage().text()).isNotBlank();
            assertThat(tookMs).isGreaterThanOrEqualTo(900).isLessThan(20_000);
            assertThat(chatRequests()).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Finds the lock key a call would take, by watching one call's lock (then clearing the store). */
    private static String lockKeyFor(ResponseCache cache, OpenRouterChatModel model) {
        fake.enqueue(FakeResponse.text("probe").withDelay(Duration.ofMillis(400)));
        CompletableFuture<Void> probe = CompletableFuture.runAsync(() -> model.chat(ask("Orphaned lock")));
        String key = awaitLockKey();
        probe.join();
        adminConnection.sync().del(adminConnection.sync().keys("d:v1:*").toArray(String[]::new));
        fake.reset();
        return key;
    }

    private static String awaitLockKey() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<String> locks = adminConnection.sync().keys("*lock:*");
            locks.removeIf(k -> k.endsWith("lock:"));
            if (!locks.isEmpty()) {
                return locks.get(0);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no lock appeared in Redis within 30 s");
    }

    /** Runs {@link SecondInstance} in a new JVM; {@code meanwhile} runs once it says CALLING. */
    private static List<String> runSecondInstance(String question, Runnable meanwhile) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SecondInstance.class.getName(), fake.baseUrl(), redis.uri(), question).redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.equals("CALLING") && meanwhile != null) {
                    CompletableFuture.runAsync(meanwhile);
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    static OpenRouterStreamingChatModel streaming(ResponseCache cache) {
        return OpenRouterStreamingChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("openai/gpt-4o-mini").temperature(0.0).maxRetries(0).responseCache(cache).build();
    }

    static final class Pieces implements StreamingChatResponseHandler {
        final List<String> pieces = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            pieces.add(partial.text());
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }
    }
}
