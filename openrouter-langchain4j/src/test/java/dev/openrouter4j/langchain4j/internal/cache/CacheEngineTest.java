package dev.openrouter4j.langchain4j.internal.cache;

import dev.openrouter4j.langchain4j.ResponseCacheStatus;
import dev.openrouter4j.langchain4j.cache.InMemoryResponseCacheStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine with an answer kind other than chat, as an embedding model would plug in: a key and a codec are all it
 * takes.
 */
class CacheEngineTest {

    /** A stand-in for an embedding result: a label saying how it was served. */
    record Vector(String values, ResponseCacheStatus status) {
    }

    enum VectorCodec implements CacheCodec<String, Vector> {
        INSTANCE;

        @Override
        public String share(Vector result) {
            return result.values();
        }

        @Override
        public byte[] encode(String value) {
            return ("v1|" + value).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            String s = new String(bytes, StandardCharsets.UTF_8);
            return s.startsWith("v1|") ? s.substring(3) : null;
        }

        @Override
        public Vector hit(String value, ResponseCacheStatus status) {
            return new Vector(value, status);
        }

        @Override
        public Vector miss(Vector result) {
            return new Vector(result.values(), ResponseCacheStatus.MISS);
        }
    }

    static CacheEngine engine() {
        return new CacheEngine(InMemoryResponseCacheStore.maxEntries(100), Duration.ofMinutes(1), true, null,
                false, null);
    }

    @Test
    void another_kind_of_answer_is_cached_through_its_codec() {
        AtomicInteger upstream = new AtomicInteger();
        try (CacheEngine engine = engine()) {
            String key = engine.key("http://127.0.0.1/api/v1", "embeddings", "{\"input\":\"hi\"}".getBytes());
            Vector first = engine.call(key, () -> new Vector("[0.1,0.2]#" + upstream.incrementAndGet(), null),
                    VectorCodec.INSTANCE);
            Vector second = engine.call(key, () -> new Vector("never", null), VectorCodec.INSTANCE);

            assertThat(first).isEqualTo(new Vector("[0.1,0.2]#1", ResponseCacheStatus.MISS));
            assertThat(second).isEqualTo(new Vector("[0.1,0.2]#1", ResponseCacheStatus.HIT));
            assertThat(upstream).hasValue(1);
        }
    }

    @Test
    void the_endpoint_is_part_of_the_key() {
        try (CacheEngine engine = engine()) {
            byte[] body = "{}".getBytes();
            assertThat(engine.key("http://h/api/v1", "embeddings", body))
                    .isNotEqualTo(engine.key("http://h/api/v1", "chat/completions", body));
        }
    }

    @Test
    void identical_calls_in_flight_share_one_upstream_call() throws Exception {
        AtomicInteger upstream = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (CacheEngine engine = engine()) {
            String key = engine.key("http://h/api/v1", "embeddings", "{\"input\":\"same\"}".getBytes());
            List<Future<Vector>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> engine.call(key, () -> {
                    upstream.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new Vector("v", null);
                }, VectorCodec.INSTANCE)));
            }
            while (engine.inFlight() == 0) {
                Thread.sleep(5);
            }
            Thread.sleep(200); // the others arrive and wait
            release.countDown();
            List<ResponseCacheStatus> statuses = new ArrayList<>();
            for (Future<Vector> f : results) {
                statuses.add(f.get().status());
            }
            assertThat(upstream).hasValue(1);
            assertThat(statuses).filteredOn(s -> s == ResponseCacheStatus.MISS).hasSize(1);
            assertThat(engine.inFlight()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
