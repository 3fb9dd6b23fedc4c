package dev.openrouter4j.benchmarks;

import dev.openrouter4j.benchmarks.contenders.Contender;

/**
 * A profiling aid, not part of the report: runs one contender on one scenario in a loop, e.g. under JFR:
 * {@code java -XX:StartFlightRecording=filename=x.jfr,settings=profile -cp benchmarks.jar
 * dev.openrouter4j.benchmarks.Profile <port> openrouter4j sync 30}.
 */
public final class Profile {

    public static void main(String[] args) {
        String base = "http://127.0.0.1:" + args[0];
        String name = args[1];
        String scenario = args[2];
        long seconds = Long.parseLong(args[3]);
        LatencyWorker.Scenario s = switch (scenario) {
            case "sync" -> new LatencyWorker.Scenario("sync", "/sync/api/v1", false, 0, 1000);
            case "stream200" -> new LatencyWorker.Scenario("stream200", "/s/200/api/v1", true, 0, 200);
            case "stream2000" -> new LatencyWorker.Scenario("stream2000", "/s/2000/api/v1", true, 0, 30);
            default -> throw new IllegalArgumentException(scenario);
        };
        try (Contender c = Contender.create(name, base + s.route())) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            java.util.List<Double> medians = new java.util.ArrayList<>();
            java.util.List<Double> cpus = new java.util.ArrayList<>();
            java.util.List<Double> p10s = new java.util.ArrayList<>();
            while (System.nanoTime() < end) {
                long cpu0 = os.getProcessCpuTime();
                double[][] m = LatencyWorker.block(c, s, s.ops());
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e3 / s.ops();
                medians.add(Stats.median(m[1]));
                p10s.add(Stats.percentile(m[1], 10));
                cpus.add(cpu);
                System.err.printf("%s %s median total %.1f µs, client CPU %.1f µs per call%n", name, scenario,
                        Stats.median(m[1]), cpu);
            }
            int skip = medians.size() / 3;
            System.err.printf("SUMMARY %s %s median of medians %.1f µs, p10 %.1f µs, CPU %.1f µs per call%n", name,
                    scenario, Stats.median(medians.subList(skip, medians.size())),
                    Stats.median(p10s.subList(skip, p10s.size())), Stats.median(cpus.subList(skip, cpus.size())));
        }
    }
}
