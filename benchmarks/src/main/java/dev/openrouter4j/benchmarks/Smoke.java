package dev.openrouter4j.benchmarks;

import dev.openrouter4j.benchmarks.contenders.Contender;
import dev.openrouter4j.benchmarks.contenders.Probe;
import dev.openrouter4j.benchmarks.server.ServerProcess;

/** Checks that every contender gets the whole answer from every route; run before measuring anything. */
public final class Smoke {

    public static void main(String[] args) throws Exception {
        try (ServerProcess server = ServerProcess.start()) {
            check(server.base());
        }
    }

    static void check(String base) {
        for (String name : Contender.ALL) {
            try (Contender c = Contender.create(name, base + "/sync/api/v1")) {
                String t = c.call();
                require(t.startsWith("Venus is the second"), name + " sync: " + t);
            }
            for (int n : new int[]{3, 200, 2000}) {
                try (Contender c = Contender.create(name, base + "/s/" + n + "/api/v1")) {
                    String expected = expectedText(n);
                    Probe p = new Probe(null, true);
                    c.stream(p);
                    p.await();
                    require(p.tokens() == n, name + " stream " + n + ": " + p.tokens() + " tokens");
                    require(p.text().equals(expected), name + " stream text " + p.text());
                    require(p.partials().equals(expected), name + " tokens out of order: " + p.partials());
                    Probe q = new Probe(null, true);
                    c.streamAsync(q);
                    q.await();
                    require(q.tokens() == n, name + " async stream " + n + ": " + q.tokens() + " tokens");
                    require(q.partials().equals(expected), name + " async tokens out of order: " + q.partials());
                }
            }
            try (Contender c = Contender.create(name, base + "/drip/20/5/api/v1")) {
                Probe p = new Probe();
                c.streamAsync(p);
                p.await();
                require(p.tokens() == 5, name + " drip: " + p.tokens());
                System.err.printf("smoke %-20s ok (drip ttft %.1f ms, total %.1f ms)%n", name, p.ttftNanos() / 1e6,
                        p.totalNanos() / 1e6);
            }
        }
    }

    private static String expectedText(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(dev.openrouter4j.benchmarks.server.Bodies.token(i));
        return b.toString();
    }

    private static void require(boolean ok, String what) {
        if (!ok) throw new IllegalStateException("smoke test failed: " + what);
    }
}
