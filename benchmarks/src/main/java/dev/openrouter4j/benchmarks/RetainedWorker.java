package dev.openrouter4j.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.benchmarks.contenders.Contender;
import dev.openrouter4j.benchmarks.contenders.Probe;
import dev.openrouter4j.benchmarks.server.Bodies;

/**
 * Item 3, retained memory per open stream, one (contender, stream length) per JVM (serial GC, so a full GC leaves
 * exactly the live objects). The server sends {@code k} content chunks at once and then holds the stream open. After
 * a warm-up on complete streams, {@code n} streams are opened and, once all received their k tokens, the live heap
 * is measured; then {@code n} more, measured again. Retained bytes per open stream = the difference / n, so that
 * one-time costs (pools, connection structures, classes) are left out.
 */
final class RetainedWorker {

    private RetainedWorker() {
    }

    /** args: retained port contender k n */
    static ObjectNode run(String[] args) throws InterruptedException {
        String base = "http://127.0.0.1:" + args[1];
        String name = args[2];
        int k = Integer.parseInt(args[3]);
        int n = Integer.parseInt(args[4]);
        try (Contender warm = Contender.create(name, base + "/s/200/api/v1")) {
            for (int i = 0; i < 50; i++) {
                Probe p = new Probe();
                warm.streamAsync(p);
                p.await();
            }
        }
        Contender c = Contender.create(name, base + "/hold/" + k + "/api/v1");
        Probe[] first = open(c, n, k);
        long used1 = Workers.usedHeapAfterGc();
        Probe[] second = open(c, n, k);
        long used2 = Workers.usedHeapAfterGc();
        ObjectNode out = Workers.JSON.createObjectNode();
        out.put("k", k);
        out.put("n", n);
        out.put("bytesPerStream", (double) (used2 - used1) / n);
        out.put("contentChars", Bodies.contentChars(k));
        out.put("open", countOpen(first) + countOpen(second));
        // keep the streams reachable until measured
        if (first.length + second.length == 0) System.err.println(c);
        return out;
    }

    private static Probe[] open(Contender c, int n, int k) throws InterruptedException {
        Probe[] probes = new Probe[n];
        for (int i = 0; i < n; i++) {
            probes[i] = new Probe();
            c.streamAsync(probes[i]);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Probe p : probes) {
                if (p.finished()) {
                    throw new IllegalStateException("a held stream ended: " + p.error());
                }
                if (p.tokens() < k) {
                    all = false;
                    break;
                }
            }
            if (all) {
                Thread.sleep(200); // let the last callbacks finish
                return probes;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the held streams did not all receive " + k + " tokens in 60 s");
    }

    private static int countOpen(Probe[] probes) {
        int open = 0;
        for (Probe p : probes) {
            if (!p.finished()) open++;
        }
        return open;
    }
}
