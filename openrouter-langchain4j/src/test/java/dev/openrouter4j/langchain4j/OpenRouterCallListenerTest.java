package dev.openrouter4j.langchain4j;

import dev.openrouter4j.testkit.FakeOpenRouterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.audio.AudioTranscriptionRequest;
import dev.openrouter4j.langchain4j.exception.ModerationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link OpenRouterCallListener}s on the rerank, image, speech and transcription models, against the fake: once per
 * call with the kind, the answering model, usage in the call's units and the reported cost; failures reach
 * {@code onError}; a throwing listener breaks nothing; refused input reaches no listener.
 */
@ExtendWith(FakeOpenRouterExtension.class)
class OpenRouterCallListenerTest {

    static FakeOpenRouter fake;

    @BeforeAll
    static void bind(FakeOpenRouter started) {
        fake = started; // one fake for the class, reset before each test by the extension
    }

    /** Records every callback as text, keeping the last request, response and error. */
    static final class Recorder implements OpenRouterCallListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile OpenRouterCallRequest request;
        volatile OpenRouterCallResponse response;
        volatile Throwable error;

        @Override
        public void onRequest(OpenRouterCallRequest request) {
            events.add("request " + request.kind());
            request.attributes().put("seen", "yes");
            this.request = request;
        }

        @Override
        public void onResponse(OpenRouterCallRequest request, OpenRouterCallResponse response) {
            events.add("response " + request.kind() + " " + request.attributes().get("seen"));
            assertThat(request).isSameAs(this.request);
            this.response = response;
        }

