package dev.openrouter4j.benchmarks;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.benchmarks.contenders.Contender;
import dev.openrouter4j.benchmarks.server.Bodies;
import dev.openrouter4j.benchmarks.server.ServerProcess;
import dev.openrouter4j.cache.redis.RedisResponseCacheStore;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.ResponseCache;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;
import dev.openrouter4j.langchain4j.cache.InMemoryResponseCacheStore;
import redis.embedded.RedisServer;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * What the response cache costs and saves, on loopback: the latency of a hit per store (memory, Redis) next to an
 * uncached call to the loopback server, and what the cache adds to a miss (key, lookup, store). Writes the
 * "Response cache" section of {@code docs/benchmarks.md} (between its markers; the rest of the file is left alone):
 * <pre>
 * mvn -B -ntp -q -Pbenchmarks -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.openrouter4j.benchmarks.CacheBenchmark [--quick]
 * </pre>
 * One JVM, calls one after another (latency, not throughput); the loopback server runs in its own JVM and Redis is
 * a real redis-server on 127.0.0.1 (embedded-redis). Not a test: numbers depend on the machine and its load.
 */
public final class CacheBenchmark {

    static final String START = "<!-- response-cache:start -->";
    static final String END = "<!-- response-cache:end -->";

    private record Row(String what, double[] micros) {
    }

