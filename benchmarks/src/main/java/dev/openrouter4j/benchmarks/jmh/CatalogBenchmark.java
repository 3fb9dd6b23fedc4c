package dev.openrouter4j.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openrouter4j.benchmarks.server.Bodies;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Item 6: parsing the real 356-model {@code GET /models} response (597 KB) into openrouter4j's catalog, warm, against
 * the floor of reading the same text into a Jackson tree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CatalogBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private String json;

    @Setup
    public void setUp() {
        json = new String(Bodies.models(), StandardCharsets.UTF_8);
        int n = OpenRouterModelCatalog.fromJson(json).models().size();
        if (n != 356) {
            throw new IllegalStateException("expected 356 models, parsed " + n);
        }
    }

    /** openrouter4j: the whole catalog, indexed for lookups ({@code find}, {@code suggest}). */
    @Benchmark
    public OpenRouterModelCatalog openrouter4jFromJson() {
        return OpenRouterModelCatalog.fromJson(json);
    }

    /** The floor: the same text into a Jackson tree, nothing else. */
    @Benchmark
    public JsonNode jacksonTree() throws Exception {
        return MAPPER.readTree(json);
    }
}
