package dev.openrouter4j.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the kit's bundled files from the class path (never from the file system). */
public final class Resources {

    /** Class-path folder of the kit's data files. */
    public static final String ROOT = "/dev/openrouter4j/testkit/";

    private Resources() {
    }

    /** The bytes of {@code ROOT + relativePath}, or {@code null} if there is no such resource. */
    public static byte[] readOrNull(String relativePath) {
        try (InputStream in = Resources.class.getResourceAsStream(ROOT + relativePath)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + relativePath, e);
        }
    }

    /** Like {@link #readOrNull} but fails when the resource is missing. */
    public static byte[] read(String relativePath) {
        byte[] bytes = readOrNull(relativePath);
        if (bytes == null) {
            throw new IllegalStateException("bundled resource missing: " + ROOT + relativePath);
        }
        return bytes;
    }
}
