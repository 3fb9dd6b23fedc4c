package dev.openrouter4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.testkit.internal.RecordingData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Read-only access to one bundled recording of real OpenRouter traffic, so tests can compare what a client
 * produced or parsed with what OpenRouter really sent. {@link FakeOpenRouter#replay(String)} serves the same
 * exchanges over HTTP.
 *
 * <p>The recordings come from the pydantic-ai project's cassettes (MIT License); see the {@code NOTICE.md}
 * next to them. {@link FakeOpenRouter#recordingNames()} lists them.
 */
public final class Recording {

    /**
     * One recorded request/response pair.
     *
     * @param request the recorded request: {@code {"method": ..., "uri": ..., "body": {...}}}
     * @param status  the HTTP status OpenRouter answered
     * @param headers the recorded response headers (lower-case names; {@code content-type} at least)
     * @param body    the response body exactly as recorded (JSON, or an SSE stream)
     * @param sse     whether the response is an event stream
     */
    public record Exchange(JsonNode request, int status, Map<String, String> headers, String body, boolean sse) {

        /** The JSON body the client sent ({@code request().get("body")}). */
        public JsonNode requestBody() {
            return request.path("body");
        }
    }

    private final String name;
    private final List<Exchange> exchanges;

    private Recording(String name, List<Exchange> exchanges) {
        this.name = name;
        this.exchanges = exchanges;
    }

    /**
     * Loads a bundled recording.
     *
     * @throws IllegalArgumentException if there is no recording of that name
     */
    public static Recording load(String name) {
        List<Exchange> list = RecordingData.load(name).stream()
                .map(i -> new Exchange(i.request(), i.status(), i.headers(),
                        new String(i.body(), StandardCharsets.UTF_8), i.sse()))
                .toList();
        return new Recording(name, list);
    }

    /** The recording's folder name. */
    public String name() {
        return name;
    }

    /** The exchanges in recorded order. */
    public List<Exchange> exchanges() {
        return exchanges;
    }

    @Override
    public String toString() {
        return "Recording[" + name + ", " + exchanges.size() + " exchange(s)]";
    }
}
