package dev.openrouter4j.jakartaee;

import dev.openrouter4j.jakartaee.server.AppServer;
import dev.openrouter4j.jakartaee.server.WildFly;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * WildFly on Java 25, where threads the library creates must still see the deployment's class loader (asynchronous
 * events were lost there). Skipped, with a message, on a machine without that JDK
 * ({@code -Djakartaee.java25.home=...} points elsewhere).
 */
class WildFlyJava25IT extends ServerContract {

    @BeforeAll
    void requireJava25() {
        Assumptions.assumeTrue(Files.isExecutable(Servers.java25().resolve("bin/java")),
                "no Java 25 at " + Servers.java25() + " (set jakartaee.java25.home)");
    }

    @Override
    AppServer server(Path work) {
        String v = Servers.version("wildfly");
        return new WildFly(Servers.dir().resolve("wildfly-" + v), work, Servers.java25(), v);
    }

    @Override
    String name() {
        return "wildfly-java25";
    }
}