        @Override
        public void onError(OpenRouterCallRequest request, Throwable error) {
            events.add("error " + request.kind() + " " + request.attributes().get("seen"));
            assertThat(request).isSameAs(this.request);
            this.error = error;
        }
    }

    /** Throws from every callback. */
    static final class Thrower implements OpenRouterCallListener {
        @Override
        public void onRequest(OpenRouterCallRequest request) {
            throw new IllegalStateException("boom in onRequest");
        }

        @Override
        public void onResponse(OpenRouterCallRequest request, OpenRouterCallResponse response) {
            throw new IllegalStateException("boom in onResponse");
        }

        @Override
        public void onError(OpenRouterCallRequest request, Throwable error) {
            throw new IllegalStateException("boom in onError");
        }
    }

    static <B extends OpenRouterClientBuilder<B>> B connect(B b, String model) {
        return b.apiKey(OpenRouterMediaModelsTest.KEY).baseUrl(fake.baseUrl()).modelName(model).maxRetries(0)
                .timeout(Duration.ofSeconds(10));
    }

    @Test
    void a_rerank_call_reaches_the_listener_once_with_search_units_provider_and_cost() {
        Recorder r = new Recorder();
        try (OpenRouterScoringModel model = connect(OpenRouterScoringModel.builder(), "cohere/rerank-v3.5")
                .listeners(new Thrower(), r).build()) {
            List<Double> scores = model.scoreAll(List.of(TextSegment.from("Paris is in France"),
                    TextSegment.from("Bananas")), "France").content();
            assertThat(scores).hasSize(2);
        }
        assertThat(r.events).containsExactly("request rerank", "response rerank yes");
        assertThat(r.request.modelName()).isEqualTo("cohere/rerank-v3.5");
        assertThat(r.request.inputCount()).isEqualTo(2);
        assertThat(r.request.requested().characters()).isEqualTo("France".length() + 18 + 7);
        assertThat(r.response.modelName()).isEqualTo("cohere/rerank-v3.5");
        assertThat(r.response.provider()).isEqualTo("Cohere");
        assertThat(r.response.generationId()).startsWith("gen-");
        assertThat(r.response.usage().searchUnits()).isEqualTo(1);
        assertThat(r.response.cost()).isEqualByComparingTo("0.002");
    }

    @Test
    void an_image_call_reports_the_images_made_and_a_failed_one_reaches_on_error() {
        Recorder r = new Recorder();
        try (OpenRouterImageModel model = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5")
                .listeners(List.of(r, new Thrower())).build()) {
            model.generate("a red panda", 3);
            assertThat(r.events).containsExactly("request image", "response image yes");
            assertThat(r.request.requested().images()).isEqualTo(3);
            assertThat(r.response.usage().images()).isEqualTo(3);
            assertThat(r.response.usage().outputTokens()).isPositive();
            assertThat(r.response.cost()).isEqualByComparingTo("0.12");

            r.events.clear();
            fake.enqueue("/images", FakeResponse.moderation(List.of("violence")));
            assertThatThrownBy(() -> model.generate("x")).isInstanceOf(ModerationException.class);
            assertThat(r.events).containsExactly("request image", "error image yes");
            assertThat(r.error).isInstanceOf(ModerationException.class);

            r.events.clear();
            assertThatThrownBy(() -> model.generate(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThat(r.events).as("input refused before sending is not a call").isEmpty();
        }
    }

    @Test
    void speech_reports_the_characters_sent_and_no_cost_and_transcription_its_seconds_and_cost() {
        Recorder speech = new Recorder();
        Recorder stt = new Recorder();
        try (OpenRouterTextToSpeechModel tts = connect(OpenRouterTextToSpeechModel.builder(), "openai/gpt-4o-mini-tts")
                .listeners(speech).build();
             OpenRouterAudioTranscriptionModel whisper = connect(OpenRouterAudioTranscriptionModel.builder(),
                     "openai/whisper-large-v3").listeners(stt).build()) {
            Audio pcm = tts.synthesize("The quick brown fox").audio();
            whisper.transcribe(AudioTranscriptionRequest.builder(Audio.builder().binaryData(pcm.binaryData())
                    .mimeType("audio/pcm16").build()).build());
        }
        assertThat(speech.events).containsExactly("request speech", "response speech yes");
        assertThat(speech.response.usage().characters()).isEqualTo("The quick brown fox".length());
        assertThat(speech.response.cost()).isNull();
        assertThat(stt.events).containsExactly("request transcription", "response transcription yes");
        assertThat(stt.response.usage().seconds()).isEqualByComparingTo(new BigDecimal("0.32"));
        assertThat(stt.response.cost()).isPositive();
    }

    @Test
    void a_server_error_on_speech_reaches_on_error_and_the_caller_gets_the_typed_exception() {
        Recorder r = new Recorder();
        fake.enqueue("/audio/speech", FakeResponse.serverError());
        try (OpenRouterTextToSpeechModel tts = connect(OpenRouterTextToSpeechModel.builder(), "openai/gpt-4o-mini-tts")
                .listeners(new Thrower(), r).build()) {
            assertThatThrownBy(() -> tts.synthesize("Hi")).isInstanceOf(OpenRouterServerException.class);
        }
        assertThat(r.events).containsExactly("request speech", "error speech yes");
        assertThat(r.error).isInstanceOf(OpenRouterServerException.class);
    }

    @Test
    void a_null_listener_is_refused_by_name() {
        assertThatThrownBy(() -> OpenRouterImageModel.builder().listeners((OpenRouterCallListener) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listeners");
    }

    @Test
    void call_kinds_read_back_from_their_labels_and_a_bad_label_names_the_allowed_ones() {
        for (OpenRouterCallKind k : OpenRouterCallKind.values()) {
            assertThat(OpenRouterCallKind.fromLabel(" " + k.label().toUpperCase() + " ")).isSameAs(k);
        }
        assertThat(OpenRouterCallKind.EMBEDDING.label()).isEqualTo("embedding");
        assertThatThrownBy(() -> OpenRouterCallKind.fromLabel("video"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("video").hasMessageContaining("chat, embedding, rerank, image, speech, transcription");
    }
}
