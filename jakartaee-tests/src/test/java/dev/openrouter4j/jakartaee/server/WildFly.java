package dev.openrouter4j.jakartaee.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WildFly (the {@code org.wildfly:wildfly-dist} zip) in its default {@code standalone.xml} configuration, which has
 * CDI, Jakarta REST and MicroProfile Config. Each run gets a fresh copy of {@code standalone/} as its server base
 * directory; applications are deployed through the deployment scanner (polling every 500 ms) and its marker files.
 */
public final class WildFly extends ProcessServer {

    private final Path home;
    private final Path base;

    /**
     * @param home     the unpacked distribution
     * @param work     where this run's server base directory goes
     * @param javaHome the JDK to run it on
     */
    public WildFly(Path home, Path work, Path javaHome, String version) {
        super("WildFly", version, javaHome);
        this.home = home;
        this.base = work.resolve("standalone");
    }

    @Override
    public void start(Map<String, String> env, Path war) {
        Files2.replaceTree(home.resolve("standalone"), base);
        Path xml = base.resolve("configuration/standalone.xml");
        Files2.write(xml, Files2.read(xml).replace("scan-interval=\"5000\"", "scan-interval=\"500\""));
        Files2.copy(war, deployments().resolve(war.getFileName()));
        httpPort = Ports.free();
        Map<String, String> all = new HashMap<>(env);
        all.put("JAVA_HOME", javaHome.toString());
        all.put("LAUNCH_JBOSS_IN_BACKGROUND", "true"); // the script passes SIGTERM on to the JVM
        process = ServerProcess.start(List.of(home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.http.port=" + httpPort,
                "-Djboss.https.port=" + Ports.free(),
                "-Djboss.management.http.port=" + Ports.free(),
                "-Djboss.management.https.port=" + Ports.free()),
                all, home, base.getParent().resolve("console.log"));
    }

    private Path deployments() {
        return base.resolve("deployments");
    }

    @Override
    public void deploy(Path war) {
        Files2.copy(war, deployments().resolve(war.getFileName()));
    }

    @Override
    public boolean awaitDeployment(String name, Duration timeout) {
        Path deployed = deployments().resolve(name + ".war.deployed");
        Path failed = deployments().resolve(name + ".war.failed");
        Wait.until(name + " to deploy or fail", timeout, () -> Files.exists(deployed) || Files.exists(failed)
                || !process.isAlive(), () -> Wait.tail(log(), 60));
        return Files.exists(deployed);
    }

    @Override
    public void undeploy(String name) {
        Files2.delete(deployments().resolve(name + ".war"));
        Path undeployed = deployments().resolve(name + ".war.undeployed");
        Wait.until(name + " to undeploy", Duration.ofSeconds(60), () -> Files.exists(undeployed),
                () -> Wait.tail(log(), 60));
    }

    @Override
    public String log() {
        return Files2.read(process.console()) + "\n" + Files2.read(base.resolve("log/server.log"));
    }
}
