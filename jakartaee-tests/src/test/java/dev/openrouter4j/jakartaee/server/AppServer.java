package dev.openrouter4j.jakartaee.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A Jakarta EE server the tests start from its Maven Central artifact, deploy WARs on and end. Each implementation
 * binds only 127.0.0.1 on free ports and keeps everything it writes under its work directory.
 */
public interface AppServer extends AutoCloseable {

    /** The server's product name and version, e.g. {@code WildFly 38.0.1.Final on Java 17}. */
    String description();

    /** Starts the server with {@code env} added to its environment and {@code war} deployed at boot. */
    void start(java.util.Map<String, String> env, Path war);

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl();

    /** Deploys {@code war} (its file name without {@code .war} is the application's name and context root). */
    void deploy(Path war);

    /**
     * Waits until the application named {@code name} has either deployed (true) or failed to deploy (false).
     *
     * @throws AssertionError when neither happens within {@code timeout}
     */
    boolean awaitDeployment(String name, Duration timeout);

    /** Undeploys the application named {@code name} and waits until the server says it is gone. */
    void undeploy(String name);

    /** Everything the server logged so far: its console and its log files. */
    String log();

    /** The server's JVM process id. */
    long pid();

    /** The JDK the server runs on (its jcmd lists the server's threads). */
    Path javaHome();

    @Override
    void close();
}
