package dev.openrouter4j.jakartaee;

import java.nio.file.Path;

/** Where the build put the servers (see the pom) and which JDKs there are. */
final class Servers {

    private Servers() {
    }

    static Path dir() {
        return Path.of(System.getProperty("jakartaee.servers", "target/servers")).toAbsolutePath();
    }

    static String version(String server) {
        return System.getProperty("jakartaee." + server + ".version");
    }

    /** The JDK running the tests (the build's), which the servers run on unless a test says otherwise. */
    static Path thisJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    static Path java25() {
        return Path.of(System.getProperty("jakartaee.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    }
}
