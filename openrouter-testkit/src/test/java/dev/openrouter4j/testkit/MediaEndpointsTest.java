package dev.openrouter4j.testkit;

import static dev.openrouter4j.testkit.Http.postTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fake's non-chat endpoints: deterministic answers, usage and cost, spec-valid bodies, scripted errors. */
class MediaEndpointsTest {

    @RegisterExtension
    static final FakeOpenRouterExtension OPENROUTER = new FakeOpenRouterExtension();

    FakeOpenRouter fake;

    @BeforeEach
    void setUp() {
        fake = OPENROUTER.fake();
    }

    static JsonNode ok(HttpResponse<byte[]> r, String path) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(200);
        OpenRouterSchemas.assertValidResponse(path, body);
        return Http.json(body);
    }

    static double[] vector(JsonNode item) {
        JsonNode e = item.path("embedding");
        double[] v = new double[e.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = e.get(i).asDouble();
        }
        return v;
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void embeddings_are_deterministic_normalized_and_closer_for_similar_texts() {
        String request = "{\"model\":\"openai/text-embedding-3-small\",\"dimensions\":256,\"input\":["
                + "\"The cat sat on the mat\",\"The cat sat on the mat\",\"A cat was sitting on a mat\","
                + "\"Quarterly revenue grew by twelve percent\"]}";
        OpenRouterSchemas.assertValidRequest("/embeddings", request);
        JsonNode root = ok(postTo(fake, "/embeddings", request), "/embeddings");
        JsonNode data = root.path("data");
        assertThat(data).hasSize(4);
        double[] a = vector(data.get(0));
        double[] same = vector(data.get(1));
        double[] similar = vector(data.get(2));
        double[] unrelated = vector(data.get(3));
        assertThat(a).hasSize(256).containsExactly(same);
        assertThat(cosine(a, a)).isCloseTo(1.0, within(1e-6));
        assertThat(cosine(a, similar)).isGreaterThan(cosine(a, unrelated) + 0.2);
        for (int i = 0; i < 4; i++) {
            assertThat(data.get(i).path("index").asInt()).isEqualTo(i);
        }
        JsonNode usage = root.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(6 + 6 + 7 + 6);
        // 25 tokens at $0.02 per million
        assertThat(usage.path("cost").decimalValue()).isEqualByComparingTo("0.0000005");
        assertThat(root.path("model").asText()).isEqualTo("openai/text-embedding-3-small");
        assertThat(root.path("id").asText()).startsWith("gen-");
    }

    @Test
    void embeddings_use_the_model_default_dimension_and_encode_base64_as_little_endian_floats() {
        JsonNode floats = ok(postTo(fake, "/embeddings",
                "{\"model\":\"mistralai/mistral-embed-2312\",\"input\":\"hello world\"}"), "/embeddings");
        assertThat(floats.path("data").get(0).path("embedding")).hasSize(1024);
        JsonNode b64 = ok(postTo(fake, "/embeddings", "{\"model\":\"mistralai/mistral-embed-2312\","
                + "\"input\":\"hello world\",\"encoding_format\":\"base64\"}"), "/embeddings");
        byte[] bytes = Base64.getDecoder().decode(b64.path("data").get(0).path("embedding").asText());
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes).hasSize(1024 * 4);
        for (int i = 0; i < 1024; i++) {
            assertThat((double) buf.getFloat()).isEqualTo((float) floats.path("data").get(0).path("embedding").get(i)
                    .asDouble());
        }
    }

    @Test
    void embeddings_of_a_query_and_a_document_differ_slightly_and_images_need_an_image_model() {
        String text = "Paris is the capital of France";
        double[] query = vector(ok(postTo(fake, "/embeddings", "{\"model\":\"openai/text-embedding-3-small\","
                + "\"input_type\":\"search_query\",\"input\":\"" + text + "\"}"), "/embeddings").path("data").get(0));
        double[] doc = vector(ok(postTo(fake, "/embeddings", "{\"model\":\"openai/text-embedding-3-small\","
                + "\"input_type\":\"search_document\",\"input\":\"" + text + "\"}"), "/embeddings").path("data").get(0));
        assertThat(query).isNotEqualTo(doc);
        assertThat(cosine(query, doc)).isGreaterThan(0.9);
        String image = "[{\"content\":[{\"type\":\"text\",\"text\":\"a cat\"},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}]";
        assertThat(postTo(fake, "/embeddings", "{\"model\":\"openai/text-embedding-3-small\",\"input\":" + image + "}")
                .statusCode()).isEqualTo(400);
        JsonNode multimodal = ok(postTo(fake, "/embeddings", "{\"model\":\"jina-ai/jina-embeddings-v4\",\"input\":"
                + image + "}"), "/embeddings");
        assertThat(multimodal.path("data").get(0).path("embedding")).hasSize(2048);
    }

    @Test
    void embeddings_reject_invalid_requests_and_unknown_models() {
        HttpResponse<byte[]> missingInput = postTo(fake, "/embeddings", "{\"model\":\"openai/text-embedding-3-small\"}");
        assertThat(missingInput.statusCode()).isEqualTo(400);
        assertThat(new String(missingInput.body(), StandardCharsets.UTF_8)).contains("input");
        HttpResponse<byte[]> emptyText = postTo(fake, "/embeddings",
                "{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"\"]}");
        assertThat(emptyText.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> unknown = postTo(fake, "/embeddings", "{\"model\":\"openai/gpt-4\",\"input\":\"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("openai/gpt-4 is not a valid model ID");
    }

    @Test
    void listings_validate_against_the_spec() {
        String emb = Http.get(fake, "/embeddings/models", false).body();
        OpenRouterSchemas.assertValidResponse("/embeddings/models", emb);
        assertThat(Http.json(emb).path("data")).extracting(n -> n.path("id").asText())
                .contains("openai/text-embedding-3-small");
        String images = Http.get(fake, "/images/models", false).body();
        OpenRouterSchemas.assertValidResponse("/images/models", images);
        assertThat(images).doesNotContain("x_endpoints");
        String endpoints = Http.get(fake, "/images/models/bytedance-seed/seedream-4.5/endpoints", false).body();
        OpenRouterSchemas.assertValid("ImageModelEndpointsResponse", endpoints);
        assertThat(Http.json(endpoints).path("endpoints").get(0).path("pricing").get(0).path("cost_usd").asDouble())
                .isEqualTo(0.04);
    }

    @Test
    void rerank_scores_by_overlap_sorted_with_top_n() {
        String request = "{\"model\":\"cohere/rerank-v3.5\",\"query\":\"capital of France\",\"top_n\":2,"
                + "\"documents\":[\"Berlin is the capital of Germany.\",\"Bananas are yellow.\","
                + "\"Paris is the capital of France.\"]}";
        OpenRouterSchemas.assertValidRequest("/rerank", request);
        JsonNode root = ok(postTo(fake, "/rerank", request), "/rerank");
        JsonNode results = root.path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("index").asInt()).isEqualTo(2);
        assertThat(results.get(0).path("document").path("text").asText()).isEqualTo("Paris is the capital of France.");
        assertThat(results.get(1).path("index").asInt()).isEqualTo(0);
        assertThat(results.get(0).path("relevance_score").asDouble())
                .isGreaterThan(results.get(1).path("relevance_score").asDouble());
        assertThat(root.path("usage").path("search_units").asInt()).isEqualTo(1);
        assertThat(root.path("usage").path("cost").decimalValue()).isEqualByComparingTo("0.002");
    }

    @Test
    void images_are_valid_pngs_derived_from_the_prompt() {
        String request = "{\"model\":\"bytedance-seed/seedream-4.5\",\"prompt\":\"a red panda\",\"n\":2,"
                + "\"aspect_ratio\":\"16:9\",\"quality\":\"high\"}";
        OpenRouterSchemas.assertValidRequest("/images", request);
        JsonNode root = ok(postTo(fake, "/images", request), "/images");
        assertThat(root.path("data")).hasSize(2);
        byte[] png = Base64.getDecoder().decode(root.path("data").get(0).path("b64_json").asText());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(root.path("data").get(0).path("media_type").asText()).isEqualTo("image/png");
        assertThat(root.path("usage").path("cost").decimalValue()).isEqualByComparingTo("0.08");
        JsonNode again = ok(postTo(fake, "/images", request), "/images");
        assertThat(again.path("data").get(0).path("b64_json")).isEqualTo(root.path("data").get(0).path("b64_json"));
        assertThat(postTo(fake, "/images", "{\"model\":\"bytedance-seed/seedream-4.5\",\"prompt\":\"x\","
                + "\"quality\":\"ultra\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void speech_returns_raw_audio_and_transcription_gives_the_text_back() {
        String request = "{\"model\":\"openai/gpt-4o-mini-tts\",\"input\":\"Hello from the fake\",\"voice\":\"alloy\","
                + "\"response_format\":\"pcm\"}";
        OpenRouterSchemas.assertValidRequest("/audio/speech", request);
        HttpResponse<byte[]> speech = postTo(fake, "/audio/speech", request);
        assertThat(speech.statusCode()).isEqualTo(200);
        assertThat(speech.headers().firstValue("content-type")).hasValue("audio/pcm");
        assertThat(speech.body().length).isEqualTo(24_000 * 2 * 320 / 1000); // 4 words x 80 ms
        String stt = "{\"model\":\"openai/whisper-large-v3\",\"language\":\"en\",\"input_audio\":{\"data\":\""
                + Base64.getEncoder().encodeToString(speech.body()) + "\",\"format\":\"pcm16\"}}";
        OpenRouterSchemas.assertValidRequest("/audio/transcriptions", stt);
        JsonNode text = ok(postTo(fake, "/audio/transcriptions", stt), "/audio/transcriptions");
        assertThat(text.path("text").asText()).isEqualTo("Hello from the fake");
        assertThat(text.path("usage").path("seconds").asDouble()).isCloseTo(0.32, within(1e-9));
        HttpResponse<byte[]> mp3 = postTo(fake, "/audio/speech",
                "{\"model\":\"openai/gpt-4o-mini-tts\",\"input\":\"Hi\",\"response_format\":\"mp3\"}");
        assertThat(mp3.headers().firstValue("content-type")).hasValue("audio/mpeg");
        assertThat(mp3.body()).startsWith(0xFF, 0xFB);
        HttpResponse<byte[]> wav = postTo(fake, "/audio/speech",
                "{\"model\":\"openai/gpt-4o-mini-tts\",\"input\":\"Hi\",\"response_format\":\"wav\"}");
        assertThat(wav.statusCode()).as("the spec allows mp3 and pcm only").isEqualTo(400);
    }

    @Test
    void every_endpoint_answers_scripted_errors_and_needs_a_key() {
        fake.enqueue("/embeddings", FakeResponse.insufficientCredits())
                .enqueue("rerank", FakeResponse.rateLimited(7))
                .enqueue("/images", FakeResponse.moderation(List.of("violence")))
                .enqueue("/audio/speech", FakeResponse.error(503))
                .enqueue("/audio/transcriptions", FakeResponse.error(500));
        assertThat(postTo(fake, "/embeddings", "{}").statusCode()).isEqualTo(402);
        HttpResponse<byte[]> limited = postTo(fake, "/rerank", "{}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("7");
        assertThat(postTo(fake, "/images", "{\"model\":\"bytedance-seed/seedream-4.5\"}").statusCode()).isEqualTo(403);
        assertThat(postTo(fake, "/audio/speech", "{}").statusCode()).isEqualTo(503);
        assertThat(postTo(fake, "/audio/transcriptions", "{}").statusCode()).isEqualTo(500);
        // scripts are used up: the defaults answer again
        assertThat(postTo(fake, "/embeddings", "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"x\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> noKey = Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fake.baseUrl() + "/rerank")).POST(java.net.http.HttpRequest.BodyPublishers
                .ofString("{}")).build());
        assertThat(noKey.statusCode()).isEqualTo(401);
    }

    @Test
    void chat_image_output_sync_and_streamed() {
        String base = "{\"model\":\"google/gemini-2.5-flash-image\",\"modalities\":[\"image\",\"text\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Draw a cat\"}]";
        OpenRouterSchemas.assertValidChatRequest(base + "}");
        HttpResponse<String> sync = Http.chat(fake, base + "}");
        assertThat(sync.statusCode()).isEqualTo(200);
        OpenRouterSchemas.assertValidChatResult(sync.body());
        JsonNode message = Http.json(sync.body()).path("choices").get(0).path("message");
        String url = message.path("images").get(0).path("image_url").path("url").asText();
        assertThat(url).startsWith("data:image/png;base64,");
        JsonNode usage = Http.json(sync.body()).path("usage");
        assertThat(usage.path("completion_tokens_details").path("image_tokens").asInt()).isEqualTo(1290);

        HttpResponse<String> stream = Http.chat(fake, base + ",\"stream\":true}");
        String streamedUrl = null;
        for (JsonNode chunk : Http.chunks(stream.body())) {
            OpenRouterSchemas.assertValidChatStreamChunk(chunk.toString());
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode images = choice.path("delta").path("images");
                if (images.isArray() && images.size() > 0) {
                    streamedUrl = images.get(0).path("image_url").path("url").asText();
                }
            }
        }
        assertThat(streamedUrl).isEqualTo(url);

        HttpResponse<String> textOnly = Http.chat(fake, base.replace("google/gemini-2.5-flash-image", "openai/gpt-4")
                + "}");
        assertThat(textOnly.statusCode()).isEqualTo(404);
        assertThat(textOnly.body()).contains("output modalities");
    }
}
