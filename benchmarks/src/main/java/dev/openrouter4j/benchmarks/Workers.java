package dev.openrouter4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.benchmarks.server.ServerProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a measurement in a fresh JVM (so that contenders never share a heap, threads or file descriptors) and reads
 * back the one {@code RESULT {json}} line it prints.
 */
public final class Workers {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT = "RESULT ";

    private Workers() {
    }

    /** Entry point of a worker JVM: {@code Workers <worker class simple name> args...}. */
    public static void main(String[] args) throws Exception {
        ObjectNode result = switch (args[0]) {
            case "latency" -> LatencyWorker.run(args);
            case "concurrency" -> ConcurrencyWorker.run(args);
            case "retained" -> RetainedWorker.run(args);
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println(RESULT + JSON.writeValueAsString(result));
        System.out.flush();
        System.exit(0);
    }

    /** Runs a worker JVM with the given heap and extra JVM flags; its stderr goes to ours. */
    static JsonNode fork(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ServerProcess.javaBinary());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Workers.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        JsonNode result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith(RESULT)) {
                    result = JSON.readTree(line.substring(RESULT.length()));
                } else {
                    System.err.println("  | " + line);
                }
            }
        }
        int rc = p.waitFor();
        if (result == null) {
            throw new IOException("worker " + String.join(" ", args) + " exited with " + rc + " and no result");
        }
        return result;
    }

    static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static long usedHeapAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            gc();
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    static void log(String fmt, Object... args) {
        System.err.printf("[%tT] " + fmt + "%n", prepend(System.currentTimeMillis(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
