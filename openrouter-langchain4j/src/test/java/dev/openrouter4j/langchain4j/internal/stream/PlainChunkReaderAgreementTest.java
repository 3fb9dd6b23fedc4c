package dev.openrouter4j.langchain4j.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.openrouter4j.langchain4j.internal.sse.SseParser;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.Recording;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast chunk reader and the full (tree) parser agree: on every recorded stream of the test kit and on generated
 * streams, folding with the fast path (falling back to the tree for what it declines) gives the same callbacks, the
 * same response and the same errors as the tree alone, and so does every split of the bytes into two reads.
 */
class PlainChunkReaderAgreementTest {

    /** What one way of decoding a stream produced. */
    record Outcome(List<String> callbacks, String response, List<String> errors, int plainChunks) {
    }

    @Test
    void agrees_with_the_tree_parser_on_every_recorded_stream_split_at_every_byte() {
        int streams = 0;
        int plain = 0;
        for (String name : FakeOpenRouter.recordingNames()) {
            for (Recording.Exchange e : Recording.load(name).exchanges()) {
                if (e.sse()) {
                    plain += assertAgreement(name, e.body().getBytes(StandardCharsets.UTF_8), 13);
                    streams++;
                }
            }
        }
        assertThat(streams).as("recorded streams").isGreaterThanOrEqualTo(7);
        assertThat(plain).as("recorded chunks the fast path took").isGreaterThan(20);
    }

    @Test
    void agrees_with_the_tree_parser_on_generated_streams_split_at_every_byte() {
        Random random = new Random(20261205);
        int plain = 0;
        for (int i = 0; i < 300; i++) {
            byte[] stream = generate(random);
            plain += assertAgreement("generated #" + i, stream, i < 20 ? 1 : 53);
        }
        assertThat(plain).as("chunks the fast path took").isGreaterThan(1000);
    }

    /**
     * Compares the fast path with the tree on the whole stream, on the stream delivered one byte per read (every
     * byte boundary a read boundary at once), and on two reads split at every {@code step}-th byte.
     *
     * @return how many chunks the fast path read
     */
    private static int assertAgreement(String name, byte[] stream, int step) {
        Outcome tree = decode(stream, new int[0], false);
        Outcome fast = decode(stream, new int[0], true);
        assertSame(name + ", whole", fast, tree);
        int[] everyByte = new int[Math.max(0, stream.length - 1)];
        for (int i = 0; i < everyByte.length; i++) everyByte[i] = i + 1;
        assertSame(name + ", one byte per read", decode(stream, everyByte, true), tree);
        for (int split = 1; split < stream.length; split += step) {
            assertSame(name + ", split at " + split, decode(stream, new int[]{split}, true), tree);
        }
        return fast.plainChunks();
    }

    private static void assertSame(String what, Outcome actual, Outcome tree) {
        assertThat(actual.callbacks()).as(what + ": callbacks").isEqualTo(tree.callbacks());
        assertThat(actual.response()).as(what + ": response").isEqualTo(tree.response());
        assertThat(actual.errors()).as(what + ": errors").isEqualTo(tree.errors());
    }

    /** Decodes a stream delivered in reads cut at the given ascending offsets, as the decoder does. */
    private static Outcome decode(byte[] stream, int[] cuts, boolean fastPath) {
        List<String> callbacks = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        StreamAccumulator acc = new StreamAccumulator(true);
        StreamAccumulator.Sink sink = new RecordingSink(callbacks);
        int[] plain = {0};
        SseParser.Listener listener = (event, data, off, len) -> {
            if (StreamDecoder.isDone(data, off, len) || "error".equals(event)) {
                callbacks.add("event " + event + ": " + new String(data, off, len, StandardCharsets.UTF_8));
                return;
            }
            if (fastPath && PlainChunkReader.read(data, off, len, acc, sink)) {
                plain[0]++;
                return;
            }
            JsonNode chunk = StreamDecoder.tryParse(data, off, len);
            if (chunk == null) {
                errors.add("malformed: " + new String(data, off, len, StandardCharsets.UTF_8));
                return;
            }
            JsonNode error = acc.accept(chunk, sink);
            if (error != null) {
                errors.add(error.toString());
            }
        };
        SseParser parser = new SseParser();
        int from = 0;
        for (int cut : cuts) {
            parser.feed(ByteBuffer.wrap(stream, from, cut - from), listener);
            from = cut;
        }
        parser.feed(ByteBuffer.wrap(stream, from, stream.length - from), listener);
        parser.finish(listener);
        acc.completeToolCalls(sink);
        return new Outcome(callbacks, acc.response().toString(), errors, plain[0]);
    }

    private record RecordingSink(List<String> out) implements StreamAccumulator.Sink {
        public void text(String delta) { out.add("text " + delta); }
        public void thinking(String delta) { out.add("thinking " + delta); }
        public void partialToolCall(int index, String id, String name, String args) {
            out.add("tool " + index + " " + id + " " + name + " " + args);
        }
        public void completeToolCall(int index, ToolExecutionRequest r) { out.add("complete " + index + " " + r); }
    }

