package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.catalog.ModelType;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog lists embedding and image models with their LangChain4j type and prices when asked to. */
class OpenRouterModelCatalogKindsTest {

    static FakeOpenRouter fake;

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void lists_embedding_and_image_models_with_their_type_and_price() {
        try (OpenRouterModelCatalog catalog = OpenRouterModelCatalog.builder().baseUrl(fake.baseUrl())
                .includeEmbeddingAndImageModels(true).build()) {
            Map<String, ModelType> types = catalog.listModels().stream()
                    .collect(Collectors.toMap(ModelDescription::name, ModelDescription::type));
            assertThat(types).containsEntry("openai/text-embedding-3-small", ModelType.EMBEDDING)
                    .containsEntry("bytedance-seed/seedream-4.5", ModelType.IMAGE_GENERATION)
                    .containsEntry("openai/gpt-4o-mini", ModelType.CHAT);
            OpenRouterModelInfo embedding = catalog.find("openai/text-embedding-3-small").orElseThrow();
            assertThat(embedding.pricing().prompt()).isEqualByComparingTo("0.00000002");
            assertThat(embedding.outputModalities()).containsExactly("embeddings");
            assertThat(catalog.find("jina-ai/jina-embeddings-v4").orElseThrow().inputModalities())
                    .containsExactly("text", "image");
            List<OpenRouterImagePrice> prices = catalog.imagePricing("bytedance-seed/seedream-4.5");
            assertThat(prices).singleElement().satisfies(p -> {
                assertThat(p.billable()).isEqualTo("output_image");
                assertThat(p.unit()).isEqualTo("image");
                assertThat(p.costUsd()).isEqualByComparingTo("0.04");
                assertThat(p.provider()).isEqualTo("Seed");
            });
            assertThatThrownBy(() -> catalog.imagePricing("nobody/nothing")).isInstanceOf(OpenRouterFailure.class);
            assertThatThrownBy(() -> catalog.imagePricing("../key")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void by_default_only_the_chat_listing_is_fetched() {
        fake.reset();
        try (OpenRouterModelCatalog catalog = OpenRouterModelCatalog.builder().baseUrl(fake.baseUrl()).build()) {
            assertThat(catalog.find("openai/text-embedding-3-small")).isEmpty();
            assertThat(fake.requests()).extracting(r -> r.path()).containsExactly("/api/v1/models");
        }
    }
}
