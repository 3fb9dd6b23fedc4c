package dev.openrouter4j.cdi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.budget.BudgetExceededException;
import dev.openrouter4j.cost.CostSummary;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.langchain4j.OpenRouterCallListener;
import dev.openrouter4j.langchain4j.OpenRouterCallRequest;
import dev.openrouter4j.langchain4j.OpenRouterCallResponse;
import dev.openrouter4j.langchain4j.OpenRouterEmbeddingModel;
import dev.openrouter4j.langchain4j.OpenRouterTransport;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.RecordedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Embedding, rerank, image, speech and transcription models are injected like chat models: a default one per kind
 * ({@code openrouter.<kind>.model}) and named ones ({@code openrouter.models.<name>.kind}), with their options, the
 * deployment's shared transport and key, and every bad value failing the deployment with the property named.
 */
@SuppressWarnings("try") // a TestConfig is registered for the try block and released after it
class ModelKindsTest {

    static final String SOURCE = "from test-config,";

    final FakeOpenRouter fake = FakeOpenRouter.start();

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Dependent
    static class Defaults {
        @Inject
        EmbeddingModel embeddings;
        @Inject
        ScoringModel rerank;
        @Inject
        ImageModel images;
        @Inject
        TextToSpeechModel speech;
        @Inject
        AudioTranscriptionModel transcription;
    }

    @Dependent
    static class Named {
        @Inject
        @OpenRouterModel("docs")
        EmbeddingModel docs;
        @Inject
        @OpenRouterModel("judge")
        ScoringModel judge;
        @Inject
        @OpenRouterModel("fast")
        ChatModel fast;
    }

    @ApplicationScoped
    static class CountingEmbeddingListener implements EmbeddingModelListener {
        final AtomicInteger requests = new AtomicInteger();

        @Override
        public void onRequest(EmbeddingModelRequestContext context) {
            requests.incrementAndGet();
        }

        int requests() {
            return requests.get();
        }
    }

    @ApplicationScoped
    static class CountingCallListener implements OpenRouterCallListener {
        final List<String> kinds = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onResponse(OpenRouterCallRequest request, OpenRouterCallResponse response) {
            kinds.add(request.kind().label());
        }

        List<String> kinds() {
            return List.copyOf(kinds);
        }
    }

    Map<String, String> base(String... more) {
        Map<String, String> m = props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.app-title", "kinds-test");
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    private JsonNode sent(String path) {
        RecordedRequest r = fake.takeRequest();
        assertThat(r.path()).endsWith(path);
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + CANARY);
        assertThat(r.header("X-Title")).isEqualTo("kinds-test"); // the defaults' attribution reaches every kind
        return r.json();
    }

