package dev.openrouter4j.jakartaee.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A server's operating-system process (a start script or a JVM) with its console in a file, and the one place that
 * ends it: its JVM and the script are sent SIGTERM, then killed if they are still there after a grace period. A JVM
 * shutdown hook ends whatever a test left running, so a failed test does not leave a server behind.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerProcess::close),
                "jakartaee-tests-server-reaper"));
    }

    private final Process process;
    private final Path console;

    private ServerProcess(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    /** Starts {@code command} in {@code dir} with {@code env} added to this JVM's environment. */
    public static ServerProcess start(List<String> command, Map<String, String> env, Path dir, Path console) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        pb.environment().putAll(env);
        try {
            ServerProcess p = new ServerProcess(pb.start(), console);
            RUNNING.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The file that receives the process's standard output and error. */
    public Path console() {
        return console;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The server's JVM: the process itself, or the java process its start script launched. */
    public Optional<Long> javaPid() {
        if (isJava(process.toHandle())) return Optional.of(process.pid());
        return process.descendants().filter(ServerProcess::isJava).map(ProcessHandle::pid).findFirst();
    }

    private static boolean isJava(ProcessHandle h) {
        return h.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** Writes one line to the process's standard input. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the server process", e);
        }
    }

    /** Ends the JVM and the script (SIGTERM, then SIGKILL after 30 s); idempotent. */
    @Override
    public void close() {
        RUNNING.remove(this);
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                h.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }
}
