package dev.openrouter4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(FakeOpenRouterExtension.class)
class ReplayTest {

    static List<String> names() {
        return FakeOpenRouter.recordingNames();
    }

    @Test
    void every_bundled_folder_is_listed() throws IOException {
        Path dir = Path.of("src/main/resources/dev/openrouter4j/testkit/recorded");
        try (Stream<Path> folders = Files.list(dir)) {
            List<String> onDisk = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
            assertThat(names()).isEqualTo(onDisk).hasSize(33);
        }
        int exchanges = names().stream().mapToInt(n -> Recording.load(n).exchanges().size()).sum();
        assertThat(exchanges).isEqualTo(38);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void replaysByteForByte(String name, FakeOpenRouter fake) {
        Recording recording = Recording.load(name);
        fake.replay(name);
        for (int i = 0; i < recording.exchanges().size(); i++) {
            Recording.Exchange exchange = recording.exchanges().get(i);
            String requestBody = exchange.requestBody().toString();
            HttpResponse<byte[]> r = Http.chatBytes(fake, requestBody);
            assertThat(r.statusCode()).isEqualTo(exchange.status());
            assertThat(r.headers().firstValue("content-type")).hasValue(exchange.headers().get("content-type"));
            byte[] recorded = resource(name, String.format("%02d-response.%s", i + 1, exchange.sse() ? "sse" : "json"));
            assertThat(r.body()).isEqualTo(recorded);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(exchange.body());
            if (exchange.sse()) {
                assertThat(r.headers().firstValue("transfer-encoding")).hasValue("chunked");
            } else {
                assertThat(r.headers().firstValue("content-length")).hasValue(String.valueOf(recorded.length));
            }
        }
        // the script is used up: back to the default behaviour
        assertThat(Http.chat(fake, Http.request("openai/gpt-4", "x", false)).body()).contains("[fake openai/gpt-4]");
        // and the fake received what was sent
        assertThat(fake.requests()).hasSize(recording.exchanges().size() + 1);
        assertThat(fake.requests().get(0).json()).isEqualTo(recording.exchanges().get(0).requestBody());
    }

    private static byte[] resource(String recording, String file) {
        try (InputStream in = FakeOpenRouter.class.getResourceAsStream("recorded/" + recording + "/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void recording_exposes_request_and_response() {
        Recording r = Recording.load("openrouter_stream_error");
        assertThat(r.name()).isEqualTo("openrouter_stream_error");
        Recording.Exchange e = r.exchanges().get(0);
        assertThat(e.sse()).isTrue();
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.request().path("method").asText()).isEqualTo("POST");
        assertThat(e.requestBody().path("model").asText()).isEqualTo("minimax/minimax-m2:free");
        assertThat(e.body()).contains("\"message\":\"Token limit reached\"").endsWith("data: [DONE]\n\n");
        assertThat(Recording.load("openrouter_errors_raised").exchanges()).hasSize(3)
                .allSatisfy(x -> assertThat(x.status()).isEqualTo(429));
    }

    @Test
    void unknown_recording_is_rejected() {
        assertThatThrownBy(() -> Recording.load("../NOTICE.md")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recording.load("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
