package dev.openrouter4j.langchain4j;

import dev.openrouter4j.testkit.FakeOpenRouterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.listener.EmbeddingModelErrorContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.listener.EmbeddingModelRequestContext;
import dev.langchain4j.model.embedding.listener.EmbeddingModelResponseContext;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.openrouter4j.langchain4j.exception.InsufficientCreditsException;
import dev.openrouter4j.langchain4j.exception.ModerationException;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.OpenRouterRateLimitException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import dev.openrouter4j.testkit.OpenRouterSchemas;
import dev.openrouter4j.testkit.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@link OpenRouterEmbeddingModel} end to end against the fake: wire format, batching, usage, errors, listeners. */
@ExtendWith(FakeOpenRouterExtension.class)
class OpenRouterEmbeddingModelTest {

    static final String KEY = StreamingChatModelTest.KEY;
    static final ObjectMapper JSON = new ObjectMapper();
    static FakeOpenRouter fake;

    @BeforeAll
    static void bind(FakeOpenRouter started) {
        fake = started; // one fake for the class, reset before each test by the extension
    }

    static OpenRouterEmbeddingModel.Builder builder() {
        return OpenRouterEmbeddingModel.builder().apiKey(KEY).baseUrl(fake.baseUrl())
                .modelName("openai/text-embedding-3-small").maxRetries(0).timeout(Duration.ofSeconds(10));
    }