    @Test
    void the_default_model_of_every_kind_is_injected_with_its_options() {
        try (TestConfig c = TestConfig.of(base(
                "openrouter.embedding.model", "openai/text-embedding-3-small",
                "openrouter.embedding.dimensions", "64",
                "openrouter.rerank.model", "cohere/rerank-v3.5",
                "openrouter.rerank.top-n", "2",
                "openrouter.image.model", "openai/gpt-image-1",
                "openrouter.image.size", "1024x1024",
                "openrouter.image.quality", "low",
                "openrouter.speech.model", "openai/gpt-4o-mini-tts",
                "openrouter.speech.voice", "alloy",
                "openrouter.speech.format", "mp3",
                "openrouter.transcription.model", "openai/whisper-1",
                "openrouter.transcription.language", "en"));
             WeldContainer weld = Containers.boot(Defaults.class, CountingEmbeddingListener.class,
                     CountingCallListener.class)) {
            Defaults d = weld.select(Defaults.class).get();

            Embedding e = d.embeddings.embed("hello").content();
            assertThat(e.dimension()).isEqualTo(64);
            JsonNode body = sent("/embeddings");
            assertThat(body.path("model").asText()).isEqualTo("openai/text-embedding-3-small");
            assertThat(body.path("dimensions").asInt()).isEqualTo(64);
            assertThat(weld.select(CountingEmbeddingListener.class).get().requests()).isEqualTo(1); // the application's listener

            Response<List<Double>> scores = d.rerank.scoreAll(List.of(TextSegment.from("cats purr"),
                    TextSegment.from("dogs bark"), TextSegment.from("cats and dogs")), "cats");
            assertThat(scores.content()).hasSize(3);
            body = sent("/rerank");
            assertThat(body.path("model").asText()).isEqualTo("cohere/rerank-v3.5");
            assertThat(body.path("top_n").asInt()).isEqualTo(2);

            Image image = d.images.generate("a lighthouse").content();
            assertThat(image.base64Data() != null || image.url() != null).isTrue();
            body = sent("/images");
            assertThat(body.path("size").asText()).isEqualTo("1024x1024");
            assertThat(body.path("quality").asText()).isEqualTo("low");

            Audio audio = d.speech.synthesize("Hello there").audio();
            assertThat(audio.mimeType()).isEqualTo("audio/mpeg");
            body = sent("/audio/speech");
            assertThat(body.path("voice").asText()).isEqualTo("alloy");
            assertThat(body.path("response_format").asText()).isEqualTo("mp3");

            assertThat(d.transcription.transcribeToText(Audio.builder().binaryData(new byte[] {1, 2, 3, 4})
                    .mimeType("audio/wav").build())).isNotBlank();
            body = sent("/audio/transcriptions");
            assertThat(body.path("model").asText()).isEqualTo("openai/whisper-1");
            assertThat(body.path("language").asText()).isEqualTo("en");
            // the application's OpenRouterCallListener bean sees every call of the kinds LangChain4j has no listener for
            assertThat(weld.select(CountingCallListener.class).get().kinds())
                    .containsExactly("rerank", "image", "speech", "transcription");
        }
    }

    @Test
    void named_models_of_other_kinds_are_found_by_qualifier_and_by_named_and_inherit_the_kinds_options() {
        try (TestConfig c = TestConfig.of(base(
                "openrouter.model-names", "docs,judge,fast",
                "openrouter.embedding.batch-size", "2",
                "openrouter.models.docs.kind", "embedding",
                "openrouter.models.docs.model", "qwen/qwen3-embedding-8b",
                "openrouter.models.judge.kind", "RERANK",
                "openrouter.models.judge.model", "cohere/rerank-4-pro",
                "openrouter.models.fast.model", "openai/gpt-4o-mini"));
             WeldContainer weld = Containers.boot(Named.class)) {
            Named n = weld.select(Named.class).get();

            List<Embedding> vectors = n.docs.embedAll(List.of(TextSegment.from("a"), TextSegment.from("b"),
                    TextSegment.from("c"))).content();
            assertThat(vectors).hasSize(3);
            // batch-size 2 inherited from openrouter.embedding.batch-size: two requests
            assertThat(sent("/embeddings").path("input")).hasSize(2);
            assertThat(sent("/embeddings").path("model").asText()).isEqualTo("qwen/qwen3-embedding-8b");
            n.judge.score("text", "query");
            assertThat(sent("/rerank").path("model").asText()).isEqualTo("cohere/rerank-4-pro");
            n.fast.chat("hi");
            assertThat(fake.takeRequest().json().path("model").asText()).isEqualTo("openai/gpt-4o-mini");

            // as langchain4j-cdi looks models up
            assertThat(weld.select(EmbeddingModel.class, NamedLiteral.of("docs")).get().embed("x").content()
                    .dimension()).isEqualTo(4096);
            assertThat(weld.select(ScoringModel.class, NamedLiteral.of("judge")).isResolvable()).isTrue();
            // no default embedding model was configured, so only the named one exists
            assertThat(weld.select(EmbeddingModel.class).isResolvable()).isFalse();
            assertThat(weld.select(EmbeddingModel.class, Any.Literal.INSTANCE).stream().count()).isEqualTo(1);
        }
    }

    @Dependent
    static class EmbeddingAndRerank {
        @Inject
        EmbeddingModel embeddings;
        @Inject
        ScoringModel rerank;
    }

