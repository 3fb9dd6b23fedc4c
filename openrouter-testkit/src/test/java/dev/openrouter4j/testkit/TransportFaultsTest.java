package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.chat;
import static dev.openrouter4j.testkit.Http.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TransportFaultsTest {

    @RegisterExtension
    static final FakeOpenRouterExtension OPENROUTER = new FakeOpenRouterExtension();

    private static FakeOpenRouter fake() {
        return OPENROUTER.fake();
    }

    @Test
    void reset_before_headers_gives_the_client_an_io_exception() throws IOException {
        fake().enqueue(FakeResponse.resetBeforeHeaders());
        assertThatThrownBy(() -> chat(fake(), request("openai/gpt-4", "x", false)))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);

        // on a raw socket it really is a reset, not an orderly close
        fake().enqueue(FakeResponse.resetBeforeHeaders());
        try (Socket s = new Socket("127.0.0.1", fake().port())) {
            s.getOutputStream().write(Http.rawChat(request("openai/gpt-4", "x", false), false));
            s.setSoTimeout(5_000);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void close_without_response_gives_an_io_exception() throws IOException {
        fake().enqueue(FakeResponse.closeWithoutResponse());
        assertThatThrownBy(() -> chat(fake(), request("openai/gpt-4", "x", false)))
                .isInstanceOf(UncheckedIOException.class);

        fake().enqueue(FakeResponse.closeWithoutResponse());
        try (Socket s = new Socket("127.0.0.1", fake().port())) {
            s.getOutputStream().write(Http.rawChat(request("openai/gpt-4", "x", false), false));
            s.setSoTimeout(5_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1); // orderly FIN, no bytes
        }
    }

    @Test
    void reset_after_events_in_a_stream() throws Exception {
        fake().enqueue(FakeResponse.resetAfter(3));
        HttpResponse<InputStream> r = Http.CLIENT.send(Http.post(fake(), request("openai/gpt-4", "a b c d e f", true))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> dataLines = new ArrayList<>();
        IOException failure = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    dataLines.add(line);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        assertThat(dataLines).hasSize(3);
    }

    @Test
    void reset_after_half_the_body_in_sync() {
        fake().enqueue(FakeResponse.resetAfter(0));
        assertThatThrownBy(() -> chat(fake(), request("openai/gpt-4", "x", false)))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void stall_before_headers_delays_the_first_byte() {
        fake().enqueue(FakeResponse.stallBeforeHeaders(Duration.ofMillis(500)));
        long start = System.nanoTime();
        HttpResponse<String> r = chat(fake(), request("openai/gpt-4", "x", false));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ms).isBetween(450L, 5_000L);

        // and a client with a shorter timeout gives up
        fake().enqueue(FakeResponse.stallBeforeHeaders(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> Http.send(Http.post(fake(), request("openai/gpt-4", "x", false))
                .timeout(Duration.ofMillis(300)).build()))
                .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void stall_after_events_is_silence_then_close() throws Exception {
        fake().enqueue(FakeResponse.stallAfter(2, Duration.ofMillis(600)));
        long start = System.nanoTime();
        HttpResponse<InputStream> r = Http.CLIENT.send(Http.post(fake(), request("openai/gpt-4", "a b c d", true))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        List<Long> dataAt = new ArrayList<>();
        long endAt = -1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    dataAt.add((System.nanoTime() - start) / 1_000_000);
                }
            }
        } catch (IOException e) {
            // the chunked body never ends properly
        }
        endAt = (System.nanoTime() - start) / 1_000_000;
        assertThat(dataAt).hasSize(2);
        assertThat(dataAt.get(1)).isLessThan(400L);
        assertThat(endAt - dataAt.get(1)).isBetween(500L, 5_000L);

        fake().enqueue(FakeResponse.stallAfter(0, Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> chat(fake(), request("openai/gpt-4", "x", false)))
                .isInstanceOf(UncheckedIOException.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 5_000L);
    }
}