    static List<JsonNode> sentBodies() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (RecordedRequest r : fake.requests()) {
            assertThat(r.path()).isEqualTo("/api/v1/embeddings");
            OpenRouterSchemas.assertValidRequest("/embeddings", r.body());
            out.add(JSON.readTree(r.body()));
        }
        return out;
    }

    @Test
    void embeds_with_usage_cost_and_similar_texts_closer() throws IOException {
        try (OpenRouterEmbeddingModel model = builder().dimensions(256).build()) {
            Response<List<Embedding>> r = model.embedAll(List.of(TextSegment.from("The cat sat on the mat"),
                    TextSegment.from("A cat was sitting on the mat"), TextSegment.from("Quarterly revenue grew")));
            List<Embedding> e = r.content();
            assertThat(e).hasSize(3).allSatisfy(x -> assertThat(x.dimension()).isEqualTo(256));
            assertThat(CosineSimilarity.between(e.get(0), e.get(1)))
                    .isGreaterThan(CosineSimilarity.between(e.get(0), e.get(2)) + 0.2);
            OpenRouterTokenUsage usage = (OpenRouterTokenUsage) r.tokenUsage();
            assertThat(usage.inputTokenCount()).isEqualTo(6 + 7 + 3);
            assertThat(usage.cost()).isEqualByComparingTo("0.00000032"); // 16 tokens at $0.02 per million
            assertThat(r.metadata()).containsEntry("provider", "OpenAI").containsKey("generation_ids");
            assertThat((java.math.BigDecimal) r.metadata().get("cost")).isEqualByComparingTo("0.00000032");
            assertThat(model.dimension()).isEqualTo(256);
        }
        JsonNode body = sentBodies().get(0);
        assertThat(body.path("model").asText()).isEqualTo("openai/text-embedding-3-small");
        assertThat(body.path("dimensions").asInt()).isEqualTo(256);
        assertThat(body.path("input")).hasSize(3);
        assertThat(fake.requests()).hasSize(1); // dimension() was known, no extra call
    }

    @Test
    void embed_all_is_split_into_batches_and_keeps_the_order() throws IOException {
        List<TextSegment> segments = IntStream.range(0, 25).mapToObj(i -> TextSegment.from("text number " + i))
                .toList();
        try (OpenRouterEmbeddingModel batched = builder().batchSize(10).build();
             OpenRouterEmbeddingModel single = builder().build()) {
            Response<List<Embedding>> r = batched.embedAll(segments);
            assertThat(r.content()).hasSize(25);
            assertThat(sentBodies()).extracting(b -> b.path("input").size()).containsExactly(10, 10, 5);
            assertThat((List<?>) r.metadata().get("generation_ids")).hasSize(3);
            OpenRouterTokenUsage sum = (OpenRouterTokenUsage) r.tokenUsage();
            fake.reset();
            Response<List<Embedding>> one = single.embedAll(segments);
            assertThat(fake.requests()).hasSize(1);
            for (int i = 0; i < 25; i++) {
                assertThat(r.content().get(i).vector()).containsExactly(one.content().get(i).vector());
            }
            assertThat(sum.cost()).isEqualByComparingTo(((OpenRouterTokenUsage) one.tokenUsage()).cost());
        }
    }

    @Test
    void vectors_are_placed_by_their_index_whatever_order_they_come_in() {
        fake.enqueue("/embeddings", FakeResponse.json(200, "{\"object\":\"list\",\"model\":\"m\",\"data\":["
                + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[0,1]},"
                + "{\"object\":\"embedding\",\"index\":0,\"embedding\":[1,0]}],"
                + "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
        try (OpenRouterEmbeddingModel model = builder().build()) {
            List<Embedding> e = model.embedAll(List.of(TextSegment.from("first"), TextSegment.from("second")))
                    .content();
            assertThat(e.get(0).vector()).containsExactly(1f, 0f);
            assertThat(e.get(1).vector()).containsExactly(0f, 1f);
        }
    }

    @Test
    void one_failing_batch_fails_the_call_and_names_the_batch() {
        List<TextSegment> segments = IntStream.range(0, 5).mapToObj(i -> TextSegment.from("t" + i)).toList();
        fake.enqueue("/embeddings", FakeResponse.json(200, "{\"object\":\"list\",\"model\":\"m\",\"data\":["
                        + "{\"object\":\"embedding\",\"index\":0,\"embedding\":[1]},"
                        + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[1]}]}"))
                .enqueue("/embeddings", FakeResponse.insufficientCredits());
        try (OpenRouterEmbeddingModel model = builder().batchSize(2).build()) {
            Throwable t = catchThrowable(() -> model.embedAll(segments));
            assertThat(t).isInstanceOf(InsufficientCreditsException.class)
                    .hasMessageStartingWith("batch 2 of 3 (inputs 2..3): ");
            assertThat(((InsufficientCreditsException) t).details().httpStatus()).isEqualTo(402);
        }
        assertThat(fake.requests()).hasSize(2); // the third batch was never sent
    }

    @Test
    void typed_errors_as_for_chat() {
        fake.enqueue("/embeddings", FakeResponse.moderation(List.of("harassment")))
                .enqueue("/embeddings", FakeResponse.rateLimited(3));
        try (OpenRouterEmbeddingModel model = builder().build()) {
            assertThatThrownBy(() -> model.embed("hi")).isInstanceOf(ModerationException.class);
            Throwable limited = catchThrowable(() -> model.embed("hi"));
            assertThat(limited).isInstanceOf(OpenRouterRateLimitException.class);
            assertThat(((OpenRouterRateLimitException) limited).retryAfter()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void rate_limits_are_retried_after_retry_after_and_a_stall_is_a_timeout() {
        fake.enqueue("/embeddings", FakeResponse.rateLimited(1)).enqueue("/embeddings", FakeResponse.error(503));
        try (OpenRouterEmbeddingModel model = builder().maxRetries(2).build()) {
            long t0 = System.nanoTime();
            assertThat(model.embed("hi").content().dimension()).isEqualTo(1536);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        assertThat(fake.requests()).hasSize(3);
        fake.reset();
        fake.enqueue("/embeddings", FakeResponse.stallBeforeHeaders(Duration.ofSeconds(30)));
        try (OpenRouterEmbeddingModel model = builder().maxRetries(2).timeout(Duration.ofMillis(500)).build()) {
            assertThatThrownBy(() -> model.embed("hi"))
                    .isInstanceOf(dev.openrouter4j.langchain4j.exception.OpenRouterTimeoutException.class);
        }
        assertThat(fake.requests()).as("a timeout may have been billed: not retried").hasSize(1);
    }

    @Test
    void an_unknown_model_is_reported_with_suggestions_from_the_catalog() throws IOException {
        OpenRouterModelCatalog catalog;
        try (OpenRouterModelCatalog remote = OpenRouterModelCatalog.builder().baseUrl(fake.baseUrl())
                .includeEmbeddingAndImageModels(true).build()) {
            catalog = OpenRouterModelCatalog.fromModels(remote.models());
        }
        try (OpenRouterEmbeddingModel model = builder().modelName("openai/text-embedding-3-smal").catalog(catalog)
                .build()) {
            Throwable t = catchThrowable(() -> model.embed("hi"));
            assertThat(t).isInstanceOf(OpenRouterModelNotFoundException.class);
            assertThat(((OpenRouterModelNotFoundException) t).suggestions()).contains("openai/text-embedding-3-small");
        }
    }

    @Test
    void query_and_document_input_types_and_base64_encoding_and_provider_preferences() throws IOException {
        try (OpenRouterEmbeddingModel model = builder().encodingFormat("base64").user("user-7")
                .provider(ProviderPreferences.builder().order(List.of("openai")).allowFallbacks(false).build())
                .build()) {
            EmbeddingResponse query = model.embed(EmbeddingRequest.builder().input("Paris")
                    .inputType(EmbeddingInputType.QUERY).build());
            EmbeddingResponse doc = model.embed(EmbeddingRequest.builder().input("Paris")
                    .inputType(EmbeddingInputType.DOCUMENT).build());
            assertThat(query.embeddings().get(0).dimension()).isEqualTo(1536);
            assertThat(CosineSimilarity.between(query.embeddings().get(0), doc.embeddings().get(0)))
                    .isLessThan(1.0).isGreaterThan(0.8);
            OpenRouterEmbeddingResponseMetadata m = (OpenRouterEmbeddingResponseMetadata) query.metadata();
            assertThat(m.cost()).isPositive();
            assertThat(m.provider()).isEqualTo("OpenAI");
            assertThat(m.generationIds()).singleElement().asString().startsWith("gen-");
        }
        List<JsonNode> bodies = sentBodies();
        assertThat(bodies.get(0).path("input_type").asText()).isEqualTo("search_query");
        assertThat(bodies.get(1).path("input_type").asText()).isEqualTo("search_document");
        assertThat(bodies.get(0).path("encoding_format").asText()).isEqualTo("base64");
        assertThat(bodies.get(0).path("user").asText()).isEqualTo("user-7");
        assertThat(bodies.get(0).path("provider").toString()).isEqualTo("{\"order\":[\"openai\"],\"allow_fallbacks\":false}");
    }

    @Test
    void listeners_are_called_once_per_call_with_the_request_and_the_response_or_error() {
        List<String> events = new CopyOnWriteArrayList<>();
        EmbeddingModelListener listener = new EmbeddingModelListener() {
            @Override
            public void onRequest(EmbeddingModelRequestContext ctx) {
                events.add("request " + ctx.textSegments().size());
                ctx.attributes().put("k", "v");
            }

            @Override
            public void onResponse(EmbeddingModelResponseContext ctx) {
                events.add("response " + ctx.embeddingResponse().embeddings().size() + " " + ctx.attributes().get("k"));
            }

            @Override
            public void onError(EmbeddingModelErrorContext ctx) {
                events.add("error " + ctx.error().getClass().getSimpleName() + " " + ctx.attributes().get("k"));
            }
        };
        fake.enqueue("/embeddings", FakeResponse.error(500));
        try (OpenRouterEmbeddingModel model = builder().batchSize(2).listeners(listener).build()) {
            assertThatThrownBy(() -> model.embed("x")).isInstanceOf(RuntimeException.class);
            model.embedAll(List.of(TextSegment.from("a"), TextSegment.from("b"), TextSegment.from("c")));
        }
        assertThat(events).containsExactly("request 1", "error OpenRouterServerException v", "request 3",
                "response 3 v"); // three batches, one notification pair
    }

    @Test
    void builder_problems_are_listed_and_the_key_never_shows() {
        assertThatThrownBy(() -> OpenRouterEmbeddingModel.builder().batchSize(0).dimensions(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey is required").hasMessageContaining("modelName is required")
                .hasMessageContaining("batchSize").hasMessageContaining("dimensions");
        try (OpenRouterEmbeddingModel model = builder().build()) {
            assertThat(model.toString()).doesNotContain(KEY).contains("openai/text-embedding-3-small");
        }
    }

    @Test
    void images_go_as_multimodal_input_when_enabled() throws IOException {
        try (OpenRouterEmbeddingModel model = builder().modelName("jina-ai/jina-embeddings-v4")
                .supportedContentTypes(java.util.Set.of(dev.langchain4j.data.message.ContentType.TEXT,
                        dev.langchain4j.data.message.ContentType.IMAGE)).build()) {
            EmbeddingResponse r = model.embed(EmbeddingRequest.builder().input(
                    dev.langchain4j.data.message.TextContent.from("a cat"),
                    dev.langchain4j.data.message.ImageContent.from("iVBORw0KGgo=", "image/png")).build());
            assertThat(r.embeddings().get(0).dimension()).isEqualTo(2048);
        }
        assertThat(sentBodies().get(0).path("input").toString()).isEqualTo("[{\"content\":[{\"type\":\"text\","
                + "\"text\":\"a cat\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
                + "iVBORw0KGgo=\"}}]}]");
    }
}
