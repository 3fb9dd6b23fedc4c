package dev.openrouter4j.jakartaee.server;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Payara Micro (the {@code fish.payara.extras:payara-micro} jar), booted by {@link PayaraMicroControl} in its own JVM
 * with clustering off, on a free HTTP port, its runtime files under this run's work directory.
 */
public final class PayaraMicro extends ProcessServer {

    private final Path jar;
    private final Path work;

    public PayaraMicro(Path jar, Path work, Path javaHome, String version) {
        super("Payara Micro", version, javaHome);
        this.jar = jar;
        this.work = work;
    }

    @Override
    public void start(Map<String, String> env, Path war) {
        Files2.deleteTree(work);
        httpPort = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Xmx768m"));
        cmd.addAll(modularOptions());
        cmd.addAll(List.of("-cp", jar + java.io.File.pathSeparator + controlClassPath(),
                PayaraMicroControl.class.getName(), work.resolve("root").toString(), String.valueOf(httpPort),
                replies().toString(), war.toString()));
        Files2.write(replies(), "");
        process = ServerProcess.start(cmd, env, work, work.resolve("console.log"));
    }

    /** The {@code Add-Opens} and {@code Add-Exports} of the jar's manifest, which apply only to {@code java -jar}. */
    private List<String> modularOptions() {
        List<String> out = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            var attributes = j.getManifest().getMainAttributes();
            for (String kind : List.of("Add-Opens", "Add-Exports")) {
                String value = attributes.getValue(kind);
                if (value == null) continue;
                for (String pkg : value.trim().split("\\s+")) {
                    out.add("--" + kind.toLowerCase() + "=" + pkg + "=ALL-UNNAMED");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static Path controlClassPath() {
        try {
            return Path.of(PayaraMicroControl.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path replies() {
        return work.resolve("replies.txt");
    }

    @Override
    public void deploy(Path war) {
        process.send("deploy " + war);
    }

    @Override
    public boolean awaitDeployment(String name, Duration timeout) {
        Wait.until(name + " to deploy or fail", timeout, () -> Files2.read(replies()).contains("deployed " + name + " ")
                || !process.isAlive(), () -> Wait.tail(log(), 60));
        return Files2.read(replies()).contains("deployed " + name + " true");
    }

    @Override
    public void undeploy(String name) {
        process.send("undeploy " + name);
        Wait.until(name + " to undeploy", Duration.ofSeconds(60),
                () -> Files2.read(replies()).contains("undeployed " + name), () -> Wait.tail(log(), 60));
    }

    @Override
    public String log() {
        return Files2.read(process.console());
    }
}
