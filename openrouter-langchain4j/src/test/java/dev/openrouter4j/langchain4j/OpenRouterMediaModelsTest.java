package dev.openrouter4j.langchain4j;

import dev.openrouter4j.testkit.FakeOpenRouterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.audio.AudioTranscriptionRequest;
import dev.langchain4j.model.audio.TextToSpeechRequest;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.Response;
import dev.openrouter4j.langchain4j.exception.InsufficientCreditsException;
import dev.openrouter4j.langchain4j.exception.ModerationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import dev.openrouter4j.testkit.OpenRouterSchemas;
import dev.openrouter4j.testkit.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

/**
 * The scoring, image, speech and transcription models and chat image output, end to end against the fake: every
 * request validates against OpenRouter's spec, answers map to LangChain4j types with usage and cost, errors are typed.
 */
@ExtendWith(FakeOpenRouterExtension.class)
class OpenRouterMediaModelsTest {

    static final String KEY = StreamingChatModelTest.KEY;
    static final ObjectMapper JSON = new ObjectMapper();
    static FakeOpenRouter fake;

    @BeforeAll
    static void bind(FakeOpenRouter started) {
        fake = started; // one fake for the class, reset before each test by the extension
    }

    static <B extends OpenRouterClientBuilder<B>> B connect(B b, String model) {
        return b.apiKey(KEY).baseUrl(fake.baseUrl()).modelName(model).maxRetries(0).timeout(Duration.ofSeconds(10));
    }

    /** The body of the only request, checked against the spec's schema for its path. */
    static JsonNode sent(String path) throws IOException {
        assertThat(fake.requests()).hasSize(1);
        RecordedRequest r = fake.requests().get(0);
        assertThat(r.path()).isEqualTo("/api/v1" + path);
        OpenRouterSchemas.assertValidRequest(path, r.body());
        return JSON.readTree(r.body());
    }

    // ------------------------------------------------------------------ rerank

    @Test
    void rerank_scores_come_back_in_the_segments_order_with_usage_and_cost() throws IOException {
        List<TextSegment> segments = List.of(TextSegment.from("Berlin is the capital of Germany."),
                TextSegment.from("Bananas are yellow."), TextSegment.from("Paris is the capital of France."));
        try (OpenRouterScoringModel model = connect(OpenRouterScoringModel.builder(), "cohere/rerank-v3.5").build()) {
            Response<List<Double>> r = model.scoreAll(segments, "capital of France");
            List<Double> scores = r.content();
            assertThat(scores).hasSize(3);
            assertThat(scores.get(2)).isGreaterThan(scores.get(0)).isGreaterThan(scores.get(1));
            assertThat(((OpenRouterTokenUsage) r.tokenUsage()).cost()).isEqualByComparingTo("0.002");
            assertThat(r.metadata()).containsEntry("provider", "Cohere").containsEntry("search_units", 1)
                    .containsKey("generation_id");
            // the fake ranks the best first; the model puts scores back in input order
            assertThat(sent("/rerank").path("documents")).hasSize(3);
            assertThat(model.score("Paris is the capital of France.", "capital of France").content())
                    .isEqualTo(scores.get(2));
        }
    }

