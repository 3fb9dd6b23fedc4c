package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void five_hundred_concurrent_dribbling_streams_on_a_few_threads() throws Exception {
        int streams = 500;
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            for (int i = 0; i < streams; i++) {
                fake.enqueue(FakeResponse.dribble(10, Duration.ofMillis(100)));
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            AtomicLong peakThreads = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peakThreads.accumulateAndGet(Http.threadsOf(fake).size(), Math::max),
                    0, 20, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                futures.add(client.sendAsync(Http.post(fake, request("openai/gpt-4", "s" + i, true))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            sampler.shutdownNow();

            for (CompletableFuture<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(Http.streamedContent(r.body())).isEqualTo("tok0 tok1 tok2 tok3 tok4 tok5 tok6 tok7 tok8 tok9");
                assertThat(r.body()).endsWith("data: [DONE]\n\n");
            }
            assertThat(fake.requests()).hasSize(streams);
            // all streams really overlapped: 500 x 1 s serially would take minutes
            assertThat(ms).isLessThan(20_000L);
            assertThat(peakThreads.get()).isPositive().isLessThan(20L);
            assertThat(Http.fakeThreadCount()).isLessThan(20L);
        }
    }
}
