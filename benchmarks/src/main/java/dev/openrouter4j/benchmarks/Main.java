package dev.openrouter4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.benchmarks.contenders.Contender;
import dev.openrouter4j.benchmarks.jmh.CallBenchmark;
import dev.openrouter4j.benchmarks.jmh.CatalogBenchmark;
import dev.openrouter4j.benchmarks.jmh.CostBenchmark;
import dev.openrouter4j.benchmarks.server.ServerProcess;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every benchmark against one loopback server and writes {@code docs/benchmarks.md}:
 * <pre>
 * mvn -B -ntp -f benchmarks/pom.xml package && java -jar benchmarks/target/benchmarks.jar
 * </pre>
 * Options: {@code --quick} (fewer rounds: checks the harness, numbers are rough), {@code --out FILE},
 * {@code --only latency,concurrency,retained,alloc,cost,catalog,cdi}.
 */
public final class Main {

    static final List<String> SECTIONS = List.of("latency", "concurrency", "retained", "alloc", "cost", "catalog",
            "cdi");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = null;
        Set<String> only = new LinkedHashSet<>(SECTIONS);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (use --quick, --out FILE, --only " + String.join(",", SECTIONS) + ")");
            }
        }
        if (out == null) out = defaultOutput();
        Report report = new Report(quick);
        report.machine = Machine.line();
        report.loadStart = Machine.loadAverage();
        report.openFiles = Machine.openFilesLimit();
        report.source = sourceLine(out);
        report.started = ZonedDateTime.now();
        long t0 = System.nanoTime();
        Workers.log("openrouter4j benchmarks%s: %s", quick ? " (quick)" : "", report.machine);
        try (ServerProcess server = ServerProcess.start()) {
            String port = String.valueOf(server.port());
            Workers.log("loopback server pid %d on port %s", server.pid(), port);
            Smoke.check(server.base());
            if (only.contains("latency")) latency(report, port, quick);
            if (only.contains("concurrency")) concurrency(report, port, quick);
            if (only.contains("retained")) retained(report, port, quick);
            if (only.contains("alloc")) allocation(report, port, quick);
            if (only.contains("cost")) cost(report, quick);
            if (only.contains("catalog")) catalog(report, quick);
            if (only.contains("cdi")) cdi(report, port, quick);
        }
        report.loadEnd = Machine.loadAverage();
        report.duration = Duration.ofNanos(System.nanoTime() - t0);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.markdown() + CacheBenchmark.keptSection(out), StandardCharsets.UTF_8);
        Path json = Path.of(System.getProperty("java.io.tmpdir"), "openrouter4j-benchmarks.json");
        Files.writeString(json, Workers.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.raw));
        Workers.log("wrote %s (raw results: %s) in %d s", out.toAbsolutePath().normalize(), json,
                report.duration.toSeconds());
        System.exit(0);
    }

    /** docs/benchmarks.md of the repository the command runs in (found from the working directory up). */
    static Path defaultOutput() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("benchmarks").resolve("pom.xml"))) {
                return d.resolve("docs").resolve("benchmarks.md");
            }
        }
        return dir.resolve("benchmarks.md");
    }

    /** The repository's commit and whether the library's sources differ from it (the jar is what Maven installed). */
    static String sourceLine(Path out) {
        Path root = out.toAbsolutePath().getParent().getParent();
        String head = git(root, "rev-parse", "--short", "HEAD");
        if (head == null || head.isBlank()) return "unknown (not a git checkout)";
        String dirty = git(root, "status", "--porcelain", "--", "openrouter-langchain4j/src/main");
        return "repository at `" + head.trim() + "`" + (dirty != null && !dirty.isBlank()
                ? ", with uncommitted changes in `openrouter-langchain4j/src/main`" : "");
    }

    private static String git(Path dir, String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? text : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    static List<String> workerJvm(String heap, String... extra) {
        List<String> a = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        a.addAll(List.of(extra));
        return a;
    }

    // ---- 1 and 2 ----

    static void latency(Report report, String port, boolean quick) throws Exception {
        int forks = quick ? 1 : 2;
        String rounds = quick ? "2" : "6";
        String scale = quick ? "0.3" : "0.6";
        for (int f = 0; f < forks; f++) {
            Workers.log("latency: fork %d of %d (sync, 200 and 2,000 chunks; %s rounds)", f + 1, forks, rounds);
            report.latencyForks.add(Workers.fork(workerJvm("2g"), "latency", port, rounds, scale));
        }
    }

    // ---- 4 ----

    static void concurrency(Report report, String port, boolean quick) throws Exception {
        String levels = quick ? "64,500" : "64,500,5000";
        String rounds = quick ? "1,1" : "3,3,2";
        for (String c : Contender.ALL) {
            Workers.log("concurrency: %s (%s streams)", c, levels);
            JsonNode r = Workers.fork(workerJvm("2g"), "concurrency", port, c,
                    String.valueOf(Report.DRIP_MS), String.valueOf(Report.DRIP_CHUNKS), levels, rounds);
            report.concurrency.set(c, r);
        }
    }

    // ---- 3 ----

    static void retained(Report report, String port, boolean quick) throws Exception {
        String n = quick ? "32" : "64";
        for (String c : Contender.ALL) {
            for (String k : List.of("200", "2000")) {
                Workers.log("retained memory: %s, open streams of %s chunks", c, k);
                JsonNode r = Workers.fork(workerJvm("1g", "-XX:+UseSerialGC"), "retained", port, c, k, n);
                report.retained.with(c).set(k, r);
            }
        }
    }

    static ChainedOptionsBuilder jmh(boolean quick, String logName) {
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "openrouter4j-jmh-" + logName + ".log");
        return new OptionsBuilder()
                .forks(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 3).measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .output(log.toString());
    }

    static void allocation(Report report, String port, boolean quick) throws Exception {
        Workers.log("allocation per call: JMH with -prof gc (sync, 200 and 2,000 chunks × 4 contenders)");
        Collection<RunResult> results = new Runner(jmh(quick, "calls")
                .warmupIterations(quick ? 1 : 5)
                .measurementIterations(quick ? 2 : 5)
                .include(CallBenchmark.class.getName())
                .addProfiler("gc")
                .jvmArgs("-Xms1g", "-Xmx1g", "-Dbench.port=" + port, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .build()).run();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            ObjectNode node = report.allocation.with(r.getParams().getParam("contender")).putObject(method);
            node.put("usPerOp", r.getPrimaryResult().getScore());
            Result<?> alloc = secondary(r, "alloc.rate.norm");
            if (alloc != null) node.put("bytesPerOp", alloc.getScore());
        }
    }

    static Result<?> secondary(RunResult r, String suffix) {
        for (var e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(suffix)) return e.getValue();
        }
        return null;
    }

    // ---- 5 ----

    static void cost(Report report, boolean quick) throws Exception {
        for (int threads : new int[]{1, 16}) {
            Workers.log("cost listener + ledger: %d thread(s), in memory and with the file store per fsync policy",
                    threads);
            Collection<RunResult> results = new Runner(jmh(quick, "cost-" + threads)
                    .include(CostBenchmark.class.getName() + ".record")
                    .threads(threads)
                    .jvmArgs("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                    .build()).run();
            results.addAll(new Runner(jmh(quick, "cost-baseline-" + threads)
                    .include(CostBenchmark.class.getName() + ".baseline")
                    .param("store", "memory")
                    .threads(threads)
                    .jvmArgs("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                    .build()).run());
            for (RunResult r : results) {
                String bench = r.getParams().getBenchmark();
                String method = bench.substring(bench.lastIndexOf('.') + 1);
                String key = method.equals("baseline") ? "baseline" : r.getParams().getParam("store");
                ObjectNode node = report.cost.with(key).putObject(String.valueOf(threads));
                node.put("opsPerSecond", r.getPrimaryResult().getScore());
                node.put("min", r.getPrimaryResult().getStatistics().getMin());
                node.put("max", r.getPrimaryResult().getStatistics().getMax());
            }
        }
    }

    // ---- 6 ----

    static void catalog(Report report, boolean quick) throws Exception {
        Workers.log("catalog: parse of the 356-model /models response");
        Collection<RunResult> results = new Runner(jmh(quick, "catalog")
                .include(CatalogBenchmark.class.getName())
                .jvmArgs("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .build()).run();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            ObjectNode node = report.catalog.putObject(bench.substring(bench.lastIndexOf('.') + 1));
            node.put("msPerOp", r.getPrimaryResult().getScore());
            node.put("min", r.getPrimaryResult().getStatistics().getMin());
            node.put("max", r.getPrimaryResult().getStatistics().getMax());
        }
    }

    // ---- 7 ----

    static void cdi(Report report, String port, boolean quick) throws Exception {
        int boots = quick ? 2 : 5;
        for (int i = 0; i < boots; i++) {
            Workers.log("CDI: Weld SE boot %d of %d (fresh JVM)", i + 1, boots);
            List<String> cmd = new ArrayList<>(List.of(ServerProcess.javaBinary(), "-Xms512m", "-Xmx512m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    CdiBoot.class.getName(), port));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String line;
            String result = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("CDI ")) result = line;
                }
            }
            p.waitFor();
            if (result == null) throw new IOException("the CDI boot printed no result");
            String[] f = result.split(" ");
            ObjectNode b = ((ArrayNode) report.cdi.withArray("boots")).addObject();
            b.put("jvmToMainMs", Double.parseDouble(f[1]));
            b.put("bootMs", Double.parseDouble(f[2]));
            b.put("injectedMs", Double.parseDouble(f[3]));
            b.put("firstCallMs", Double.parseDouble(f[4]));
        }
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
