package dev.openrouter4j.jakartaee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Appends each server's boot time, test time and event-delivery result to {@code target/jakartaee-timings.txt} (and
 * to the test's output), for the CI budget and the documentation.
 */
final class Timings {

    static final Path FILE = Path.of("target", "jakartaee-timings.txt");

    private Timings() {
    }

    static void booted(String name, String description, long nanos) {
        append(name + ": " + description + " booted with the application deployed in " + seconds(nanos));
    }

    static void events(String name, int delivered, int repetitions) {
        append(name + ": every event delivered (sync and async, application config visible) in " + delivered
                + " of " + repetitions + " repetitions");
    }

    static void tested(String name, long nanos) {
        append(name + ": tests and shutdown took " + seconds(nanos));
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", TimeUnit.NANOSECONDS.toMillis(nanos) / 1000.0);
    }

    private static synchronized void append(String line) {
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