    // ---- generated streams: plain chunks in all their shapes, mixed with chunks only the tree reads ----

    private static final String[] TEXTS = {"Hello", "", " wörld ", "日本語", "emoji 😀", "quote \\\" and \\\\",
            "\\u00e9\\n", "tab\\t", "{\\\"json\\\":1}", "data: not a frame"};

    private static byte[] generate(Random r) {
        StringBuilder sb = new StringBuilder();
        int chunks = 2 + r.nextInt(12);
        for (int i = 0; i < chunks; i++) {
            if (r.nextInt(6) == 0) sb.append(": OPENROUTER PROCESSING\n\n");
            sb.append("data: ").append(chunk(r, i == chunks - 1)).append(r.nextBoolean() ? "\n\n" : "\r\n\r\n");
        }
        if (r.nextInt(4) > 0) sb.append("data: [DONE]\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String chunk(Random r, boolean last) {
        List<String> fields = new ArrayList<>();
        fields.add(pick(r, "\"id\":\"gen-" + r.nextInt(3) + "\"", "\"id\":null", null));
        fields.add(pick(r, "\"model\":\"openai/gpt-4o-mini\"", "\"model\":null", null));
        fields.add(pick(r, "\"provider\":\"OpenAI\"", null, "\"provider\":7"));
        fields.add(pick(r, "\"created\":" + (1_700_000_000 + r.nextInt(1000)), "\"created\":null",
                "\"created\":123456789012345678901234567890"));
        fields.add(pick(r, "\"object\":\"chat.completion.chunk\"", "\"system_fingerprint\":null", null));
        fields.add(pick(r, "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":" + r.nextInt(9)
                + ",\"cost\":0.0001}", "\"usage\":null", null));
        fields.add(pick(r, "\"error\":null", null, null));
        fields.add(pick(r, "\"choices\":[" + choice(r, last) + "]", "\"choices\":[]",
                "\"choices\":[" + choice(r, last) + "," + choice(r, last) + "]"));
        if (r.nextInt(20) == 0) fields.add("\"error\":{\"code\":502,\"message\":\"upstream\"}");
        List<String> present = new ArrayList<>();
        for (String f : fields) if (f != null) present.add(f);
        java.util.Collections.shuffle(present, r);
        return "{" + String.join(",", present) + "}";
    }

    private static String choice(Random r, boolean last) {
        List<String> fields = new ArrayList<>();
        fields.add(pick(r, "\"index\":0", null, null));
        fields.add(pick(r, "\"delta\":" + delta(r), "\"delta\":null", "\"delta\":{}"));
        fields.add(last ? pick(r, "\"finish_reason\":\"stop\"", "\"finish_reason\":\"length\"",
                "\"finish_reason\":\"error\"") : pick(r, "\"finish_reason\":null", null, null));
        fields.add(pick(r, "\"native_finish_reason\":\"end_turn\"", "\"native_finish_reason\":null", null));
        fields.add(pick(r, "\"logprobs\":null", "\"logprobs\":{\"content\":[]}", null));
        if (r.nextInt(30) == 0) fields.add("\"error\":{\"message\":\"choice failed\"}");
        List<String> present = new ArrayList<>();
        for (String f : fields) if (f != null) present.add(f);
        java.util.Collections.shuffle(present, r);
        return "{" + String.join(",", present) + "}";
    }

    private static String delta(Random r) {
        List<String> fields = new ArrayList<>();
        fields.add(pick(r, "\"role\":\"assistant\"", "\"role\":null", null));
        fields.add(pick(r, "\"content\":\"" + TEXTS[r.nextInt(TEXTS.length)] + "\"", "\"content\":null",
                "\"content\":\"" + TEXTS[r.nextInt(TEXTS.length)] + "\""));
        switch (r.nextInt(8)) {
            case 0 -> fields.add("\"reasoning\":\"thinking " + r.nextInt(5) + "\"");
            case 1 -> fields.add("\"tool_calls\":[{\"index\":" + r.nextInt(2) + ",\"id\":\"call_1\",\"function\":"
                    + "{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":" + r.nextInt(9) + "}\"}}]");
            case 2 -> fields.add("\"annotations\":[{\"type\":\"url_citation\",\"url_citation\":{\"url\":\"u\"}}]");
            case 3 -> fields.add("\"reasoning_details\":null");
            case 4 -> fields.add("\"content\":7");
            default -> {
            }
        }
        List<String> present = new ArrayList<>();
        for (String f : fields) if (f != null) present.add(f);
        java.util.Collections.shuffle(present, r);
        return "{" + String.join(",", present) + "}";
    }

    private static String pick(Random r, String a, String b, String c) {
        int n = r.nextInt(10);
        return n < 6 ? a : n < 9 ? b : c;
    }
}