    @Test
    void every_kind_shares_the_deployments_one_transport() {
        int timersBefore = timerThreads();
        try (TestConfig c = TestConfig.of(base(
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.embedding.model", "openai/text-embedding-3-small",
                "openrouter.rerank.model", "cohere/rerank-v3.5"));
             WeldContainer weld = Containers.boot(EmbeddingAndRerank.class)) {
            EmbeddingAndRerank d = weld.select(EmbeddingAndRerank.class).get();
            d.embeddings.embed("a");
            d.rerank.score("a", "b");
            weld.select(ChatModel.class).get().chat("c");
            assertThat(fake.requests()).hasSize(3);
            assertThat(weld.select(OpenRouterTransport.class).isResolvable()).isTrue();
            // each transport has one timer thread: three models of three kinds, one timer
            assertThat(timerThreads() - timersBefore).isEqualTo(1);
        }
    }

    @Test
    void every_kinds_calls_are_recorded_in_the_ledger_with_their_kind_and_cost() {
        try (TestConfig c = TestConfig.of(base(
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.embedding.model", "openai/text-embedding-3-small",
                "openrouter.rerank.model", "cohere/rerank-v3.5",
                "openrouter.image.model", "openai/gpt-image-1",
                "openrouter.speech.model", "openai/gpt-4o-mini-tts",
                "openrouter.transcription.model", "openai/whisper-1"));
             WeldContainer weld = Containers.boot(Defaults.class)) {
            Defaults d = weld.select(Defaults.class).get();
            d.embeddings.embed("hello");
            d.rerank.score("cats purr", "cats");
            d.images.generate("a lighthouse");
            d.speech.synthesize("Hello");
            d.transcription.transcribeToText(Audio.builder().binaryData(new byte[] {1, 2, 3, 4}).mimeType("audio/wav")
                    .build());
            weld.select(ChatModel.class).get().chat("hi");

            CostLedger ledger = weld.select(CostLedger.class).get();
            assertThat(ledger.entries()).extracting(e -> e.kind().label())
                    .containsExactly("embedding", "rerank", "image", "speech", "transcription", "chat");
            Map<OpenRouterCallKind, CostSummary> byKind = ledger.byKind();
            assertThat(byKind).containsOnlyKeys(OpenRouterCallKind.values());
            assertThat(byKind.values()).allSatisfy(s -> assertThat(s.calls()).isEqualTo(1));
            // the fake reports the cost of these kinds: recorded as reported, never a made-up $0
            for (OpenRouterCallKind k : List.of(OpenRouterCallKind.EMBEDDING, OpenRouterCallKind.RERANK,
                    OpenRouterCallKind.IMAGE, OpenRouterCallKind.CHAT)) {
                assertThat(byKind.get(k).cost()).as("cost of %s", k).isPositive();
            }
        }
    }

    @Test
    void a_spent_budget_refuses_embedding_and_rerank_calls_before_they_are_sent() {
        try (TestConfig c = TestConfig.of(base(
                "openrouter.embedding.model", "openai/text-embedding-3-small",
                "openrouter.rerank.model", "cohere/rerank-v3.5",
                "openrouter.cost.budget.total", "0.00000001"));
             WeldContainer weld = Containers.boot(EmbeddingAndRerank.class)) {
            EmbeddingAndRerank d = weld.select(EmbeddingAndRerank.class).get();
            d.embeddings.embed("the first call spends the budget");
            assertThatThrownBy(() -> d.embeddings.embed("second")).isInstanceOf(BudgetExceededException.class);
            assertThatThrownBy(() -> d.rerank.score("a", "b")).isInstanceOf(BudgetExceededException.class);
            assertThat(fake.requests()).extracting(RecordedRequest::path).containsExactly("/api/v1/embeddings");
            assertThat(weld.select(CostLedger.class).get().entries())
                    .extracting(e -> e.kind().label() + " " + e.outcome())
                    .containsExactly("embedding OK", "embedding REFUSED", "rerank REFUSED");
        }
    }

