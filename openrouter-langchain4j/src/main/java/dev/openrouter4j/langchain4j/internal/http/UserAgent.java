package dev.openrouter4j.langchain4j.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The one {@code User-Agent} of every request: {@code openrouter4j/<version>}, the version from the build. */
public final class UserAgent {

    /** The library's version, e.g. {@code 0.1.0}, or {@code unknown} when the build did not record it. */
    public static final String VERSION = readVersion();

    /** {@code openrouter4j/<version>}. */
    public static final String VALUE = "openrouter4j/" + VERSION;

    private UserAgent() {
    }

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/dev/openrouter4j/langchain4j/version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            return v.isBlank() || v.startsWith("${") ? "unknown" : v.strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
