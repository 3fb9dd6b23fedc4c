package dev.openrouter4j.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.benchmarks.contenders.Contender;
import dev.openrouter4j.benchmarks.contenders.Probe;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Item 4, one contender per JVM: N streams opened at once from one caller thread through the non-blocking API, the
 * server dribbling one chunk every {@code interval} ms. Per round: completed streams per second (from the first call
 * to the last completion), p50/p99 time to first token and to completion (from each stream's own call), client CPU
 * per stream, and the peak number of threads of the library and its HTTP client (new threads, not the JVM's or the
 * benchmark's). A new client per round; a 64-stream round first warms up.
 */
final class ConcurrencyWorker {

    private ConcurrencyWorker() {
    }

    /** args: concurrency port contender intervalMs chunks levels(64,500,5000) rounds(3,3,2) */
    static ObjectNode run(String[] args) throws InterruptedException {
        String base = "http://127.0.0.1:" + args[1];
        String name = args[2];
        int intervalMs = Integer.parseInt(args[3]);
        int chunks = Integer.parseInt(args[4]);
        String[] levels = args[5].split(",");
        String[] rounds = args[6].split(",");
        String route = base + "/drip/" + intervalMs + "/" + chunks + "/api/v1";
        ObjectNode out = Workers.JSON.createObjectNode();
        round(name, route, 64, chunks, null); // warm-up
        for (int l = 0; l < levels.length; l++) {
            int n = Integer.parseInt(levels[l]);
            int r = Integer.parseInt(rounds[l]);
            ObjectNode level = out.with(String.valueOf(n));
            for (int i = 0; i < r; i++) {
                round(name, route, n, chunks, level);
                Workers.log("concurrency: %s %d streams, round %d of %d", name, n, i + 1, r);
            }
        }
        return out;
    }

    private static void round(String name, String route, int n, int chunks, ObjectNode into)
            throws InterruptedException {
        Workers.gc();
        Thread.sleep(300);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Probe[] probes = new Probe[n];
        CountDownLatch all = new CountDownLatch(n);
        long t0;
        long cpu0;
        ThreadCensus census = new ThreadCensus();
        Contender c = Contender.create(name, route);
        try {
            cpu0 = os.getProcessCpuTime();
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                probes[i] = new Probe(all);
                c.streamAsync(probes[i]);
            }
            if (!all.await(600, TimeUnit.SECONDS)) {
                Workers.log("concurrency: %s %d streams: %d did not finish in 600 s", name, n, all.getCount());
            }
        } finally {
            census.close();
            c.close();
        }
        long cpu = os.getProcessCpuTime() - cpu0;
        int ok = 0;
        int failed = 0;
        String firstError = null;
        long last = t0;
        double[] ttft = new double[n];
        double[] total = new double[n];
        int k = 0;
        for (Probe p : probes) {
            if (!p.finished()) {
                failed++;
                if (firstError == null) firstError = "did not finish";
                continue;
            }
            if (p.error() != null || p.tokens() != chunks) {
                failed++;
                if (firstError == null) {
                    firstError = p.error() != null ? String.valueOf(p.error()) : p.tokens() + " tokens";
                }
                continue;
            }
            ok++;
            last = Math.max(last, p.endNanos());
            ttft[k] = p.ttftNanos() / 1e6;
            total[k] = p.totalNanos() / 1e6;
            k++;
        }
        ttft = java.util.Arrays.copyOf(ttft, k);
        total = java.util.Arrays.copyOf(total, k);
        if (into == null) return;
        ObjectNode r = ((ArrayNode) into.withArray("rounds")).addObject();
        r.put("ok", ok);
        r.put("failed", failed);
        if (firstError != null) r.put("error", firstError.length() > 300 ? firstError.substring(0, 300) : firstError);
        double seconds = (last - t0) / 1e9;
        r.put("streamsPerSecond", ok / seconds);
        r.put("tokensPerSecond", (double) ok * chunks / seconds);
        r.put("ttftP50Ms", Stats.percentile(ttft, 50));
        r.put("ttftP99Ms", Stats.percentile(ttft, 99));
        r.put("totalP50Ms", Stats.percentile(total, 50));
        r.put("totalP99Ms", Stats.percentile(total, 99));
        r.put("cpuMsPerStream", cpu / 1e6 / n);
        r.put("threads", census.peak());
        ObjectNode g = r.putObject("threadGroups");
        census.peakGroups().forEach(g::put);
    }
}
