package dev.openrouter4j.jakartaee.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names of a server's live threads, from {@code jcmd <pid> Thread.print} of the JDK the server runs on. */
public final class Threads {

    private static final Pattern NAME = Pattern.compile("(?m)^\"([^\"]*)\"");

    private Threads() {
    }

    public static List<String> of(AppServer server) {
        ProcessBuilder pb = new ProcessBuilder(server.javaHome().resolve("bin/jcmd").toString(),
                String.valueOf(server.pid()), "Thread.print").redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("jcmd Thread.print failed: " + out);
            }
            Matcher m = NAME.matcher(out);
            List<String> names = new java.util.ArrayList<>();
            while (m.find()) names.add(m.group(1));
            if (names.isEmpty()) throw new AssertionError("jcmd listed no thread: " + out);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
