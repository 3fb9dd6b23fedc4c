package dev.openrouter4j.jakartaee;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** A copy of the test application with one text file changed: a bad configuration, another {@code web.xml}. */
final class WarCopy {

    static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";
    static final String WEB_XML = "WEB-INF/web.xml";

    private WarCopy() {
    }

    /** Copies {@code war} to {@code out} with {@code entry}'s text passed through {@code change}. */
    static Path changing(Path war, Path out, String entry, UnaryOperator<String> change) {
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
                        if (e.getName().equals(entry)) {
                            found = true;
                            String text = new String(data.readAllBytes(), StandardCharsets.UTF_8);
                            zip.write(change.apply(text).getBytes(StandardCharsets.UTF_8));
                        } else {
                            data.transferTo(zip);
                        }
                    }
                    zip.closeEntry();
                }
                if (!found) throw new IllegalStateException(war + " has no " + entry);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
