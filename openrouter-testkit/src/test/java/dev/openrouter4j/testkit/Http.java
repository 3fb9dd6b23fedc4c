package dev.openrouter4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: a plain JDK HTTP/1.1 client, SSE parsing, and a raw-socket client that sees chunk boundaries. */
final class Http {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String KEY = "sk-or-v1-0123456789abcdef0123456789abcdef";
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    static HttpRequest.Builder post(FakeOpenRouter fake, String json) {
        return HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    static HttpResponse<String> chat(FakeOpenRouter fake, String json) {
        return send(post(fake, json).build());
    }

    static HttpResponse<byte[]> chatBytes(FakeOpenRouter fake, String json) {
        try {
            return CLIENT.send(post(fake, json).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs JSON to a path under the base URL (e.g. {@code "/embeddings"}), with a key. */
    static HttpResponse<byte[]> postTo(FakeOpenRouter fake, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(FakeOpenRouter fake, String pathAndQuery, boolean auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).GET();
        if (auth) {
            b.header("Authorization", "Bearer " + KEY);
        }
        return send(b.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chat request body. */
    static String request(String model, String userText, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }

    /** The payloads of the {@code data:} lines of an SSE body, in order (comments and blank lines skipped). */
    static List<String> dataPayloads(String sse) {
        List<String> out = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring(6));
            }
        }
        return out;
    }

    /** The JSON chunks of an SSE body (everything but [DONE]). */
    static List<JsonNode> chunks(String sse) {
        List<JsonNode> out = new ArrayList<>();
        for (String p : dataPayloads(sse)) {
            if (!p.equals("[DONE]")) {
                out.add(json(p));
            }
        }
        return out;
    }

    /** Concatenated {@code delta.content} of the chunks. */
    static String streamedContent(String sse) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode c : chunks(sse)) {
            for (JsonNode choice : c.path("choices")) {
                if (choice.path("delta").path("content").isTextual()) {
                    sb.append(choice.path("delta").path("content").asText());
                }
            }
        }
        return sb.toString();
    }

    /** What a raw HTTP/1.1 exchange over a fresh socket returned: head and the body's chunks as sent. */
    record RawResponse(String head, List<byte[]> chunks, byte[] body, boolean complete) {
        byte[] joined() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            chunks.forEach(c -> out.write(c, 0, c.length));
            return out.toByteArray();
        }
    }

    /** Sends raw request bytes and reads one response (chunked or Content-Length) off a plain socket. */
    static RawResponse raw(FakeOpenRouter fake, byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", fake.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return readResponse(s.getInputStream());
        }
    }

    static byte[] rawChat(String json, boolean chunkedBody) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                + "\r\nContent-Type: application/json\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (chunkedBody) {
            head += "Transfer-Encoding: chunked\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
            int half = body.length / 2;
            writeChunk(out, body, 0, half);
            writeChunk(out, body, half, body.length - half);
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            head += "Content-Length: " + body.length + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream out, byte[] b, int off, int len) {
        out.writeBytes((Integer.toHexString(len) + ";ext=1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, off, len);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    static RawResponse readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        List<byte[]> chunks = new ArrayList<>();
        String lower = head.toLowerCase();
        if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    return new RawResponse(head, chunks, null, false);
                }
                int size = Integer.parseInt(sizeLine.trim(), 16);
                if (size == 0) {
                    readLine(in);
                    return new RawResponse(head, chunks, null, true);
                }
                byte[] data = in.readNBytes(size);
                chunks.add(data);
                if (data.length < size || readLine(in) == null) {
                    return new RawResponse(head, chunks, null, false);
                }
            }
        }
        int idx = lower.indexOf("content-length: ");
        int len = Integer.parseInt(lower.substring(idx + 16, lower.indexOf("\r\n", idx)).trim());
        byte[] body = in.readNBytes(len);
        return new RawResponse(head, chunks, body, body.length == len);
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("EOF in head: " + out);
            }
            out.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : (b == '\r' ? 1 : 0);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                String s = out.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            out.write(b);
        }
    }

    /** Threads of a given fake, by name. */
    static List<Thread> threadsOf(FakeOpenRouter fake) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && (n.equals("fake-openrouter-io-" + fake.port())
                    || n.startsWith("fake-openrouter-worker-" + fake.port() + "-"))) {
                out.add(t);
            }
        }
        return out;
    }

    static long fakeThreadCount() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("fake-openrouter-")).count();
    }
}
