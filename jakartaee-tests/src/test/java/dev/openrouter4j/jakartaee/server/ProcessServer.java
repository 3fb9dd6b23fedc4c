package dev.openrouter4j.jakartaee.server;

import java.nio.file.Path;

/** What every server launcher shares: the JDK it runs on, its HTTP port and its process. */
abstract class ProcessServer implements AppServer {

    private final String product;
    private final String version;
    final Path javaHome;
    int httpPort;
    ServerProcess process;

    ProcessServer(String product, String version, Path javaHome) {
        this.product = product;
        this.version = version;
        this.javaHome = javaHome;
    }

    @Override
    public String description() {
        return product + " " + version + " on Java " + JavaVersion.of(javaHome);
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public long pid() {
        return process.javaPid().orElseThrow(() -> new AssertionError(product + "'s JVM is not running"));
    }

    @Override
    public Path javaHome() {
        return javaHome;
    }

    @Override
    public void close() {
        if (process != null) process.close();
    }
}
