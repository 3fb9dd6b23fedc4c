package dev.openrouter4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.benchmarks.contenders.Contender;
import dev.openrouter4j.benchmarks.server.Bodies;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of one run and their rendering as {@code docs/benchmarks.md}. */
final class Report {

    static final int DRIP_MS = 100;
    static final int DRIP_CHUNKS = 10;
    private static final String RAW = Contender.RAW_JDK;
    private static final String LC4J = Contender.LANGCHAIN4J_OPEN_AI;
    private static final String OR4J = Contender.OPENROUTER4J;

    final boolean quick;
    String machine;
    String loadStart;
    String loadEnd;
    String openFiles;
    String source;
    ZonedDateTime started;
    Duration duration;

    final ObjectNode raw = Workers.JSON.createObjectNode();
    final List<JsonNode> latencyForks = new ArrayList<>();
    final ObjectNode concurrency = raw.putObject("concurrency");
    final ObjectNode retained = raw.putObject("retained");
    final ObjectNode allocation = raw.putObject("allocation");
    final ObjectNode cost = raw.putObject("cost");
    final ObjectNode catalog = raw.putObject("catalog");
    final ObjectNode cdi = raw.putObject("cdi");

    private final List<String[]> targets = new ArrayList<>();
    private final StringBuilder md = new StringBuilder();

    Report(boolean quick) {
        this.quick = quick;
    }

    // ---- helpers ----

    /** Per-round values of one (scenario, contender, metric) across all latency forks. */
    private List<Double> rounds(String scenario, String contender, String metric) {
        List<Double> v = new ArrayList<>();
        for (JsonNode fork : latencyForks) {
            JsonNode a = fork.path(scenario).path(contender).path(metric);
            a.forEach(x -> v.add(x.asDouble()));
        }
        return v;
    }

