package dev.openrouter4j.benchmarks.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed, OpenRouter-shaped bodies the loopback responder serves: one chat completion, and event streams of any
 * number of content chunks followed by a finish chunk, a usage chunk (with OpenRouter's {@code cost}) and
 * {@code [DONE]}, as recorded from the real API.
 */
public final class Bodies {

    public static final String MODEL = "openai/gpt-4o-mini";
    public static final String GENERATION_ID = "gen-1747000000-Bq8XyN7cT3kLmW2pZrVa";
    public static final String PROMPT = "Describe Venus in about eighty words.";

    private static final String[] WORDS = ("Venus is the second planet from the Sun and the hottest in the Solar"
            + " System, wrapped in a thick atmosphere of carbon dioxide with clouds of sulfuric acid that trap heat"
            + " in a runaway greenhouse effect, so its surface stays near four hundred and sixty degrees Celsius"
            + " day and night").split(" ");

    private static final String CHUNK_HEAD = "{\"id\":\"" + GENERATION_ID + "\",\"provider\":\"OpenAI\",\"model\":\""
            + MODEL + "\",\"object\":\"chat.completion.chunk\",\"created\":1747000000,\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"";

    private Bodies() {
    }

    /** The word of content chunk {@code i}: 2 to 12 characters with its leading space. */
    public static String token(int i) {
        return (i == 0 ? "" : " ") + WORDS[i % WORDS.length];
    }

    /** A non-streaming chat completion of about 1 KB, as OpenRouter returns it. */
    public static byte[] completion() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append(token(i));
        }
        String json = "{\"id\":\"" + GENERATION_ID + "\",\"provider\":\"OpenAI\",\"model\":\"" + MODEL + "\","
                + "\"object\":\"chat.completion\",\"created\":1747000000,\"choices\":[{\"logprobs\":null,"
                + "\"finish_reason\":\"stop\",\"native_finish_reason\":\"stop\",\"index\":0,\"message\":{"
                + "\"role\":\"assistant\",\"content\":\"" + text + "\",\"refusal\":null,\"reasoning\":null}}],"
                + "\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":84,\"total_tokens\":101,"
                + "\"cost\":0.00005295,\"is_byok\":false,\"prompt_tokens_details\":{\"cached_tokens\":0,"
                + "\"audio_tokens\":0},\"cost_details\":{\"upstream_inference_cost\":null,"
                + "\"upstream_inference_prompt_cost\":0.00000255,\"upstream_inference_completions_cost\":0.0000504},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"image_tokens\":0}}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The events of a stream of {@code contentChunks} content chunks, each a complete {@code data: ...\n\n} frame:
     * [0] a {@code : OPENROUTER PROCESSING} comment, [1..n] content, then the finish chunk, the usage chunk and
     * {@code [DONE]}.
     */
    public static List<byte[]> events(int contentChunks) {
        List<byte[]> out = new ArrayList<>(contentChunks + 4);
        out.add(": OPENROUTER PROCESSING\n\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < contentChunks; i++) {
            out.add(frame(CHUNK_HEAD + token(i) + "\"},\"finish_reason\":null,\"native_finish_reason\":null,"
                    + "\"logprobs\":null}]}"));
        }
        out.add(frame(CHUNK_HEAD + "\"},\"finish_reason\":\"stop\",\"native_finish_reason\":\"stop\","
                + "\"logprobs\":null}]}"));
        out.add(frame(CHUNK_HEAD + "\"},\"finish_reason\":null,\"native_finish_reason\":null,\"logprobs\":null}],"
                + "\"usage\":{\"prompt_tokens\":17,\"completion_tokens\":" + contentChunks + ",\"total_tokens\":"
                + (17 + contentChunks) + ",\"cost\":0.00005295,\"is_byok\":false,\"prompt_tokens_details\":{"
                + "\"cached_tokens\":0,\"audio_tokens\":0},\"cost_details\":{\"upstream_inference_cost\":null,"
                + "\"upstream_inference_prompt_cost\":0.00000255,\"upstream_inference_completions_cost\":0.0000504},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"image_tokens\":0}}}"));
        out.add(frame("[DONE]"));
        return out;
    }

    /** The number of characters of content a stream of {@code contentChunks} chunks carries. */
    public static int contentChars(int contentChunks) {
        int n = 0;
        for (int i = 0; i < contentChunks; i++) {
            n += token(i).length();
        }
        return n;
    }

    private static byte[] frame(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The real 356-model {@code GET /models} response the library's tests use. */
    public static byte[] models() {
        try (InputStream in = Bodies.class.getResourceAsStream("/dev/openrouter4j/benchmarks/models-2026-05.json")) {
            if (in == null) {
                throw new IllegalStateException("models-2026-05.json is not on the class path");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