    private CacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int warmup = quick ? 300 : 3_000;
        int n = quick ? 500 : 5_000;
        int port = freePort();
        RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        redis.start();
        String redisUri = "redis://127.0.0.1:" + port + "/0";
        List<Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        try (ServerProcess server = ServerProcess.start();
             ResponseCache memory = ResponseCache.builder().store(InMemoryResponseCacheStore.maxEntries(100_000))
                     .build();
             ResponseCache shared = ResponseCache.builder()
                     .store(RedisResponseCacheStore.builder().uri(redisUri).build()).build();
             ResponseCache sharedLocked = ResponseCache.builder()
                     .store(RedisResponseCacheStore.builder().uri(redisUri).keyPrefix("locked:").build())
                     .coalesceAcrossInstances(java.time.Duration.ofSeconds(10)).build();
             OpenRouterChatModel plain = model(server, null);
             OpenRouterChatModel inMemory = model(server, memory);
             OpenRouterChatModel inRedis = model(server, shared);
             OpenRouterChatModel inRedisLocked = model(server, sharedLocked);
             OpenRouterStreamingChatModel plainStream = streaming(server, null);
             OpenRouterStreamingChatModel memoryStream = streaming(server, memory)) {
            ChatRequest same = ask(Bodies.PROMPT);
            inMemory.chat(same);
            inRedis.chat(same);
            check(inMemory.chat(same), ResponseCacheStatus.HIT);
            check(inRedis.chat(same), ResponseCacheStatus.HIT);

            rows.add(measure("uncached call (sync, loopback server)", warmup, n, i -> plain.chat(same)));
            rows.add(measure("hit, memory store (sync)", warmup, n, i -> inMemory.chat(same)));
            rows.add(measure("hit, Redis store (sync)", warmup, n, i -> inRedis.chat(same)));
            // the four miss variants take turns call by call, so a change in the machine's load hits them alike
            rows.addAll(interleaved(warmup, n, List.of(
                    "miss, no cache (unique requests)", "miss, memory store (unique requests)",
                    "miss, Redis store (unique requests)", "miss, Redis store + cross-instance lock"), List.of(
                    i -> plain.chat(ask("a" + i)), i -> inMemory.chat(ask("b" + i)),
                    i -> inRedis.chat(ask("c" + i)), i -> inRedisLocked.chat(ask("d" + i)))));
            ChatRequest streamed = ask("stream " + Bodies.PROMPT);
            stream(memoryStream, streamed);
            rows.add(measure("uncached stream (200 chunks)", warmup / 3, n / 3, i -> stream(plainStream, streamed)));
            rows.add(measure("hit, memory store, replayed as a stream", warmup / 3, n / 3,
                    i -> stream(memoryStream, streamed)));
        } finally {
            redis.stop();
        }
        String section = section(rows, quick, (System.nanoTime() - t0) / 1_000_000_000L);
        System.out.println(section);
        write(Path.of(args.length > 0 && !args[args.length - 1].startsWith("--") ? args[args.length - 1]
                : "docs/benchmarks.md"), section);
        System.exit(0);
    }

    private static OpenRouterChatModel model(ServerProcess server, ResponseCache cache) {
        return OpenRouterChatModel.builder().apiKey(Contender.API_KEY).baseUrl(server.base() + "/sync/api/v1")
                .modelName(Bodies.MODEL).temperature(0.0).responseCache(cache).build();
    }

    private static OpenRouterStreamingChatModel streaming(ServerProcess server, ResponseCache cache) {
        return OpenRouterStreamingChatModel.builder().apiKey(Contender.API_KEY)
                .baseUrl(server.base() + "/s/200/api/v1").modelName(Bodies.MODEL).temperature(0.0)
                .responseCache(cache).build();
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    private static ChatResponse stream(OpenRouterStreamingChatModel model, ChatRequest request) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse r) {
                done.complete(r);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(ChatResponse r, ResponseCacheStatus expected) {
        ResponseCacheStatus s = ((OpenRouterChatResponseMetadata) r.metadata()).cacheStatus();
        if (s != expected) {
            throw new IllegalStateException("expected " + expected + " but was " + s);
        }
    }

    private static Row measure(String what, int warmup, int n, IntFunction<Object> call) {
        for (int i = 0; i < warmup; i++) {
            call.apply(-1 - i);
        }
        double[] micros = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            call.apply(i);
            micros[i] = (System.nanoTime() - s) / 1_000.0;
        }
        System.err.printf(Locale.ROOT, "%-45s p50 %8.1f us%n", what, Stats.percentile(micros, 50));
        return new Row(what, micros);
    }

    private static List<Row> interleaved(int warmup, int n, List<String> names, List<IntFunction<Object>> calls) {
        for (int i = 0; i < warmup; i++) {
            for (IntFunction<Object> c : calls) {
                c.apply(-1 - i);
            }
        }
        double[][] micros = new double[calls.size()][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < calls.size(); k++) {
                long s = System.nanoTime();
                calls.get(k).apply(i);
                micros[k][i] = (System.nanoTime() - s) / 1_000.0;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < calls.size(); k++) {
            System.err.printf(Locale.ROOT, "%-45s p50 %8.1f us%n", names.get(k), Stats.percentile(micros[k], 50));
            rows.add(new Row(names.get(k), micros[k]));
        }
        return rows;
    }

    private static String section(List<Row> rows, boolean quick, long seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(START).append('\n');
        sb.append("## Response cache\n\n");
        sb.append("What the client-side `ResponseCache` costs and saves per call, on loopback (").append(rows.get(0)
                .micros().length).append(" calls per row after a warm-up, one after another (the four miss rows taking turns call by call), one JVM; the loopback"
                + " server runs in its own JVM, Redis is a real redis-server on 127.0.0.1). Generated by"
                + " `CacheBenchmark`").append(quick ? " with `--quick` (rough numbers)" : "").append(" on ")
                .append(LocalDate.now()).append(" in ").append(seconds).append(" s:\n\n");
        sb.append("```bash\nmvn -B -ntp -q -Pbenchmarks -pl benchmarks -am package -DskipTests\n"
                + "java -cp benchmarks/target/benchmarks.jar dev.openrouter4j.benchmarks.CacheBenchmark\n```\n\n");
        sb.append("Machine: ").append(Machine.line()).append("; load average at the end ")
                .append(Machine.loadAverage()).append(".\n\n");
        sb.append("| call | p50 (µs) | p90 (µs) | p99 (µs) | mean (µs) |\n|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            double mean = 0;
            for (double v : r.micros()) mean += v;
            mean /= r.micros().length;
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", r.what(),
                    Stats.percentile(r.micros(), 50), Stats.percentile(r.micros(), 90),
                    Stats.percentile(r.micros(), 99), mean));
        }
        double base = Stats.percentile(rows.get(3).micros(), 50);
        sb.append('\n').append(String.format(Locale.ROOT, "Overhead on a miss (p50, against the same unique requests"
                        + " without a cache): memory store %+.1f µs, Redis store %+.1f µs, Redis with the"
                        + " cross-instance lock %+.1f µs (differences of a few µs are the noise of one run)."
                        + " A hit skips the request: memory %.0f×, Redis %.0f×"
                        + " faster than the uncached loopback call (p50); against the real OpenRouter, whose calls take"
                        + " hundreds of milliseconds to seconds, a hit costs what the rows above say.%n",
                Stats.percentile(rows.get(4).micros(), 50) - base, Stats.percentile(rows.get(5).micros(), 50) - base,
                Stats.percentile(rows.get(6).micros(), 50) - base,
                Stats.percentile(rows.get(0).micros(), 50) / Stats.percentile(rows.get(1).micros(), 50),
                Stats.percentile(rows.get(0).micros(), 50) / Stats.percentile(rows.get(2).micros(), 50)));
        sb.append(END).append('\n');
        return sb.toString();
    }

    /** The response-cache section of an existing file (kept when {@link Main} rewrites the rest), or "". */
    static String keptSection(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String doc = Files.readString(file, StandardCharsets.UTF_8);
        int s = doc.indexOf(START);
        int e = doc.indexOf(END);
        return s >= 0 && e > s ? "\n" + doc.substring(s, e + END.length()) + "\n" : "";
    }

    /** Replaces the section between the markers, or appends it. */
    static void write(Path file, String section) throws java.io.IOException {
        String doc = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int s = doc.indexOf(START);
        int e = doc.indexOf(END);
        if (s >= 0 && e > s) {
            doc = doc.substring(0, s) + section + doc.substring(e + END.length() + (doc.startsWith("\n", e
                    + END.length()) ? 1 : 0));
        } else {
            doc = doc.endsWith("\n") ? doc + "\n" + section : doc + "\n\n" + section;
        }
        Files.writeString(file, doc, StandardCharsets.UTF_8);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
