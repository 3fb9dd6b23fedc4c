package dev.openrouter4j.benchmarks.contenders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openrouter4j.benchmarks.server.Bodies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * The floor: the JDK's {@link HttpClient} (HTTP/1.1, default executor) and one Jackson {@link ObjectMapper}, written
 * the way a careful application would without any library: build the JSON body, send, read {@code data:} lines,
 * parse each chunk into a tree, append the content, keep the usage.
 */
final class RawJdkContender implements Contender {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;

    RawJdkContender(String baseUrl) {
        uri = URI.create(baseUrl + "/chat/completions");
    }

    private HttpRequest request(boolean stream) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", Bodies.MODEL);
        body.putArray("messages").addObject().put("role", "user").put("content", Bodies.PROMPT);
        if (stream) body.put("stream", true);
        try {
            return HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + API_KEY)
                    .header("Content-Type", "application/json")
                    .header("Accept", stream ? "text/event-stream" : "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return RAW_JDK;
    }

    @Override
    public String call() {
        try {
            HttpResponse<byte[]> r = client.send(request(false), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
            JsonNode root = MAPPER.readTree(r.body());
            return root.path("choices").path(0).path("message").path("content").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stream(Probe probe) {
        try {
            HttpResponse<Stream<String>> r = client.send(request(true), HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
            Accumulator acc = new Accumulator(probe);
            try (Stream<String> lines = r.body()) {
                lines.forEach(acc::line);
            }
            acc.end();
        } catch (IOException e) {
            probe.fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe.fail(e);
        } catch (RuntimeException e) {
            probe.fail(e);
        }
    }

    @Override
    public void streamAsync(Probe probe) {
        Accumulator acc = new Accumulator(probe);
        client.sendAsync(request(true), HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                acc.line(line);
            }

            @Override
            public void onError(Throwable throwable) {
                probe.fail(throwable);
            }

            @Override
            public void onComplete() {
                acc.end();
            }
        })).whenComplete((r, e) -> {
            if (e != null) probe.fail(e);
            else if (r.statusCode() != 200) probe.fail(new IllegalStateException("HTTP " + r.statusCode()));
        });
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21
    }

    /** Folds {@code data:} lines: text, usage, and the end at {@code [DONE]}. */
    private static final class Accumulator {
        private final Probe probe;
        private final StringBuilder text = new StringBuilder();
        private JsonNode usage;
        private boolean done;

        Accumulator(Probe probe) {
            this.probe = probe;
        }

        void line(String line) {
            if (done || !line.startsWith("data:")) return;
            String data = line.substring(line.charAt(5) == ' ' ? 6 : 5);
            if (data.equals("[DONE]")) {
                done = true;
                probe.complete(text.toString());
                return;
            }
            try {
                JsonNode chunk = MAPPER.readTree(data);
                JsonNode u = chunk.get("usage");
                if (u != null) usage = u;
                String content = chunk.path("choices").path(0).path("delta").path("content").asText("");
                if (!content.isEmpty()) {
                    text.append(content);
                    probe.token(content);
                }
            } catch (IOException e) {
                done = true;
                probe.fail(e);
            }
        }

        void end() {
            if (!done) {
                done = true;
                probe.fail(new IllegalStateException("stream ended without [DONE]"));
            }
        }
    }
}
