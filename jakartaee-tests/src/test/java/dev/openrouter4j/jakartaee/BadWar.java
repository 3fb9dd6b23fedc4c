package dev.openrouter4j.jakartaee;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** A copy of the test application whose {@code microprofile-config.properties} has extra (bad) lines. */
final class BadWar {

    static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private BadWar() {
    }

    static Path withProperties(Path war, Path out, String extraLines) {
        try {
            Files.createDirectories(out.getParent());
            try (ZipFile in = new ZipFile(war.toFile());
                 ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
                Enumeration<? extends ZipEntry> entries = in.entries();
                boolean found = false;
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    try (InputStream data = in.getInputStream(e)) {
                        data.transferTo(zip);
                    }
                    if (e.getName().equals(CONFIG)) {
                        found = true;
                        zip.write(("\n" + extraLines).getBytes(StandardCharsets.ISO_8859_1));
                    }
                    zip.closeEntry();
                }
                if (!found) throw new IllegalStateException(war + " has no " + CONFIG);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
