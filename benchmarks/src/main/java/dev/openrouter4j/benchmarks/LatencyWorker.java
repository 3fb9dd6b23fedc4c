package dev.openrouter4j.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.benchmarks.contenders.Contender;
import dev.openrouter4j.benchmarks.contenders.Probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Items 1 and 2 in one JVM: the sync call and streams of 200 and 2,000 chunks, all four contenders, interleaved.
 * After a warm-up, each round runs every (scenario, contender) block in turn (the contender order rotates), with a
 * full GC before each block so that no block pays for another's garbage; a block's result is the median of its calls.
 * The result holds, per scenario, contender and metric, the list of per-round medians in microseconds.
 */
final class LatencyWorker {

    record Scenario(String name, String route, boolean stream, int warmupOps, int ops) {
    }

    private LatencyWorker() {
    }

    /** args: latency port rounds scale [scenario,scenario...] */
    static ObjectNode run(String[] args) {
        String base = "http://127.0.0.1:" + args[1];
        int rounds = Integer.parseInt(args[2]);
        double scale = Double.parseDouble(args[3]);
        List<Scenario> scenarios = List.of(
                new Scenario("sync", "/sync/api/v1", false, (int) (3000 * scale), (int) (1000 * scale)),
                new Scenario("stream200", "/s/200/api/v1", true, (int) (600 * scale), (int) (200 * scale)),
                new Scenario("stream2000", "/s/2000/api/v1", true, (int) (80 * scale), (int) (30 * scale)))
                .stream().filter(s -> args.length < 5 || List.of(args[4].split(",")).contains(s.name)).toList();
        Map<String, Map<String, Contender>> contenders = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            Map<String, Contender> m = new LinkedHashMap<>();
            for (String name : Contender.ALL) {
                m.put(name, Contender.create(name, base + s.route));
            }
            contenders.put(s.name, m);
        }
        ObjectNode out = Workers.JSON.createObjectNode();
        for (int pass = 0; pass < 2; pass++) {
            for (Scenario s : scenarios) {
                for (Contender c : contenders.get(s.name).values()) {
                    block(c, s, s.warmupOps / 2);
                }
            }
        }
        Workers.log("latency: warmed up");
        for (int r = 0; r < rounds; r++) {
            for (Scenario s : scenarios) {
                List<String> order = new ArrayList<>(Contender.ALL);
                java.util.Collections.rotate(order, r);
                for (String name : order) {
                    Workers.gc();
                    double[][] m = block(contenders.get(s.name).get(name), s, s.ops);
                    ObjectNode node = out.with(s.name).with(name);
                    if (s.stream) {
                        ((ArrayNode) node.withArray("ttft")).add(Stats.median(m[0]));
                        ((ArrayNode) node.withArray("total")).add(Stats.median(m[1]));
                    } else {
                        ((ArrayNode) node.withArray("call")).add(Stats.median(m[1]));
                    }
                }
            }
            Workers.log("latency: round %d of %d done", r + 1, rounds);
        }
        contenders.values().forEach(m -> m.values().forEach(Contender::close));
        return out;
    }

    /** Runs {@code ops} calls; returns [time to first token µs][total µs]. */
    static double[][] block(Contender c, Scenario s, int ops) {
        double[] ttft = new double[ops];
        double[] total = new double[ops];
        for (int i = 0; i < ops; i++) {
            if (s.stream) {
                Probe p = new Probe();
                c.stream(p);
                p.await();
                ttft[i] = p.ttftNanos() / 1e3;
                total[i] = p.totalNanos() / 1e3;
            } else {
                long t0 = System.nanoTime();
                String text = c.call();
                total[i] = (System.nanoTime() - t0) / 1e3;
                if (text == null || text.isEmpty()) throw new IllegalStateException(c.name() + ": empty answer");
            }
        }
        return new double[][]{ttft, total};
    }
}
