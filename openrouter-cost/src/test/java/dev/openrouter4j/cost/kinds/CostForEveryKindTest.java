package dev.openrouter4j.cost.kinds;

import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.audio.AudioTranscriptionRequest;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostCallListener;
import dev.openrouter4j.cost.CostContext;
import dev.openrouter4j.cost.CostEmbeddingListener;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.ModelPrice;
import dev.openrouter4j.cost.PriceSource;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.PriceUnit;
import dev.openrouter4j.langchain4j.OpenRouterAudioTranscriptionModel;
import dev.openrouter4j.langchain4j.OpenRouterClientBuilder;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingModel;
import dev.openrouter4j.langchain4j.OpenRouterImageModel;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.langchain4j.OpenRouterScoringModel;
import dev.openrouter4j.langchain4j.OpenRouterTextToSpeechModel;
import dev.openrouter4j.langchain4j.exception.OpenRouterServerException;
import dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static dev.openrouter4j.langchain4j.OpenRouterCallKind.EMBEDDING;
import static dev.openrouter4j.langchain4j.OpenRouterCallKind.IMAGE;
import static dev.openrouter4j.langchain4j.OpenRouterCallKind.RERANK;
import static dev.openrouter4j.langchain4j.OpenRouterCallKind.SPEECH;
import static dev.openrouter4j.langchain4j.OpenRouterCallKind.TRANSCRIPTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Embedding, rerank, image, speech and transcription calls against the fake OpenRouter, recorded by
 * {@link CostEmbeddingListener} and {@link CostCallListener}: OpenRouter's reported cost first, else the catalog's
 * price of the model that answered (per token, search unit, image, character, second), else unknown, never $0;
 * failures recorded too, attributed to the {@link CostContext} in effect.
 */
class CostForEveryKindTest {

    static final String KEY = "sk-or-v1-test0000000000000000000000000000000000000000000000000000abcd";
    static FakeOpenRouter fake;

