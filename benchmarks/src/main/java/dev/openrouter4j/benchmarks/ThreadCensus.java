package dev.openrouter4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the threads a client library (and its HTTP client) runs: every live thread that did not exist when the
 * census began, minus the JVM's own (compiler, GC, reference handling) and the benchmark's ({@code bench-*}). It
 * samples every 20 ms on its own thread and keeps the peak, with the thread names grouped by pool.
 */
final class ThreadCensus implements AutoCloseable {

    private static final List<String> JVM_OR_HARNESS = List.of("C1 CompilerThread", "C2 CompilerThread",
            "Common-Cleaner", "Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener",
            "Notification Thread", "Service Thread", "Sweeper thread", "Monitor Deflation Thread", "JFR ",
            "process reaper", "bench-", "main", "DestroyJavaVM");

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final Set<Long> before = new HashSet<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile int peak;
    private volatile Map<String, Integer> peakGroups = Map.of();

    ThreadCensus() {
        for (long id : mx.getAllThreadIds()) before.add(id);
        sampler = new Thread(this::loop, "bench-thread-census");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids, 0);
        int n = 0;
        Map<String, Integer> groups = new TreeMap<>();
        for (ThreadInfo ti : infos) {
            if (ti == null || before.contains(ti.getThreadId())) continue;
            String name = ti.getThreadName();
            if (JVM_OR_HARNESS.stream().anyMatch(name::startsWith)) continue;
            n++;
            groups.merge(group(name), 1, Integer::sum);
        }
        if (n > peak) {
            peak = n;
            peakGroups = groups;
        }
    }

    /** {@code openrouter4j-callback-12} and {@code HttpClient-3-Worker-7} become {@code openrouter4j-callback-*}... */
    static String group(String name) {
        return name.replaceAll("(?<=-)\\d+", "N");
    }

    int peak() {
        return peak;
    }

    Map<String, Integer> peakGroups() {
        return peakGroups;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
