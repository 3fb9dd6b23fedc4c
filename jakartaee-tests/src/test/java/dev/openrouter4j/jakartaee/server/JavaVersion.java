package dev.openrouter4j.jakartaee.server;

import java.nio.file.Path;
import java.util.Properties;

/** The feature version of a JDK, from its {@code release} file. */
public final class JavaVersion {

    private JavaVersion() {
    }

    public static String of(Path javaHome) {
        Properties p = new Properties();
        try (var in = java.nio.file.Files.newBufferedReader(javaHome.resolve("release"))) {
            p.load(in);
        } catch (java.io.IOException e) {
            return "? (" + javaHome + ")";
        }
        String v = p.getProperty("JAVA_VERSION", "?").replace("\"", "");
        return v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
    }
}
