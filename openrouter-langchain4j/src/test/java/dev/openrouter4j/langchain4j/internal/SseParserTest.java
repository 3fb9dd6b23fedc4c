package dev.openrouter4j.langchain4j.internal;

import dev.openrouter4j.langchain4j.internal.sse.SseParser;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private static List<String> parse(byte[] bytes, int... splits) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser();
        SseParser.Listener l = (event, data, off, len) ->
                events.add((event == null ? "" : event + "|") + new String(data, off, len, StandardCharsets.UTF_8));
        int start = 0;
        for (int split : splits) {
            parser.feed(ByteBuffer.wrap(bytes, start, split - start).slice(), l);
            start = split;
        }
        parser.feed(ByteBuffer.wrap(bytes, start, bytes.length - start).slice(), l);
        parser.finish(l);
        return events;
    }

    @Test
    void skips_openrouter_comments_and_reads_data_events() {
        String sse = ": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: {\"a\":1}\n\ndata: [DONE]\n\n";
        assertThat(parse(sse.getBytes(StandardCharsets.UTF_8))).containsExactly("{\"a\":1}", "[DONE]");
    }

    @Test
    void handles_crlf_cr_and_multiline_data_and_event_names() {
        String sse = "event: error\r\ndata: line1\r\ndata: line2\r\n\r\ndata:nospace\r\rid: 7\nretry: 5\ndata: x\n\n";
        assertThat(parse(sse.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("error|line1\nline2", "nospace", "x");
    }

    @Test
    void same_events_whatever_the_buffer_boundaries_even_inside_a_multibyte_character() {
        String sse = ": c\n\ndata: {\"t\":\"héllo 🌍\"}\r\n\r\ndata: [DONE]\n\n";
        byte[] bytes = sse.getBytes(StandardCharsets.UTF_8);
        List<String> whole = parse(bytes);
        for (int i = 1; i < bytes.length; i++) {
            assertThat(parse(bytes, i)).as("split at %d", i).isEqualTo(whole);
        }
        assertThat(whole).containsExactly("{\"t\":\"héllo 🌍\"}", "[DONE]");
    }

    @Test
    void dispatches_a_last_event_without_blank_line_at_end_of_stream() {
        assertThat(parse("data: [DONE]".getBytes(StandardCharsets.UTF_8))).containsExactly("[DONE]");
    }

    @Test
    void a_blank_line_without_data_dispatches_nothing() {
        assertThat(parse("\n\n\nevent: ping\n\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