    private static int timerThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("openrouter4j-timer-")) n++;
        }
        return n;
    }

    // ------------------------------------------------------------------ mistakes

    @Dependent
    static class NeedsEmbeddings {
        @Inject
        EmbeddingModel embeddings;
    }

    @Dependent
    static class NeedsNamedEmbeddingsAsChat {
        @Inject
        @OpenRouterModel("docs")
        ChatModel docs;
    }

    @Dependent
    static class NeedsConcreteEmbeddingClass {
        @Inject
        OpenRouterEmbeddingModel embeddings;
    }

    static OpenRouterConfigException fails(Map<String, String> config, Class<?>... beans) {
        try (TestConfig c = TestConfig.of(config)) {
            return Containers.failure(beans);
        }
    }

    @Test
    void bad_options_of_every_kind_fail_the_deployment_naming_each_property() {
        OpenRouterConfigException e = fails(base(
                "openrouter.embedding.model", "openai/text-embedding-3-small",
                "openrouter.embedding.dimensions", "0",
                "openrouter.embedding.batch-size", "many",
                "openrouter.rerank.top-n", "-1",
                "openrouter.image.size", "huge",
                "openrouter.image.aspect-ratio", "wide",
                "openrouter.image.quality", "ultra",
                "openrouter.speech.format", "wav",
                "openrouter.speech.speed", "9",
                "openrouter.transcription.language", "english please"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "openrouter.embedding.dimensions (env OPENROUTER_EMBEDDING_DIMENSIONS), " + SOURCE
                        + " must be 1 or more",
                "openrouter.embedding.batch-size (env OPENROUTER_EMBEDDING_BATCH_SIZE), " + SOURCE
                        + " is not a whole number",
                "openrouter.rerank.top-n (env OPENROUTER_RERANK_TOP_N), " + SOURCE + " must be 1 or more",
                "openrouter.image.size (env OPENROUTER_IMAGE_SIZE), " + SOURCE + " is not a size: use pixels such"
                        + " as 1024x1024 or a tier 512, 1K, 2K or 4K",
                "openrouter.image.aspect-ratio (env OPENROUTER_IMAGE_ASPECT_RATIO), " + SOURCE + " is not an aspect"
                        + " ratio such as 1:1, 16:9 or auto",
                "openrouter.image.quality (env OPENROUTER_IMAGE_QUALITY), " + SOURCE
                        + " is not one of auto, low, medium, high",
                "openrouter.speech.format (env OPENROUTER_SPEECH_FORMAT), " + SOURCE + " is not one of pcm, mp3",
                "openrouter.speech.speed (env OPENROUTER_SPEECH_SPEED), " + SOURCE + " must be between 0.25 and 4",
                "openrouter.transcription.language (env OPENROUTER_TRANSCRIPTION_LANGUAGE), " + SOURCE
                        + " is not a language code such as en or pt-BR");
        assertThat(e.getMessage()).doesNotContain("huge", "ultra", "wav", "english please");
    }

    @Test
    void a_mistyped_key_of_a_kind_is_reported_with_the_nearest_known_one_in_any_spelling() {
        Map<String, String> config = base("openrouter.embedding.model", "openai/text-embedding-3-small",
                "openrouter.embedding.dimension", "64");
        OpenRouterConfigException e;
        try (TestConfig c = TestConfig.of(new TestConfig.MapSource("test-config", 500, config),
                new TestConfig.EnvSource(Map.of("OPENROUTER_RERANK_TOPN", "3")))) {
            e = Containers.failure();
        }
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "openrouter.embedding.dimension (env OPENROUTER_EMBEDDING_DIMENSION), from test-config, is not a known"
                        + " embedding setting; did you mean"
                        + " openrouter.embedding.dimensions? (known: model, dimensions, batch-size)",
                "OPENROUTER_RERANK_TOPN, from EnvSource[simulated environment], is not a known rerank setting; did you"
                        + " mean OPENROUTER_RERANK_TOP_N?"
                        + " (known: model, top-n)");
    }

    @Test
    void a_wrong_kind_and_options_that_do_not_fit_a_named_models_kind_are_reported() {
        OpenRouterConfigException e = fails(base(
                "openrouter.model-names", "docs,vec,fast,art",
                "openrouter.models.docs.kind", "embedding",
                "openrouter.models.docs.model", "openai/text-embedding-3-small",
                "openrouter.models.docs.temperature", "0.5",
                "openrouter.models.vec.kind", "vector",
                "openrouter.models.vec.model", "x/y",
                "openrouter.models.fast.model", "openai/gpt-4o-mini",
                "openrouter.models.fast.voice", "alloy",
                "openrouter.models.art.kind", "image",
                "openrouter.models.art.model", "openai/gpt-image-1",
                "openrouter.models.art.provider.sort", "price"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "openrouter.models.vec.kind (env OPENROUTER_MODELS_VEC_KIND), " + SOURCE
                        + " is not one of chat, embedding, rerank, image, speech, transcription",
                "openrouter.models.docs.temperature (env OPENROUTER_MODELS_DOCS_TEMPERATURE), " + SOURCE
                        + " does not apply: model 'docs' is an embedding model (openrouter.models.docs.kind (env"
                        + " OPENROUTER_MODELS_DOCS_KIND)); remove it or change the kind",
                "openrouter.models.fast.voice (env OPENROUTER_MODELS_FAST_VOICE), " + SOURCE
                        + " does not apply: model 'fast' is a chat model; remove it or change the kind",
                "openrouter.models.art.provider.sort (env OPENROUTER_MODELS_ART_PROVIDER_SORT), " + SOURCE
                        + " does not apply: model 'art' is an image model (openrouter.models.art.kind (env"
                        + " OPENROUTER_MODELS_ART_KIND)); remove it or change the kind");
    }

    @Test
    void injecting_a_kind_that_is_not_configured_says_which_property_to_set() {
        OpenRouterConfigException e = fails(base("openrouter.model", "openai/gpt-4o-mini"), NeedsEmbeddings.class);
        assertThat(e.problems()).containsExactly("field " + NeedsEmbeddings.class.getName() + ".embeddings injects"
                + " EmbeddingModel without a qualifier, but openrouter.embedding.model (env OPENROUTER_EMBEDDING_MODEL)"
                + " is not set: set it to the id of an embedding model (e.g. openai/text-embedding-3-small)");
    }

    @Test
    void injecting_a_named_model_as_the_wrong_kind_names_its_kind() {
        OpenRouterConfigException e = fails(base(
                "openrouter.model-names", "docs",
                "openrouter.models.docs.kind", "embedding",
                "openrouter.models.docs.model", "openai/text-embedding-3-small"), NeedsNamedEmbeddingsAsChat.class);
        assertThat(e.problems()).singleElement().asString()
                .contains("injects @OpenRouterModel(\"docs\") ChatModel, but no model named 'docs' is configured")
                .endsWith("'docs' is an embedding model (openrouter.models.docs.kind (env OPENROUTER_MODELS_DOCS_KIND)):"
                        + " inject EmbeddingModel");
    }

    @Test
    void injecting_the_concrete_class_asks_for_the_interface() {
        OpenRouterConfigException e = fails(base("openrouter.embedding.model", "openai/text-embedding-3-small"),
                NeedsConcreteEmbeddingClass.class);
        assertThat(e.problems()).singleElement().asString().contains("injects OpenRouterEmbeddingModel")
                .endsWith("inject EmbeddingModel");
    }

    @Test
    void a_kind_model_without_any_key_fails_like_a_chat_model() {
        Map<String, String> config = base("openrouter.speech.model", "openai/gpt-4o-mini-tts");
        config.remove("openrouter.api-key");
        OpenRouterConfigException e = fails(config);
        assertThat(e.problems()).containsExactly("openrouter.api-key (env OPENROUTER_API_KEY) is required but is"
                + " not set in any config source: create a key at https://openrouter.ai/keys");
    }
}
