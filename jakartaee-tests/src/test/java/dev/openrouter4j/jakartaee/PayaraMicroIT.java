package dev.openrouter4j.jakartaee;

import dev.openrouter4j.jakartaee.server.AppServer;
import dev.openrouter4j.jakartaee.server.PayaraMicro;

import java.nio.file.Path;

/** Payara Micro on the build's JDK: no SLF4J provider, Payara's own MicroProfile Config. */
class PayaraMicroIT extends ServerContract {

    @Override
    AppServer server(Path work) {
        return new PayaraMicro(Servers.dir().resolve("payara-micro.jar"), work, Servers.thisJdk(),
                Servers.version("payara"));
    }

    @Override
    String name() {
        return "payara-micro";
    }
}