    private static String f(double v) {
        if (Double.isNaN(v)) return "–";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String range(List<Double> v) {
        if (v.isEmpty()) return "–";
        return "**" + f(Stats.median(v)) + "** (" + f(Stats.min(v)) + "–" + f(Stats.max(v)) + ")";
    }

    private static String ratio(List<Double> v) {
        if (v.isEmpty()) return "–";
        return String.format(Locale.ROOT, "**%.2f×** (%.2f–%.2f)", Stats.median(v), Stats.min(v), Stats.max(v));
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private void target(String what, String goal, String measured, boolean met) {
        targets.add(new String[]{what, goal, measured, met ? "met" : "**missed**"});
    }

    // ---- the document ----

    String markdown() {
        StringBuilder body = md;
        line("## 1. Sync call");
        line("");
        latencyTable("sync", "call", "µs per call");
        line("## 2. Streaming: 200 and 2,000 chunks");
        line("");
        line("Time to first token and to the complete response (`onCompleteResponse`, or the end of the iteration),"
                + " from the call.");
        line("");
        for (String s : List.of("stream200", "stream2000")) {
            String n = s.equals("stream200") ? "200" : "2,000";
            line("**" + n + " chunks, time to first token**");
            line("");
            latencyTable(s, "ttft", "µs");
            line("**" + n + " chunks, time to the complete response**");
            line("");
            latencyTable(s, "total", "µs");
        }
        latencyTargets();
        line("## 3. Memory: allocation per call and retained memory per open stream");
        line("");
        allocationTable();
        retainedTable();
        line("## 4. Concurrent slow streams");
        line("");
        concurrencyTables();
        line("## 5. Cost listener and ledger");
        line("");
        costTable();
        line("## 6. Model catalog");
        line("");
        catalogTable();
        line("## 7. CDI");
        line("");
        cdiTable();
        String sections = body.toString();

        StringBuilder doc = new StringBuilder();
        doc.append("# Benchmarks\n\n");
        doc.append("What openrouter4j costs per call next to the other ways of calling OpenRouter from Java, measured"
                + " in one run of `benchmarks/` against a loopback server (generated file: do not edit, re-run).\n\n");
        doc.append("```bash\n");
        doc.append("mvn -B -ntp install -DskipTests                      # the library, once\n");
        doc.append("mvn -B -ntp -f benchmarks/pom.xml package && java -jar benchmarks/target/benchmarks.jar\n");
        doc.append("```\n\n");
        doc.append("| | |\n|---|---|\n");
        doc.append("| machine | ").append(machine).append(" |\n");
        doc.append("| run | ").append(started.format(DateTimeFormatter.ISO_LOCAL_DATE)).append(", ")
                .append(duration.toMinutes()).append(" min ").append(duration.toSecondsPart()).append(" s")
                .append(quick ? " (**--quick**: few rounds, rough numbers)" : "").append(" |\n");
        doc.append("| load average (1, 5, 15 min) | ").append(loadStart).append(" at the start, ").append(loadEnd)
                .append(" at the end (other work on the machine shares its 2 cores) |\n");
        doc.append("| open files limit | ").append(openFiles).append(" |\n");
        doc.append("| openrouter4j build | 0.1.0-SNAPSHOT as installed in the local Maven repository when"
                + " `benchmarks/` was packaged; ").append(source).append(" |\n");
        doc.append("| contenders | `openrouter4j` 0.1.0-SNAPSHOT; `langchain4j-open-ai` 1.19.0 (JDK client, HTTP/1.1);"
                + " `openai-java` 4.8.0 (OkHttp); `raw-jdk`: `java.net.http.HttpClient` (HTTP/1.1) + Jackson 2.22"
                + " |\n\n");
        doc.append(howToRead());
        doc.append("## Targets\n\n");
        doc.append("| target | goal | measured | |\n|---|---|---|---|\n");
        for (String[] t : targets) {
            doc.append("| ").append(String.join(" | ", t)).append(" |\n");
        }
        doc.append("\n");
        doc.append(sections);
        doc.append(analysis());
        return doc.toString();
    }

    private String howToRead() {
        return """
                ## How to read this

                - **The server is not what is measured.** A minimal NIO HTTP/1.1 responder (one selector thread,
                  keep-alive, precomputed bytes) runs in its own JVM on loopback and serves fixed OpenRouter-shaped
                  bodies: a ~1 KB chat completion; event streams of 200 and 2,000 content chunks plus a finish chunk,
                  a usage chunk with `cost`, and `[DONE]` (written at once with a `Content-Length`, like a web server
                  sending a canned file); and, for concurrency, the same stream sent live (chunked) one chunk every
                  %d ms. Every measurement of a client runs in a fresh JVM (`-Xms/-Xmx` fixed, default GC).
                - **Each contender is used the way its documentation shows**, with defaults: build the request, call,
                  get the whole answer with usage. LangChain4j models stream through their asynchronous handler;
                  openai-java's streams are iterated (blocking) and folded with its `ChatCompletionAccumulator`;
                  the raw client `send`s and reads `data:` lines with `BodyHandlers.ofLines()`, one Jackson tree per
                  chunk. For concurrency everyone uses a non-blocking API (openai-java: `client.async()`; raw:
                  `sendAsync` with a line subscriber).
                - **Latency (sections 1, 2)**: after a warm-up, rounds alternate the four contenders (rotating the
                  order, full GC before each block); a block is 600 sync calls, 120 streams of 200 chunks or 18 of
                  2,000, and its value is the median call. Cells show the **median** of the per-round medians and
                  (min–max) over all rounds of 2 JVMs. Ratios are taken round by round against the raw client
                  (and against bare langchain4j-open-ai) measured in the same round, then summarized the same way.
                - **Allocation** is JMH's `gc.alloc.rate.norm`: bytes allocated per call by every thread of the JVM
                  (library, HTTP client and its selector included). **Retained memory** is the live heap after a
                  full GC with 64 more streams open (each has received all its chunks, and the server holds it
                  open), divided by 64.
                - **Threads** are those started after the client was created (library and HTTP client), excluding
                  the JVM's own and the benchmark's; the caller issues every stream from one thread.
                - This is a shared 2-core virtual machine; its load average is in the header. Differences under
                  ~10%% between two contenders are within the run-to-run spread shown in the (min–max) columns.

                """.formatted(DRIP_MS);
    }

    private void latencyTable(String scenario, String metric, String unit) {
        line("| contender | " + unit + ": median (min–max) | × raw-jdk | × langchain4j-open-ai |");
        line("|---|---|---|---|");
        List<Double> raw = rounds(scenario, RAW, metric);
        List<Double> lc = rounds(scenario, LC4J, metric);
        for (String c : Contender.ALL) {
            List<Double> v = rounds(scenario, c, metric);
            line("| " + c + " | " + range(v) + " | " + (c.equals(RAW) ? "1" : ratio(Stats.ratios(v, raw))) + " | "
                    + (c.equals(LC4J) ? "1" : ratio(Stats.ratios(v, lc))) + " |");
        }
        line("");
    }

    private void latencyTargets() {
        if (latencyForks.isEmpty()) return;
        List<Double> sync = Stats.ratios(rounds("sync", OR4J, "call"), rounds("sync", RAW, "call"));
        List<Double> syncLc = Stats.ratios(rounds("sync", OR4J, "call"), rounds("sync", LC4J, "call"));
        target("sync call vs raw JDK", "≤ 1.10×", ratio(sync), Stats.median(sync) <= 1.10);
        target("sync call vs bare langchain4j-open-ai", "≤ 1.00× (no slower)", ratio(syncLc),
                Stats.median(syncLc) <= 1.0);
        for (String s : List.of("stream200", "stream2000")) {
            String n = s.equals("stream200") ? "200" : "2,000";
            List<Double> total = Stats.ratios(rounds(s, OR4J, "total"), rounds(s, RAW, "total"));
            List<Double> ttft = Stats.ratios(rounds(s, OR4J, "ttft"), rounds(s, RAW, "ttft"));
            target("stream of " + n + " chunks, complete, vs raw", "≤ 1.25×", ratio(total),
                    Stats.median(total) <= 1.25);
            target("stream of " + n + " chunks, first token, vs raw", "≤ 1.25×", ratio(ttft),
                    Stats.median(ttft) <= 1.25);
        }
    }

    private void allocationTable() {
        if (allocation.isEmpty()) return;
        line("**Allocated per call** (JMH `-prof gc`, `gc.alloc.rate.norm`; in parentheses JMH's *mean* time per"
                + " call, one caller thread, 1 GB heap: unlike the medians above it includes GC pauses)");
        line("");
        line("| contender | sync call | × raw | stream, 200 chunks | × raw | stream, 2,000 chunks | × raw |");
        line("|---|---|---|---|---|---|---|");
        for (String c : Contender.ALL) {
            StringBuilder row = new StringBuilder("| " + c + " |");
            for (String m : List.of("sync", "stream200", "stream2000")) {
                JsonNode n = allocation.path(c).path(m);
                JsonNode r = allocation.path(RAW).path(m);
                if (n.isMissingNode()) {
                    row.append(" – | – |");
                    continue;
                }
                double b = n.path("bytesPerOp").asDouble(Double.NaN);
                String size = b >= 1024 * 1024 ? f(b / 1024 / 1024) + " MB" : b >= 1024 ? f(b / 1024) + " KB"
                        : f(b) + " B";
                row.append(" ").append(size).append(" (").append(f(n.path("usPerOp").asDouble())).append(" µs) | ")
                        .append(String.format(Locale.ROOT, "%.2f×", b / r.path("bytesPerOp").asDouble(Double.NaN)))
                        .append(" |");
            }
            line(row.toString());
        }
        line("");
    }

    private void retainedTable() {
        if (retained.isEmpty()) return;
        int chars200 = Bodies.contentChars(200);
        int chars2000 = Bodies.contentChars(2000);
        line("**Retained per open stream** (live heap after a full GC, per stream, 64 streams open; the streams"
                + " carry " + String.format(Locale.ROOT, "%,d", chars200) + " and "
                + String.format(Locale.ROOT, "%,d", chars2000) + " characters of text)");
        line("");
        line("| contender | after 200 chunks | after 2,000 chunks | growth for 1,800 more chunks | growth per chunk |");
        line("|---|---|---|---|---|");
        for (String c : Contender.ALL) {
            double a = retained.path(c).path("200").path("bytesPerStream").asDouble(Double.NaN);
            double b = retained.path(c).path("2000").path("bytesPerStream").asDouble(Double.NaN);
            line("| " + c + " | " + f(a / 1024) + " KB | " + f(b / 1024) + " KB | " + f((b - a) / 1024) + " KB | "
                    + f((b - a) / 1800) + " B |");
        }
        line("");
        double a = retained.path(OR4J).path("200").path("bytesPerStream").asDouble(Double.NaN);
        double b = retained.path(OR4J).path("2000").path("bytesPerStream").asDouble(Double.NaN);
        double textGrowth = 2.0 * (chars2000 - chars200); // a StringBuilder holds at most 2 bytes of capacity per char
        target("retained memory per open stream independent of its length (beyond the text)",
                "growth ≤ the text's (≤ " + f(textGrowth / 1024) + " KB for 1,800 chunks)",
                f(a / 1024) + " KB → " + f(b / 1024) + " KB", b - a <= textGrowth);
    }

    private void concurrencyTables() {
        if (concurrency.isEmpty()) return;
        line("Streams of " + DRIP_CHUNKS + " content chunks, one every " + DRIP_MS + " ms (the first after "
                + DRIP_MS + " ms, as a model's first token), all opened at once from one thread; a new client per"
                + " round. Ideal: first token at " + DRIP_MS + " ms, complete at ~" + (DRIP_MS * DRIP_CHUNKS)
                + " ms. *Streams/s* counts from the first call to the last completion. *CPU* is the client"
                + " process's CPU time per stream. Medians over rounds, (min–max).");
        line("");
        List<String> levels = new ArrayList<>();
        concurrency.path(OR4J).fieldNames().forEachRemaining(levels::add);
        for (String level : levels) {
            line("**" + String.format(Locale.ROOT, "%,d", Integer.parseInt(level)) + " concurrent streams**");
            line("");
            line("| contender | streams/s | first token p50 | first token p99 | × raw | complete p99 | CPU per"
                    + " stream | threads | thread pools at the peak |");
            line("|---|---|---|---|---|---|---|---|---|");
            List<Double> rawP99 = metric(RAW, level, "ttftP99Ms");
            for (String c : Contender.ALL) {
                JsonNode rs = concurrency.path(c).path(level).path("rounds");
                if (rs.isMissingNode() || rs.isEmpty()) {
                    line("| " + c + " | not run | | | | | | | |");
                    continue;
                }
                int failed = 0;
                int threads = 0;
                JsonNode peak = null;
                for (JsonNode r : rs) {
                    failed += r.path("failed").asInt();
                    if (r.path("threads").asInt() >= threads) {
                        threads = r.path("threads").asInt();
                        peak = r;
                    }
                }
                List<Double> p99 = metric(c, level, "ttftP99Ms");
                line("| " + c + (failed > 0 ? " (" + failed + " failed: " + rs.get(0).path("error").asText("")
                        + ")" : "") + " | " + range(metric(c, level, "streamsPerSecond")) + " | "
                        + f(Stats.median(metric(c, level, "ttftP50Ms"))) + " ms | " + range(p99) + " ms | "
                        + (c.equals(RAW) ? "1" : ratio(Stats.ratios(p99, rawP99))) + " | "
                        + f(Stats.median(metric(c, level, "totalP99Ms"))) + " ms | "
                        + f(Stats.median(metric(c, level, "cpuMsPerStream"))) + " ms | " + threads + " | "
                        + pools(peak) + " |");
                if (c.equals(OR4J) && level.equals("5000")) {
                    target("5,000 concurrent streams: threads of the library and its HTTP client", "< 50",
                            threads + " (" + failed + " failed)", threads < 50 && failed == 0);
                }
            }
            line("");
        }
    }

    private List<Double> metric(String c, String level, String m) {
        List<Double> v = new ArrayList<>();
        concurrency.path(c).path(level).path("rounds").forEach(r -> {
            if (r.has(m) && !r.get(m).isNull() && r.get(m).isNumber()) v.add(r.get(m).asDouble());
        });
        return v;
    }

    private static String pools(JsonNode round) {
        if (round == null) return "";
        List<String> p = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = round.path("threadGroups").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            p.add("`" + e.getKey() + "` ×" + e.getValue().asInt());
        }
        return String.join(", ", p);
    }

    private void costTable() {
        if (cost.isEmpty()) return;
        line("`CostListener` recording a call into a `CostLedger` (`onRequest` + `onResponse` with a response that"
                + " carries OpenRouter's usage and cost; every call its own generation id). *baseline* builds the"
                + " same contexts and response without the listener; *listener alone* is the difference. JMH"
                + " throughput: mean (min–max of the measured iterations). 16 threads share the 2 cores.");
        line("");
        line("| store | 1 thread: records/s | µs per record | listener alone | 16 threads: records/s | × 1 thread |");
        line("|---|---|---|---|---|---|");
        double base1 = cost.path("baseline").path("1").path("opsPerSecond").asDouble(Double.NaN);
        List<String> keys = new ArrayList<>();
        cost.fieldNames().forEachRemaining(keys::add);
        for (String store : List.of("baseline", "memory", "interval-1s", "every-100", "always")) {
            if (!keys.contains(store)) continue;
            JsonNode one = cost.path(store).path("1");
            JsonNode many = cost.path(store).path("16");
            double r1 = one.path("opsPerSecond").asDouble(Double.NaN);
            double r16 = many.path("opsPerSecond").asDouble(Double.NaN);
            String listener = store.equals("baseline") ? "–" : f(1e6 / r1 - 1e6 / base1) + " µs";
            String name = switch (store) {
                case "baseline" -> "baseline (no listener)";
                case "memory" -> "in memory";
                case "interval-1s" -> "file, fsync every 1 s";
                case "every-100" -> "file, fsync every 100 records";
                case "always" -> "file, fsync every record (the default)";
                default -> store;
            };
            line("| " + name + " | **" + f(r1) + "** (" + f(one.path("min").asDouble()) + "–"
                    + f(one.path("max").asDouble()) + ") | " + f(1e6 / r1) + " | " + listener + " | **" + f(r16)
                    + "** (" + f(many.path("min").asDouble()) + "–" + f(many.path("max").asDouble()) + ") | "
                    + String.format(Locale.ROOT, "%.2f×", r16 / r1) + " |");
            if (store.equals("memory")) {
                double us = 1e6 / r1 - 1e6 / base1;
                target("cost record in memory (listener + ledger, 1 thread)", "≤ 1 µs",
                        f(us) + " µs (" + f(1e6 / r1) + " µs with building the response)", us <= 1.0);
            }
        }
        line("");
    }

    private void catalogTable() {
        if (catalog.isEmpty()) return;
        line("The recorded 356-model `GET /models` response (597 KB), warm (JMH average time: mean (min–max of the"
                + " measured iterations)).");
        line("");
        line("| | ms per parse |");
        line("|---|---|");
        JsonNode o = catalog.path("openrouter4jFromJson");
        JsonNode j = catalog.path("jacksonTree");
        line("| openrouter4j `OpenRouterModelCatalog.fromJson` (parse + index) | **" + f(o.path("msPerOp").asDouble())
                + "** (" + f(o.path("min").asDouble()) + "–" + f(o.path("max").asDouble()) + ") |");
        line("| Jackson `readTree` of the same text (floor) | " + f(j.path("msPerOp").asDouble()) + " ("
                + f(j.path("min").asDouble()) + "–" + f(j.path("max").asDouble()) + ") |");
        line("");
        target("catalog parse, warm", "≤ 20 ms", f(o.path("msPerOp").asDouble()) + " ms",
                o.path("msPerOp").asDouble() <= 20);
    }

    private void cdiTable() {
        if (cdi.isEmpty()) {
            line("Not measured in this run.");
            line("");
            return;
        }
        line("A fresh JVM per boot: Weld SE 5.1 with the `openrouter-cdi` extension (discovery off, one application"
                + " bean injecting `ChatModel`), configured through SmallRye Config from system properties. Times"
                + " from `main`; min/median/max over the boots.");
        line("");
        line("| | ms: median (min–max) |");
        line("|---|---|");
        line("| JVM start to `main` | " + range(cdiMetric("jvmToMainMs")) + " |");
        line("| `main` to Weld container ready | " + range(cdiMetric("bootMs")) + " |");
        line("| `main` to first injected model (created) | " + range(cdiMetric("injectedMs")) + " |");
        line("| `main` to its first answer from the loopback server | " + range(cdiMetric("firstCallMs")) + " |");
        line("");
        double inj = Stats.median(cdiMetric("injectedMs"));
        target("CDI: Weld SE boot to first injected model", "≤ 1.5 s", f(inj) + " ms (+ "
                + f(Stats.median(cdiMetric("jvmToMainMs"))) + " ms JVM start)", inj <= 1500);
    }

    private List<Double> cdiMetric(String m) {
        List<Double> v = new ArrayList<>();
        cdi.path("boots").forEach(b -> v.add(b.path(m).asDouble()));
        return v;
    }

    private static String analysis() {
        try (InputStream in = Report.class.getResourceAsStream("/dev/openrouter4j/benchmarks/analysis.md")) {
            return in == null ? "" : "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
