package dev.openrouter4j.samples.chatapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A small HTTP client for the API under test. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI root;

    ApiClient(URI root) {
        this.root = root;
    }

    /** A response: status, headers and body. */
    record Reply(int status, HttpResponse<String> raw) {

        String body() {
            return raw.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The error object of an error answer. */
        JsonNode error() {
            return json().path("error");
        }
    }

    /** One Server-Sent Event. */
    record Event(String name, JsonNode data) {
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(root.resolve(path)).GET());
    }

    Reply post(String path, String body) {
        return post(path, body, "application/json");
    }

    Reply post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(root.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs to the stream endpoint and reads every event until the server ends the stream. */
    StreamReply stream(String body) {
        try {
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(root.resolve("api/v1/llm/chat/stream"))
                            .header("Content-Type", "application/json")
                            .header("Accept", "text/event-stream")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            List<Event> events = new ArrayList<>();
            List<String> lines = r.body().toList();
            String name = null;
            StringBuilder data = new StringBuilder();
            StringBuilder raw = new StringBuilder();
            for (String line : lines) {
                raw.append(line).append('\n');
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name == null ? "message" : name, JSON.readTree(data.toString())));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
            return new StreamReply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), events,
                    raw.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A stream's answer. */
    record StreamReply(int status, String contentType, List<Event> events, String raw) {

        List<Event> named(String name) {
            return events.stream().filter(e -> e.name().equals(name)).toList();
        }

        Event last() {
            return events.get(events.size() - 1);
        }
    }

    /** A chat body with one user message for this model. */
    static String chatBody(String model, String text) {
        var root = JSON.createObjectNode();
        if (model != null) root.put("model", model);
        root.putArray("messages").addObject().put("role", "user").put("content", text);
        return root.toString();
    }
}
