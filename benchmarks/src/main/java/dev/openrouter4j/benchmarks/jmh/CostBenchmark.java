package dev.openrouter4j.benchmarks.jmh;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.openrouter4j.benchmarks.server.Bodies;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.store.FsyncPolicy;
import dev.openrouter4j.cost.store.JsonLinesLedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Item 5: the cost listener recording one call into the ledger, as a model calls it ({@code onRequest} on the
 * caller's thread, {@code onResponse} at the end, each call with its own generation id, usage and reported cost),
 * in memory and with the JSON-lines file store under each fsync policy. {@link #baseline} builds the same request
 * context and response without the listener, so that the listener's own cost is the difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CostBenchmark {

    private static final ChatRequest REQUEST = ChatRequest.builder().messages(UserMessage.from(Bodies.PROMPT))
            .modelName(Bodies.MODEL).build();
    private static final AiMessage ANSWER = AiMessage.from("Venus is the second planet from the Sun.");
    private static final BigDecimal COST = new BigDecimal("0.00005295");
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** memory, always, every-100 (fsync after every 100 appends), interval-1s (fsync once a second). */
    @Param({"memory", "always", "every-100", "interval-1s"})
    public String store;

    private CostListener listener;
    private CostLedger ledger;
    private Path dir;

    @State(Scope.Thread)
    public static class Ids {
        final String prefix = "gen-" + THREADS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "-";
        long n;

        String next() {
            return prefix + (n++);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (store.equals("memory")) {
            ledger = new CostLedger();
        } else {
            dir = Files.createTempDirectory("openrouter4j-ledger-bench");
            FsyncPolicy policy = switch (store) {
                case "always" -> FsyncPolicy.always();
                case "every-100" -> FsyncPolicy.everyEntries(100);
                case "interval-1s" -> FsyncPolicy.interval(Duration.ofSeconds(1));
                default -> throw new IllegalArgumentException(store);
            };
            ledger = new CostLedger(JsonLinesLedgerStore.open(dir.resolve("ledger.jsonl"), policy));
        }
        listener = new CostListener(ledger, PriceTable.defaults());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ledger.close();
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }

    private static ChatResponse response(String id) {
        return ChatResponse.builder().aiMessage(ANSWER).metadata(OpenRouterChatResponseMetadata.builder()
                .id(id).modelName(Bodies.MODEL).provider("OpenAI").finishReason(FinishReason.STOP).cost(COST)
                .tokenUsage(new OpenRouterTokenUsage(17, 84, 101, 0, 0, 0, COST, null))
                .build()).build();
    }

    /** One recorded call: what the listener does for it, plus building its contexts and response. */
    @Benchmark
    public CostListener record(Ids ids) {
        Map<Object, Object> attributes = new ConcurrentHashMap<>();
        listener.onRequest(new ChatModelRequestContext(REQUEST, ModelProvider.OTHER, attributes));
        listener.onResponse(new ChatModelResponseContext(response(ids.next()), REQUEST, ModelProvider.OTHER,
                attributes));
        return listener;
    }

    /** The same contexts and response, no listener: subtract to get the listener's own cost. */
    @Benchmark
    public Object baseline(Ids ids) {
        Map<Object, Object> attributes = new ConcurrentHashMap<>();
        Object a = new ChatModelRequestContext(REQUEST, ModelProvider.OTHER, attributes);
        Object b = new ChatModelResponseContext(response(ids.next()), REQUEST, ModelProvider.OTHER, attributes);
        return a.hashCode() ^ b.hashCode();
    }
}