    @Test
    void rerank_top_n_leaves_the_others_at_negative_infinity() throws IOException {
        try (OpenRouterScoringModel model = connect(OpenRouterScoringModel.builder(), "cohere/rerank-v3.5").topN(1)
                .build()) {
            List<Double> scores = model.scoreAll(List.of(TextSegment.from("apples"), TextSegment.from("capital city")),
                    "capital").content();
            assertThat(scores.get(0)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(scores.get(1)).isPositive();
        }
        assertThat(sent("/rerank").path("top_n").asInt()).isEqualTo(1);
    }

    @Test
    void rerank_errors_are_typed() {
        fake.enqueue("/rerank", FakeResponse.rateLimited(2)).enqueue("/rerank", FakeResponse.invalidModel("x/y"));
        try (OpenRouterScoringModel model = connect(OpenRouterScoringModel.builder(), "cohere/rerank-v3.5").build()) {
            Throwable limited = catchThrowable(() -> model.scoreAll(List.of(TextSegment.from("a")), "q"));
            assertThat(limited).isInstanceOf(OpenRouterRateLimitException.class);
            assertThat(((OpenRouterRateLimitException) limited).retryAfter()).isEqualTo(Duration.ofSeconds(2));
            assertThatThrownBy(() -> model.scoreAll(List.of(TextSegment.from("a")), "q"))
                    .isInstanceOf(OpenRouterModelNotFoundException.class);
            assertThat(model.toString()).doesNotContain(KEY);
        }
    }

    // ------------------------------------------------------------------ images

    @Test
    void images_are_generated_as_base64_pngs_with_cost() throws IOException {
        try (OpenRouterImageModel model = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5")
                .aspectRatio("16:9").quality("high").size("2K").seed(7).build()) {
            Response<List<Image>> r = model.generate("a red panda astronaut", 2);
            assertThat(r.content()).hasSize(2).allSatisfy(image -> {
                assertThat(image.mimeType()).isEqualTo("image/png");
                assertThat(Base64.getDecoder().decode(image.base64Data())).startsWith(0x89, 'P', 'N', 'G');
            });
            assertThat(r.metadata().get("cost")).isEqualTo(new BigDecimal("0.08"));
            assertThat(((OpenRouterTokenUsage) r.tokenUsage()).cost()).isEqualByComparingTo("0.08");
        }
        JsonNode body = sent("/images");
        assertThat(body.path("n").asInt()).isEqualTo(2);
        assertThat(body.path("aspect_ratio").asText()).isEqualTo("16:9");
        assertThat(body.path("quality").asText()).isEqualTo("high");
        assertThat(body.path("size").asText()).isEqualTo("2K");
    }

    @Test
    void image_edit_sends_the_image_as_an_input_reference_and_bad_options_fail_at_build() throws IOException {
        try (OpenRouterImageModel model = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5")
                .build()) {
            Image edited = model.edit(Image.builder().base64Data("iVBORw0KGgo=").mimeType("image/png").build(),
                    "make it blue").content();
            assertThat(edited.base64Data()).isNotBlank();
        }
        assertThat(sent("/images").path("input_references").get(0).path("image_url").path("url").asText())
                .isEqualTo("data:image/png;base64,iVBORw0KGgo=");
        assertThatThrownBy(() -> connect(OpenRouterImageModel.builder(), "m/x").quality("ultra").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quality");
    }

    @Test
    void image_errors_are_typed() {
        fake.enqueue("/images", FakeResponse.moderation(List.of("violence")));
        try (OpenRouterImageModel model = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5")
                .build()) {
            assertThatThrownBy(() -> model.generate("x")).isInstanceOf(ModerationException.class);
        }
    }

    // ------------------------------------------------------------------ speech and transcription

    @Test
    void speech_returns_raw_audio_and_transcription_gives_the_text_back() throws IOException {
        Audio audio;
        try (OpenRouterTextToSpeechModel tts = connect(OpenRouterTextToSpeechModel.builder(), "openai/gpt-4o-mini-tts")
                .voice("alloy").speed(1.0).build()) {
            audio = tts.synthesize(TextToSpeechRequest.builder("Hello from openrouter4j").voice("nova").build())
                    .audio();
        }
        assertThat(audio.mimeType()).isEqualTo("audio/pcm");
        assertThat(audio.binaryData()).hasSize(24_000 * 2 * 240 / 1000); // 3 words x 80 ms of 24 kHz 16-bit PCM
        JsonNode speech = sent("/audio/speech");
        assertThat(speech.path("voice").asText()).isEqualTo("nova");
        assertThat(speech.path("input").asText()).isEqualTo("Hello from openrouter4j");
        fake.requests(); // the fake remembers what it synthesized
        try (OpenRouterAudioTranscriptionModel stt = connect(OpenRouterAudioTranscriptionModel.builder(),
                "openai/whisper-large-v3").language("en").build()) {
            fake.reset();
            // a fresh fake state forgets the synthesis: any audio gets the fixed sentence
            assertThat(stt.transcribeToText(Audio.builder().binaryData(audio.binaryData()).mimeType("audio/pcm16")
                    .build())).startsWith("This is the fake transcript of");
            JsonNode body = sent("/audio/transcriptions");
            assertThat(body.path("input_audio").path("format").asText()).isEqualTo("pcm16");
            assertThat(body.path("language").asText()).isEqualTo("en");
            assertThat(Base64.getDecoder().decode(body.path("input_audio").path("data").asText()))
                    .isEqualTo(audio.binaryData());
        }
    }

    @Test
    void speech_then_transcription_round_trip_with_usage_and_mp3() {
        try (OpenRouterTextToSpeechModel tts = connect(OpenRouterTextToSpeechModel.builder(), "openai/gpt-4o-mini-tts")
                .build();
             OpenRouterTextToSpeechModel mp3 = connect(OpenRouterTextToSpeechModel.builder(), "openai/gpt-4o-mini-tts")
                     .format(OpenRouterTextToSpeechModel.Format.MP3).build();
             OpenRouterAudioTranscriptionModel stt = connect(OpenRouterAudioTranscriptionModel.builder(),
                     "openai/whisper-large-v3").build()) {
            Audio pcm = tts.synthesize("The quick brown fox").audio();
            OpenRouterTranscription t = stt.transcribeWithUsage(AudioTranscriptionRequest.builder(
                    Audio.builder().base64Data(Base64.getEncoder().encodeToString(pcm.binaryData()))
                            .mimeType("audio/pcm16").build()).build());
            assertThat(t.text()).isEqualTo("The quick brown fox");
            assertThat(t.seconds()).isCloseTo(0.32, within(1e-9));
            assertThat(t.cost()).isPositive();
            Audio m = mp3.synthesize("Hi").audio();
            assertThat(m.mimeType()).isEqualTo("audio/mpeg");
            assertThat(m.binaryData()).startsWith(0xFF, 0xFB);
        }
    }

    @Test
    void transcription_refuses_what_the_endpoint_cannot_take_and_errors_are_typed() {
        fake.enqueue("/audio/transcriptions", FakeResponse.insufficientCredits())
                .enqueue("/audio/speech", FakeResponse.serverError());
        try (OpenRouterAudioTranscriptionModel stt = connect(OpenRouterAudioTranscriptionModel.builder(),
                "openai/whisper-large-v3").build();
             OpenRouterTextToSpeechModel tts = connect(OpenRouterTextToSpeechModel.builder(), "openai/gpt-4o-mini-tts")
                     .build()) {
            Audio wav = Audio.builder().binaryData(new byte[] {1, 2, 3}).mimeType("audio/wav").build();
            assertThatThrownBy(() -> stt.transcribe(AudioTranscriptionRequest.builder(
                    Audio.builder().url("https://example.com/a.wav").mimeType("audio/wav").build()).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("URL");
            assertThatThrownBy(() -> stt.transcribe(AudioTranscriptionRequest.builder(wav).prompt("names: Ada")
                    .build())).isInstanceOf(UnsupportedFeatureException.class);
            assertThatThrownBy(() -> stt.transcribeToText(Audio.builder().binaryData(new byte[] {1}).build()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MIME");
            assertThat(fake.requests()).isEmpty();
            assertThatThrownBy(() -> stt.transcribeToText(wav)).isInstanceOf(InsufficientCreditsException.class);
            assertThatThrownBy(() -> tts.synthesize("x")).isInstanceOf(OpenRouterServerException.class);
        }
    }

    // ------------------------------------------------------------------ chat image output

    @Test
    void chat_image_output_is_on_the_response_metadata() throws IOException {
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("google/gemini-2.5-flash-image").modalities(List.of("image", "text")).build()) {
            ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("Draw a cat")).build());
            OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) r.metadata();
            assertThat(m.images()).singleElement().satisfies(image -> {
                assertThat(image.mimeType()).isEqualTo("image/png");
                assertThat(Base64.getDecoder().decode(image.base64Data())).startsWith(0x89, 'P', 'N', 'G');
            });
            assertThat(r.aiMessage().text()).contains("Draw a cat");
            assertThat(m.cost()).isPositive();
        }
        RecordedRequest sent = fake.takeRequest();
        OpenRouterSchemas.assertValidChatRequest(sent.body());
        assertThat(JSON.readTree(sent.body()).path("modalities").toString()).isEqualTo("[\"image\",\"text\"]");
    }

    @Test
    void chat_image_output_streamed_and_from_the_response_cache() throws Exception {
        List<Image> sync;
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("google/gemini-2.5-flash-image").modalities(List.of("image", "text")).build()) {
            sync = ((OpenRouterChatResponseMetadata) model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("Draw a cat")).build()).metadata()).images();
        }
        try (OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder().apiKey(KEY)
                .baseUrl(fake.baseUrl()).modelName("google/gemini-2.5-flash-image").modalities(List.of("image", "text"))
                .build()) {
            RecordingHandler h = new RecordingHandler();
            model.chat(ChatRequest.builder().messages(UserMessage.from("Draw a cat")).build(), h);
            ChatResponse streamed = h.awaitResponse(Duration.ofSeconds(10));
            assertThat(((OpenRouterChatResponseMetadata) streamed.metadata()).images()).isEqualTo(sync).hasSize(1);
        }
        try (ResponseCache cache = ResponseCache.builder().cacheNonDeterministic(true).build();
             OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                     .modelName("google/gemini-2.5-flash-image").modalities(List.of("image", "text"))
                     .responseCache(cache).build()) {
            ChatRequest draw = ChatRequest.builder().messages(UserMessage.from("Draw a cat")).build();
            model.chat(draw);
            OpenRouterChatResponseMetadata hit = (OpenRouterChatResponseMetadata) model.chat(draw).metadata();
            assertThat(hit.isCacheHit()).isTrue();
            assertThat(hit.images()).isEqualTo(sync);
        }
    }
}
