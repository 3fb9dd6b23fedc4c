package dev.openrouter4j.samples.rag;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents the demo answers from: the owner's handbook of the Kestrel K2, a fictional e-bike by the fictional
 * Fernhill Cycles, seven short pages bundled as resources. Each document carries its file name ({@value #FILE}) and
 * its heading ({@value #TITLE}) as metadata, which the segments keep, so every answer can cite where it came from.
 */
public final class Handbook {

    /** The metadata key of a document's file name, e.g. {@code charging.md}. */
    public static final String FILE = "file_name";
    /** The metadata key of a document's title, its first heading. */
    public static final String TITLE = "title";

    /** The bundled pages, in reading order. */
    public static final List<String> FILES = List.of("battery.md", "charging.md", "assist-levels.md",
            "maintenance.md", "warranty.md", "returns.md", "app-and-firmware.md");

    private Handbook() {
    }

    /** Every page of the handbook as a LangChain4j document. */
    public static List<Document> documents() {
        List<Document> out = new ArrayList<>();
        for (String file : FILES) {
            String text = read(file);
            String title = text.lines().findFirst().orElse(file).replaceFirst("^#+\\s*", "").strip();
            out.add(Document.from(text, Metadata.from(FILE, file).put(TITLE, title)));
        }
        return out;
    }

    private static String read(String file) {
        try (InputStream in = Handbook.class.getResourceAsStream("handbook/" + file)) {
            if (in == null) {
                throw new IllegalStateException("handbook page " + file + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading handbook page " + file, e);
        }
    }
}