    CostLedger ledger;

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
        ledger = new CostLedger();
    }

    static <B extends OpenRouterClientBuilder<B>> B connect(B b, String model) {
        return b.apiKey(KEY).baseUrl(fake.baseUrl()).modelName(model).maxRetries(0).timeout(Duration.ofSeconds(10));
    }

    CostEntry only() {
        assertThat(ledger.entries()).hasSize(1);
        return ledger.entries().get(0);
    }

    @Test
    void an_embedding_call_is_recorded_once_with_the_reported_cost_provider_and_tenant() {
        try (OpenRouterEmbeddingModel model = connect(OpenRouterEmbeddingModel.builder(), "openai/text-embedding-3-small")
                .listeners(new CostEmbeddingListener(ledger, PriceTable.defaults())).build()) {
            CostContext.with("tenant", "acme").run(() -> model.embedAll(List.of(TextSegment.from("Paris is in France"),
                    TextSegment.from("Berlin is in Germany"))));
        }
        CostEntry e = only();
        assertThat(e.kind()).isEqualTo(EMBEDDING);
        assertThat(e.source()).isEqualTo(CostSource.REPORTED);
        assertThat(e.inputTokens()).isPositive();
        assertThat(e.cost()).isEqualByComparingTo(new BigDecimal("0.00000002").multiply(BigDecimal.valueOf(e.inputTokens())));
        assertThat(e.provider()).isEqualTo("OpenAI");
        assertThat(e.generationId()).startsWith("gen-");
        assertThat(e.model()).isEqualTo("openai/text-embedding-3-small");
        assertThat(e.attributes()).containsEntry("tenant", "acme");
        assertThat(ledger.byKind().get(EMBEDDING).calls()).isEqualTo(1);
    }

    @Test
    void an_embedding_without_a_reported_cost_is_priced_per_input_token_or_unknown_never_zero() {
        String noCost = "{\"object\":\"list\",\"model\":\"openai/text-embedding-3-small\",\"data\":[{\"object\":"
                + "\"embedding\",\"index\":0,\"embedding\":[0.6,0.8]}],\"usage\":{\"prompt_tokens\":40,\"total_tokens\":40}}";
        PriceTable prices = PriceTable.builder().override(ModelPrice.builder("openai/text-embedding-3-small")
                .prompt("0.00000002").completion("0").build()).build();
        fake.enqueue("/embeddings", FakeResponse.json(200, noCost)).enqueue("/embeddings", FakeResponse.json(200, noCost));
        try (OpenRouterEmbeddingModel priced = connect(OpenRouterEmbeddingModel.builder(), "openai/text-embedding-3-small")
                .listeners(new CostEmbeddingListener(ledger, prices)).build();
             OpenRouterEmbeddingModel unpriced = connect(OpenRouterEmbeddingModel.builder(), "openai/text-embedding-3-small")
                     .listeners(new CostEmbeddingListener(ledger, PriceTable.builder().seed(false).snapshot(false).build()))
                     .build()) {
            priced.embed("hello");
            unpriced.embed("hello");
        }
        CostEntry estimated = ledger.entries().get(0);
        assertThat(estimated.source()).isEqualTo(CostSource.ESTIMATED);
        assertThat(estimated.cost()).isEqualByComparingTo("0.0000008");
        assertThat(estimated.priceVersion()).startsWith("OVERRIDE");
        CostEntry unknown = ledger.entries().get(1);
        assertThat(unknown.source()).isEqualTo(CostSource.UNKNOWN);
        assertThat(unknown.cost()).isNull();
        assertThat(ledger.unknownCount()).isEqualTo(1);
    }

    @Test
    void a_failed_embedding_is_recorded_as_an_error_that_was_not_billed() {
        fake.enqueue("/embeddings", FakeResponse.serverError());
        try (OpenRouterEmbeddingModel model = connect(OpenRouterEmbeddingModel.builder(), "openai/text-embedding-3-small")
                .listeners(new CostEmbeddingListener(ledger, PriceTable.defaults())).build()) {
            assertThatThrownBy(() -> model.embed("x")).isInstanceOf(OpenRouterServerException.class);
        }
        CostEntry e = only();
        assertThat(e.kind()).isEqualTo(EMBEDDING);
        assertThat(e.outcome()).isEqualTo(CallOutcome.ERROR);
        assertThat(e.source()).isEqualTo(CostSource.NOT_BILLED);
        assertThat(e.error()).contains("HTTP 500");
    }

    @Test
    void a_rerank_is_recorded_with_its_search_units_and_reported_cost() {
        try (OpenRouterScoringModel model = connect(OpenRouterScoringModel.builder(), "cohere/rerank-v3.5")
                .listeners(new CostCallListener(ledger, PriceTable.defaults())).build()) {
            CostContext.with("tenant", "globex").run(() -> model.scoreAll(List.of(TextSegment.from("a"),
                    TextSegment.from("b")), "a"));
        }
        CostEntry e = only();
        assertThat(e.kind()).isEqualTo(RERANK);
        assertThat(e.units().searchUnits()).isEqualTo(1);
        assertThat(e.cost()).isEqualByComparingTo("0.002");
        assertThat(e.source()).isEqualTo(CostSource.REPORTED);
        assertThat(e.provider()).isEqualTo("Cohere");
        assertThat(e.attributes()).containsEntry("tenant", "globex");
    }

    @Test
    void a_rerank_without_a_reported_cost_is_priced_per_search_unit_or_unknown() {
        String noCost = "{\"id\":\"gen-r1\",\"model\":\"cohere/rerank-v3.5\",\"results\":[{\"index\":0,"
                + "\"relevance_score\":0.9}],\"usage\":{\"search_units\":2}}";
        fake.enqueue("/rerank", FakeResponse.json(200, noCost))
                .enqueue("/rerank", FakeResponse.json(200, noCost.replace("gen-r1", "gen-r2")));
        PriceTable prices = PriceTable.builder().overrideUnitPrice("cohere/rerank-v3.5", PriceUnit.SEARCH_UNIT, "0.002")
                .build();
        try (OpenRouterScoringModel priced = connect(OpenRouterScoringModel.builder(), "cohere/rerank-v3.5")
                .listeners(new CostCallListener(ledger, prices)).build();
             OpenRouterScoringModel unpriced = connect(OpenRouterScoringModel.builder(), "cohere/rerank-v3.5")
                     .listeners(new CostCallListener(ledger, PriceTable.defaults())).build()) {
            priced.scoreAll(List.of(TextSegment.from("a")), "q");
            unpriced.scoreAll(List.of(TextSegment.from("a")), "q");
        }
        assertThat(ledger.entry("gen-r1").orElseThrow().cost()).isEqualByComparingTo("0.004");
        assertThat(ledger.entry("gen-r1").orElseThrow().source()).isEqualTo(CostSource.ESTIMATED);
        assertThat(ledger.entry("gen-r2").orElseThrow().cost()).isNull();
        assertThat(ledger.entry("gen-r2").orElseThrow().source()).isEqualTo(CostSource.UNKNOWN);
    }

    @Test
    void images_are_recorded_per_image_and_without_a_reported_cost_priced_from_the_live_image_catalog() {
        try (OpenRouterImageModel model = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5")
                .listeners(new CostCallListener(ledger, PriceTable.defaults())).build()) {
            model.generate("a red panda", 2);
        }
        CostEntry reported = only();
        assertThat(reported.kind()).isEqualTo(IMAGE);
        assertThat(reported.units().images()).isEqualTo(2);
        assertThat(reported.cost()).isEqualByComparingTo("0.08");

        fake.enqueue("/images", FakeResponse.json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"iVBORw0KGgo=\"},"
                + "{\"b64_json\":\"iVBORw0KGgo=\"},{\"b64_json\":\"iVBORw0KGgo=\"}]}"));
        try (OpenRouterModelCatalog catalog = OpenRouterModelCatalog.builder().baseUrl(fake.baseUrl()).apiKey(KEY)
                .build();
             OpenRouterImageModel model = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5")
                     .listeners(new CostCallListener(ledger, PriceTable.builder().catalog(catalog).build())).build()) {
            model.generate("three pandas", 3);
        }
        CostEntry estimated = ledger.entries().get(1);
        assertThat(estimated.source()).isEqualTo(CostSource.ESTIMATED);
        assertThat(estimated.cost()).isEqualByComparingTo("0.12");
        assertThat(estimated.priceVersion()).startsWith(PriceSource.LIVE_CATALOG.name());
    }

    @Test
    void speech_is_priced_per_character_when_a_price_is_known_and_otherwise_unknown() {
        PriceTable prices = PriceTable.builder()
                .overrideUnitPrice("openai/gpt-4o-mini-tts", PriceUnit.CHARACTER, "0.000015").build();
        try (OpenRouterTextToSpeechModel priced = connect(OpenRouterTextToSpeechModel.builder(), "openai/gpt-4o-mini-tts")
                .listeners(new CostCallListener(ledger, prices)).build();
             OpenRouterTextToSpeechModel unpriced = connect(OpenRouterTextToSpeechModel.builder(),
                     "openai/gpt-4o-mini-tts").listeners(new CostCallListener(ledger, PriceTable.defaults())).build()) {
            priced.synthesize("Hello there");
            unpriced.synthesize("Hello there");
        }
        CostEntry estimated = ledger.entries().get(0);
        assertThat(estimated.kind()).isEqualTo(SPEECH);
        assertThat(estimated.units().characters()).isEqualTo(11);
        assertThat(estimated.cost()).isEqualByComparingTo("0.000165");
        CostEntry unknown = ledger.entries().get(1);
        assertThat(unknown.source()).isEqualTo(CostSource.UNKNOWN);
        assertThat(unknown.cost()).isNull();
    }

    @Test
    void a_transcription_is_recorded_with_its_seconds_and_reported_cost() {
        try (OpenRouterTextToSpeechModel tts = connect(OpenRouterTextToSpeechModel.builder(), "openai/gpt-4o-mini-tts")
                .build();
             OpenRouterAudioTranscriptionModel stt = connect(OpenRouterAudioTranscriptionModel.builder(),
                     "openai/whisper-large-v3").listeners(new CostCallListener(ledger, PriceTable.defaults())).build()) {
            byte[] pcm = tts.synthesize("The quick brown fox").audio().binaryData();
            stt.transcribe(AudioTranscriptionRequest.builder(Audio.builder().binaryData(pcm).mimeType("audio/pcm16")
                    .build()).build());
        }
        CostEntry e = only();
        assertThat(e.kind()).isEqualTo(TRANSCRIPTION);
        assertThat(e.units().seconds()).isEqualByComparingTo("0.32");
        assertThat(e.source()).isEqualTo(CostSource.REPORTED);
        assertThat(e.cost()).isEqualByComparingTo("0.000009856");
    }

    @Test
    void a_timed_out_image_call_is_recorded_with_an_unknown_cost_as_it_may_have_been_billed() {
        fake.enqueue("/images", FakeResponse.error(500).withDelay(Duration.ofSeconds(3)));
        try (OpenRouterImageModel model = OpenRouterImageModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("bytedance-seed/seedream-4.5").maxRetries(0).timeout(Duration.ofMillis(300))
                .listeners(new CostCallListener(ledger, PriceTable.defaults())).build()) {
            assertThatThrownBy(() -> model.generate("x")).isInstanceOf(OpenRouterTimeoutException.class);
        }
        CostEntry e = only();
        assertThat(e.kind()).isEqualTo(IMAGE);
        assertThat(e.outcome()).isEqualTo(CallOutcome.ERROR);
        assertThat(e.source()).isEqualTo(CostSource.UNKNOWN);
        assertThat(e.cost()).isNull();
    }

    @Test
    void an_image_call_whose_thread_is_interrupted_is_recorded_as_cancelled_with_an_unknown_cost() throws Exception {
        fake.enqueue("/images", FakeResponse.json(200, "{\"created\":1,\"data\":[]}").withDelay(Duration.ofSeconds(5)));
        try (OpenRouterImageModel model = connect(OpenRouterImageModel.builder(), "bytedance-seed/seedream-4.5")
                .listeners(new CostCallListener(ledger, PriceTable.defaults())).build()) {
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    model.generate("slow", 2);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            caller.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (fake.requests().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            caller.interrupt();
            caller.join(Duration.ofSeconds(10).toMillis());
            assertThat(caller.isAlive()).isFalse();
            assertThat(failure.get()).isNotNull();
        }
        CostEntry e = only();
        assertThat(e.kind()).isEqualTo(IMAGE);
        assertThat(e.outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(e.source()).isEqualTo(CostSource.UNKNOWN);
        assertThat(e.cost()).isNull();
    }
}
