package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.chat;
import static dev.openrouter4j.testkit.Http.json;
import static dev.openrouter4j.testkit.Http.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamFaultsTest {

    @RegisterExtension
    static final FakeOpenRouterExtension OPENROUTER = new FakeOpenRouterExtension();

    private static FakeOpenRouter fake() {
        return OPENROUTER.fake();
    }

    private static HttpResponse<String> stream(FakeResponse response) {
        fake().enqueue(response);
        return chat(fake(), request("openai/gpt-4o", "Hello there", true));
    }

    private static HttpResponse<String> sync(FakeResponse response) {
        fake().enqueue(response);
        return chat(fake(), request("openai/gpt-4o", "Hello there", false));
    }

    @Test
    void mid_stream_error_as_documented() {
        HttpResponse<String> r = stream(FakeResponse.midStreamError("The answer is"));
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = Http.chunks(r.body());
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("error").path("code").asInt()).isEqualTo(502);
        assertThat(last.path("error").path("message").asText()).isNotBlank();
        assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("error");
        assertThat(Http.streamedContent(r.body())).isEqualTo("The answer is");
        assertThat(Http.dataPayloads(r.body())).doesNotContain("[DONE]");
        chunks.forEach(c -> OpenRouterSchemas.assertValidChatStreamChunk(c.toString()));

        HttpResponse<String> s = sync(FakeResponse.midStreamError("The answer is"));
        JsonNode choice = json(s.body()).path("choices").get(0);
        assertThat(choice.path("finish_reason").asText()).isEqualTo("error");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("The answer is");
    }

    @Test
    void event_error_frame() {
        HttpResponse<String> r = sync(FakeResponse.eventErrorFrame()); // always a stream
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(r.body()).contains("\n\nevent: error\ndata: {\"error\":{\"code\":502,");
        assertThat(r.body()).doesNotContain("[DONE]");
    }

    @Test
    void stream_without_done_ends_the_body_and_the_connection() {
        HttpResponse<String> r = stream(FakeResponse.streamWithoutDone("partial answer here"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("connection")).hasValue("close");
        assertThat(Http.streamedContent(r.body())).isEqualTo("partial answer here");
        assertThat(r.body()).doesNotContain("[DONE]").doesNotContain("finish_reason\":\"stop");
        assertThat(Http.chunks(r.body())).noneMatch(c -> c.has("usage"));
    }

    @Test
    void duplicated_done() {
        HttpResponse<String> r = stream(FakeResponse.duplicatedDone("two dones"));
        List<String> payloads = Http.dataPayloads(r.body());
        assertThat(payloads.subList(payloads.size() - 2, payloads.size())).containsExactly("[DONE]", "[DONE]");
        assertThat(Http.streamedContent(r.body())).isEqualTo("two dones");
    }

    @Test
    void malformed_chunk() {
        HttpResponse<String> r = stream(FakeResponse.malformedChunk());
        List<String> payloads = Http.dataPayloads(r.body());
        long invalid = payloads.stream().filter(p -> !p.equals("[DONE]")).filter(p -> {
            try {
                Http.MAPPER.readTree(p);
                return false;
            } catch (IOException e) {
                return true;
            }
        }).count();
        assertThat(invalid).isEqualTo(1);
        assertThat(payloads.get(payloads.size() - 1)).isEqualTo("[DONE]");

        HttpResponse<String> s = sync(FakeResponse.malformedChunk());
        assertThat(s.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Http.MAPPER.readTree(s.body())).isInstanceOf(IOException.class);
    }

    @Test
    void truncated_json_sync() {
        HttpResponse<String> s = sync(FakeResponse.truncatedJson());
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.headers().firstValue("content-length")).hasValue(String.valueOf(s.body().length()));
        assertThat(s.body()).startsWith("{\"id\":\"gen-");
        assertThatThrownBy(() -> Http.MAPPER.readTree(s.body())).isInstanceOf(IOException.class);
    }

    @Test
    void truncated_json_stream_cuts_mid_chunk_and_closes() throws IOException {
        fake().enqueue(FakeResponse.truncatedJson());
        Http.RawResponse raw = Http.raw(fake(), Http.rawChat(request("openai/gpt-4o", "x", true), false));
        assertThat(raw.complete()).isFalse(); // the chunked body never ends
        String sse = new String(raw.joined(), StandardCharsets.UTF_8);
        assertThat(sse).doesNotEndWith("\n\n");
        String lastEvent = sse.substring(sse.lastIndexOf("data: "));
        assertThat(lastEvent).startsWith("data: {\"id\":\"gen-");
        assertThatThrownBy(() -> Http.MAPPER.readTree(lastEvent.substring(6))).isInstanceOf(IOException.class);

        // and a JDK client sees the stream end with an error
        fake().enqueue(FakeResponse.truncatedJson());
        assertThatThrownBy(() -> chat(fake(), request("openai/gpt-4o", "x", true)))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void invalid_utf_8_bytes_are_present_and_a_character_is_split_across_chunks() throws IOException {
        fake().enqueue(FakeResponse.invalidUtf8("Hello"));
        Http.RawResponse raw = Http.raw(fake(), Http.rawChat(request("openai/gpt-4o", "x", true), false));
        assertThat(raw.complete()).isTrue();
        byte[] all = raw.joined();
        assertThat(indexOf(all, new byte[] {(byte) 0xFF})).isNotNegative();
        assertThat(indexOf(all, new byte[] {(byte) 0xC3, (byte) 0x28})).isNotNegative();
        // some HTTP chunk ends with the first byte of "é" and the next starts with its second byte
        boolean split = false;
        for (int i = 0; i + 1 < raw.chunks().size(); i++) {
            byte[] a = raw.chunks().get(i);
            byte[] b = raw.chunks().get(i + 1);
            if (a.length > 0 && b.length > 0 && a[a.length - 1] == (byte) 0xC3 && b[0] == (byte) 0xA9) {
                split = true;
            }
        }
        assertThat(split).isTrue();
        // a decoder that works across chunk boundaries gets "café" intact and replacement characters
        String decoded = new String(all, StandardCharsets.UTF_8);
        assertThat(Http.streamedContent(decoded)).startsWith("Hello caf\u00e9 bad:\uFFFD(\uFFFD end");

        HttpResponse<byte[]> s = Http.chatBytes(fakeWith(FakeResponse.invalidUtf8("Hi")),
                request("openai/gpt-4o", "x", false));
        assertThat(indexOf(s.body(), new byte[] {(byte) 0xFF})).isNotNegative();
        assertThat(s.headers().firstValue("content-length")).hasValue(String.valueOf(s.body().length));
    }

    private static FakeOpenRouter fakeWith(FakeResponse r) {
        return fake().enqueue(r);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void dribble_sends_one_token_per_interval() throws Exception {
        fake().enqueue(FakeResponse.dribble(5, Duration.ofMillis(100)));
        long start = System.nanoTime();
        HttpResponse<InputStream> r = Http.CLIENT.send(Http.post(fake(), request("openai/gpt-4o", "x", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<Long> arrivals = new ArrayList<>();
        StringBuilder sse = new StringBuilder();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                sse.append(line).append('\n');
                if (line.startsWith("data: ") && line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    arrivals.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        assertThat(Http.streamedContent(sse.toString())).isEqualTo("tok0 tok1 tok2 tok3 tok4");
        assertThat(arrivals).hasSize(5);
        assertThat(arrivals.get(4) - arrivals.get(0)).isBetween(350L, 3_000L);
        assertThat(arrivals.get(0)).isGreaterThanOrEqualTo(80L);

        fake().enqueue(FakeResponse.dribble(4, Duration.ofMillis(100)));
        long t0 = System.nanoTime();
        HttpResponse<String> s = chat(fake(), request("openai/gpt-4o", "x", false));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(json(s.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("tok0 tok1 tok2 tok3");
        assertThat(ms).isBetween(280L, 5_000L);
    }

    @Test
    void large_answers() {
        int tenMb = 10 * 1024 * 1024;
        HttpResponse<String> s = sync(FakeResponse.large(tenMb));
        String content = json(s.body()).path("choices").get(0).path("message").path("content").asText();
        assertThat(content.length()).isBetween(tenMb, tenMb + 200);
        assertThat(json(s.body()).path("usage").path("completion_tokens").asInt()).isGreaterThan(1_000_000);

        HttpResponse<String> st = stream(FakeResponse.large(tenMb));
        assertThat(Http.streamedContent(st.body())).isEqualTo(content);
        assertThat(st.body()).endsWith("data: [DONE]\n\n");
    }
}
