package dev.openrouter4j.jakartaee;

import dev.openrouter4j.jakartaee.server.AppServer;
import dev.openrouter4j.jakartaee.server.OpenLiberty;

import java.nio.file.Path;

/** Open Liberty on the build's JDK: no SLF4J provider, Liberty's MicroProfile Config. */
class OpenLibertyIT extends ServerContract {

    @Override
    AppServer server(Path work) {
        return new OpenLiberty(Servers.dir().resolve("wlp"), work, Servers.thisJdk(),
                Servers.version("openliberty"));
    }

    @Override
    String name() {
        return "openliberty";
    }
}
