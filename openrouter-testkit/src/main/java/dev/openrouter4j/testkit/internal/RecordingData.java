package dev.openrouter4j.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the bundled recordings ({@code recorded/<name>/NN-request.json, NN-meta.json, NN-response.*}). */
public final class RecordingData {

    /** One recorded exchange with its body as raw bytes. */
    public record Item(JsonNode request, int status, Map<String, String> headers, byte[] body, boolean sse) {
    }

    private static volatile List<String> names;

    private RecordingData() {
    }

    /** All bundled recording names, sorted. */
    public static List<String> names() {
        List<String> n = names;
        if (n == null) {
            String index = new String(Resources.read("recorded/index.txt"), StandardCharsets.UTF_8);
            List<String> list = new ArrayList<>();
            for (String line : index.split("\n")) {
                if (!line.isBlank()) {
                    list.add(line.strip());
                }
            }
            Collections.sort(list);
            n = List.copyOf(list);
            names = n;
        }
        return n;
    }

    public static List<Item> load(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("no bundled recording named '" + name + "'; known: " + names());
        }
        List<Item> items = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = "recorded/" + name + "/" + String.format("%02d", i);
            byte[] meta = Resources.readOrNull(prefix + "-meta.json");
            if (meta == null) {
                break;
            }
            try {
                JsonNode m = Json.parse(meta);
                JsonNode request = Json.parse(Resources.read(prefix + "-request.json"));
                Map<String, String> headers = new LinkedHashMap<>();
                m.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
                String bodyFile = m.path("body_file").asText();
                byte[] body = Resources.read("recorded/" + name + "/" + bodyFile);
                boolean sse = bodyFile.endsWith(".sse")
                        || headers.getOrDefault("content-type", "").startsWith("text/event-stream");
                items.add(new Item(request, m.path("status").asInt(), Collections.unmodifiableMap(headers), body, sse));
            } catch (IOException e) {
                throw new UncheckedIOException("bundled recording " + name + " is broken", e);
            }
        }
        if (items.isEmpty()) {
            throw new IllegalStateException("bundled recording " + name + " has no exchanges");
        }
        return List.copyOf(items);
    }

    /** Serves an exchange as recorded: status, headers, body bytes; an event stream chunked per event. */
    public static Reply reply(Item item) {
        Reply r = Reply.status(item.status());
        item.headers().forEach(r::header);
        if (!item.sse()) {
            return r.data(item.body());
        }
        r.chunked();
        splitEvents(item.body()).forEach(r::data);
        return r;
    }

    /** Splits an event-stream body after each blank line ("\n\n"); the pieces concatenate to the input. */
    public static List<byte[]> splitEvents(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && b[i + 1] == '\n') {
                out.add(java.util.Arrays.copyOfRange(b, start, i + 2));
                start = i + 2;
                i++;
            }
        }
        if (start < b.length) {
            out.add(java.util.Arrays.copyOfRange(b, start, b.length));
        }
        return out;
    }
}
