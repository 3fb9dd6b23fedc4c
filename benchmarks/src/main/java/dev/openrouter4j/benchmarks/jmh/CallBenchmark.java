package dev.openrouter4j.benchmarks.jmh;

import dev.openrouter4j.benchmarks.contenders.Contender;
import dev.openrouter4j.benchmarks.contenders.Probe;
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

import java.util.concurrent.TimeUnit;

/**
 * Item 3, allocation per call: one sync call or one whole stream per operation, run under JMH's GC profiler
 * ({@code gc.alloc.rate.norm} = bytes allocated by all threads of the JVM per call, the library's and its HTTP
 * client's included). The loopback server runs in another process; its port comes in {@code -Dbench.port}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallBenchmark {

    @Param({Contender.OPENROUTER4J, Contender.LANGCHAIN4J_OPEN_AI, Contender.OPENAI_JAVA, Contender.RAW_JDK})
    public String contender;

    private Contender sync;
    private Contender stream200;
    private Contender stream2000;

    @Setup(Level.Trial)
    public void setUp() {
        String base = "http://127.0.0.1:" + Integer.getInteger("bench.port");
        sync = Contender.create(contender, base + "/sync/api/v1");
        stream200 = Contender.create(contender, base + "/s/200/api/v1");
        stream2000 = Contender.create(contender, base + "/s/2000/api/v1");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sync.close();
        stream200.close();
        stream2000.close();
    }

    @Benchmark
    public String sync() {
        return sync.call();
    }

    @Benchmark
    public int stream200() {
        Probe p = new Probe();
        stream200.stream(p);
        p.await();
        return p.tokens();
    }

    @Benchmark
    public int stream2000() {
        Probe p = new Probe();
        stream2000.stream(p);
        p.await();
        return p.tokens();
    }
}
