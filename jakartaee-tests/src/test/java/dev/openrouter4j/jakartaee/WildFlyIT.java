package dev.openrouter4j.jakartaee;

import dev.openrouter4j.jakartaee.server.AppServer;
import dev.openrouter4j.jakartaee.server.WildFly;

import java.nio.file.Path;

/** WildFly on the build's JDK (17 in CI). */
class WildFlyIT extends ServerContract {

    @Override
    AppServer server(Path work) {
        String v = Servers.version("wildfly");
        return new WildFly(Servers.dir().resolve("wildfly-" + v), work, Servers.thisJdk(), v);
    }

    @Override
    String name() {
        return "wildfly";
    }
}
