package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.catalog.ModelType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing, lookups and suggestions over the real 356-model /models snapshot (no network). */
class OpenRouterModelCatalogOfflineTest {

    static String json;
    static OpenRouterModelCatalog catalog;

    @BeforeAll
    static void load() throws IOException {
        json = resource("/models-2026-05.json");
        catalog = OpenRouterModelCatalog.fromJson(json);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = OpenRouterModelCatalogOfflineTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static OpenRouterModelInfo model(String id) {
        return catalog.models().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    // ---- parsing

    @Test
    void parses_all_356_models_in_response_order() {
        List<OpenRouterModelInfo> models = catalog.models();
        assertThat(models).hasSize(356);
        assertThat(models.get(0).id()).isEqualTo("anthropic/claude-opus-4.7-fast");
        assertThat(models).extracting(OpenRouterModelInfo::id).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
        assertThat(models).allMatch(m -> m.pricing() != null && m.pricing().prompt() != null
                && m.pricing().completion() != null);
    }

    @Test
    void parses_the_fields_of_one_model() {
        OpenRouterModelInfo m = model("openai/gpt-5-mini");
        assertThat(m.canonicalSlug()).isEqualTo("openai/gpt-5-mini-2025-08-07");
        assertThat(m.name()).isEqualTo("OpenAI: GPT-5 Mini");
        assertThat(m.description()).isNotBlank();
        assertThat(m.created()).isEqualTo(Instant.ofEpochSecond(1754587407));
        assertThat(m.contextLength()).isEqualTo(400_000);
        assertThat(m.maxCompletionTokens()).isEqualTo(128_000);
        assertThat(m.inputModalities()).containsExactly("text", "image", "file");
        assertThat(m.outputModalities()).containsExactly("text");
        assertThat(m.supportedParameters()).contains("reasoning", "max_completion_tokens");
        assertThat(m.supports("response_format")).isTrue();
        assertThat(m.supports("logit_bias")).isFalse();
        assertThat(m.supports(null)).isFalse();
        assertThat(m.author()).isEqualTo("openai");
    }

    @Test
    void prices_are_exact_decimals_from_the_json_text() {
        OpenRouterModelPricing p = model("openai/gpt-4o-mini").pricing();
        assertThat(p.prompt()).isEqualByComparingTo(new BigDecimal("0.00000015"));
        assertThat(p.prompt().toPlainString()).isEqualTo("0.00000015");
        assertThat(p.completion()).isEqualByComparingTo("0.0000006");
        assertThat(p.inputCacheRead()).isEqualByComparingTo("0.000000075");
        // 0.00000015 has no exact double; a double round-trip would not give this scale and unscaled value
        assertThat(p.prompt().scale()).isEqualTo(8);
        assertThat(p.prompt().unscaledValue().intValue()).isEqualTo(15);

        OpenRouterModelPricing opus = model("anthropic/claude-opus-4.7").pricing();
        assertThat(opus.webSearch()).isEqualByComparingTo("0.01");
        assertThat(opus.inputCacheWrite()).isEqualByComparingTo("0.00000625");
        assertThat(opus.isDynamic()).isFalse();
        assertThat(opus.isFree()).isFalse();
    }

    @Test
    void missing_price_keys_are_null_not_zero() {
        OpenRouterModelPricing p = model("openai/gpt-4o").pricing();
        assertThat(p.request()).isNull();
        assertThat(p.image()).isNull();
        assertThat(p.webSearch()).isNull();
        assertThat(p.internalReasoning()).isNull();
        assertThat(p.inputCacheRead()).isNull();
        assertThat(p.inputCacheWrite()).isNull();
    }

    @Test
    void minus_one_stays_minus_one_and_means_dynamic() {
        OpenRouterModelInfo auto = model("openrouter/auto");
        assertThat(auto.pricing().prompt()).isEqualByComparingTo("-1");
        assertThat(auto.pricing().completion()).isEqualByComparingTo("-1");
        assertThat(auto.pricing().isDynamic()).isTrue();
        assertThat(auto.pricing().isFree()).isFalse();
        assertThat(auto.maxCompletionTokens()).isNull();
        assertThat(catalog.models().stream().filter(m -> m.pricing().isDynamic()).map(OpenRouterModelInfo::id))
                .contains("openrouter/auto").allMatch(id -> id.startsWith("openrouter/") || id.startsWith("~"));
    }

    @Test
    void free_variants_are_free() {
        OpenRouterModelInfo free = model("meta-llama/llama-3.3-70b-instruct:free");
        assertThat(free.pricing().isFree()).isTrue();
        assertThat(free.pricing().isDynamic()).isFalse();
        assertThat(free.maxCompletionTokens()).isNull();
        assertThat(model("meta-llama/llama-3.3-70b-instruct").pricing().isFree()).isFalse();
        assertThat(OpenRouterModelPricing.unknown().isFree()).isFalse();
        assertThat(OpenRouterModelPricing.unknown().isDynamic()).isFalse();
    }

    @Test
    void parsing_is_lenient_about_absent_null_and_odd_fields() {
        OpenRouterModelCatalog c = OpenRouterModelCatalog.fromJson("""
                {"data":[
                  {"id":"a/bare"},
                  {"id":"b/nulls","canonical_slug":null,"name":null,"created":null,"context_length":null,
                   "architecture":null,"pricing":null,"top_provider":null,"supported_parameters":null},
                  {"id":"c/odd","created":"1700000000","context_length":8192.0,"pricing":{"prompt":"abc","completion":0.5},
                   "architecture":{"input_modalities":["text",null],"output_modalities":[]},"extra":{"x":[1,2]}},
                  {"name":"no id"}, 42
                ],"links":{}}""");
        assertThat(c.models()).extracting(OpenRouterModelInfo::id).containsExactly("a/bare", "b/nulls", "c/odd");
        OpenRouterModelInfo bare = c.models().get(0);
        assertThat(bare.name()).isNull();
        assertThat(bare.created()).isNull();
        assertThat(bare.contextLength()).isNull();
        assertThat(bare.supportedParameters()).isEmpty();
        assertThat(bare.inputModalities()).isEmpty();
        assertThat(bare.pricing()).isEqualTo(OpenRouterModelPricing.unknown());
        OpenRouterModelInfo odd = c.models().get(2);
        assertThat(odd.created()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
        assertThat(odd.contextLength()).isEqualTo(8192);
        assertThat(odd.pricing().prompt()).isNull();
        assertThat(odd.pricing().completion()).isEqualByComparingTo("0.5");
        assertThat(odd.inputModalities()).containsExactly("text");
    }

    @Test
    void rejects_a_body_that_is_not_a_models_response() {
        assertThatThrownBy(() -> OpenRouterModelCatalog.fromJson("{\"error\":{\"code\":500}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> OpenRouterModelCatalog.fromJson("<html>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }

    // ---- listModels

    @Test
    void lists_models_as_langchain4j_descriptions() {
        List<ModelDescription> list = catalog.listModels();
        assertThat(list).hasSize(356);
        assertThat(catalog.provider()).isEqualTo(ModelProvider.OTHER);
        Map<String, ModelDescription> byName = list.stream()
                .collect(Collectors.toMap(ModelDescription::name, Function.identity()));

        ModelDescription d = byName.get("openai/gpt-5-mini");
        assertThat(d.displayName()).isEqualTo("OpenAI: GPT-5 Mini");
        assertThat(d.description()).isEqualTo(model("openai/gpt-5-mini").description());
        assertThat(d.provider()).isEqualTo(ModelProvider.OTHER);
        assertThat(d.type()).isEqualTo(ModelType.CHAT);
        assertThat(d.maxInputTokens()).isEqualTo(400_000);
        assertThat(d.maxOutputTokens()).isEqualTo(128_000);
        assertThat(d.createdAt()).isEqualTo(Instant.ofEpochSecond(1754587407));
        assertThat(d.owner()).isEqualTo("openai");

        assertThat(byName.get("~anthropic/claude-opus-latest").owner()).isEqualTo("anthropic");
        assertThat(byName.get("openrouter/auto").maxOutputTokens()).isNull();
        assertThat(list).allMatch(m -> m.type() == ModelType.CHAT); // every model of the snapshot writes text
    }

    @Test
    void model_type_follows_the_output_modalities() {
        assertThat(OpenRouterModelCatalog.typeOf(List.of())).isEqualTo(ModelType.CHAT);
        assertThat(OpenRouterModelCatalog.typeOf(List.of("image", "text"))).isEqualTo(ModelType.CHAT);
        assertThat(OpenRouterModelCatalog.typeOf(List.of("embeddings"))).isEqualTo(ModelType.EMBEDDING);
        assertThat(OpenRouterModelCatalog.typeOf(List.of("image"))).isEqualTo(ModelType.IMAGE_GENERATION);
        assertThat(OpenRouterModelCatalog.typeOf(List.of("audio"))).isEqualTo(ModelType.AUDIO_GENERATION);
        assertThat(OpenRouterModelCatalog.typeOf(List.of("video"))).isEqualTo(ModelType.OTHER);
    }

    // ---- find

    private static Optional<String> find(String q) {
        return catalog.find(q).map(OpenRouterModelInfo::id);
    }

    @Test
    void finds_by_exact_id_case_insensitively() {
        assertThat(find("openai/gpt-4o-mini")).contains("openai/gpt-4o-mini");
        assertThat(find("  OpenAI/GPT-4o-Mini ")).contains("openai/gpt-4o-mini");
        assertThat(find("meta-llama/llama-3.3-70b-instruct:free")).contains("meta-llama/llama-3.3-70b-instruct:free");
        assertThat(find("~anthropic/claude-sonnet-latest")).contains("~anthropic/claude-sonnet-latest");
        assertThat(find("qwen/qwen-plus-2025-07-28:thinking")).contains("qwen/qwen-plus-2025-07-28:thinking");
    }

    @Test
    void finds_by_canonical_slug_as_responses_name_models() {
        assertThat(find("openai/gpt-5-mini-2025-08-07")).contains("openai/gpt-5-mini");
        assertThat(find("anthropic/claude-4.7-opus-20260416")).contains("anthropic/claude-opus-4.7");
        // a slug shared by a model and its :free variant resolves to the model itself
        assertThat(find("deepseek/deepseek-v4-flash-20260423")).contains("deepseek/deepseek-v4-flash");
    }

    @Test
    void ignores_a_variant_suffix_that_is_not_listed_itself() {
        assertThat(find("openai/gpt-4o-mini:free")).contains("openai/gpt-4o-mini");
        assertThat(find("anthropic/claude-sonnet-4.5:thinking")).contains("anthropic/claude-sonnet-4.5");
        assertThat(find("openai/gpt-4o:nitro")).contains("openai/gpt-4o");
        assertThat(find("openai/gpt-4o:floor")).contains("openai/gpt-4o");
        assertThat(find("openai/gpt-4o:EXACTO")).contains("openai/gpt-4o");
        assertThat(find("openai/gpt-4o:extended")).contains("openai/gpt-4o");
        assertThat(find("openai/gpt-4o:online")).contains("openai/gpt-4o");
        assertThat(find("openai/gpt-4o:unknown-variant")).isEmpty();
    }

    @Test
    void finds_a_dated_slug_by_its_undated_id() {
        assertThat(find("openai/gpt-4o-mini-2030-01-01")).contains("openai/gpt-4o-mini");
        assertThat(find("openai/gpt-5-mini-20250807")).contains("openai/gpt-5-mini");
        assertThat(find("openai/gpt-5-mini-2025-08-07:free")).contains("openai/gpt-5-mini");
        // an unknown date of a known dated slug family
        assertThat(find("anthropic/claude-4.7-opus-20260101")).contains("anthropic/claude-opus-4.7");
        // ids that are themselves listed win over any date stripping
        assertThat(find("openai/gpt-4o-2024-08-06")).contains("openai/gpt-4o-2024-08-06");
    }

    @Test
    void finds_nothing_for_unknown_or_empty_names() {
        assertThat(find("google/gemini-pro")).isEmpty();
        assertThat(find("anthropic/claude-3-opus")).isEmpty();
        assertThat(find("")).isEmpty();
        assertThat(find(null)).isEmpty();
        assertThat(find("-2025-01-01")).isEmpty();
    }

    // ---- suggest

    @Test
    void suggests_same_family_models_for_retired_ids() {
        assertThat(catalog.suggest("google/gemini-pro", 5)).hasSize(5)
                .allMatch(id -> id.contains("google/gemini") && id.contains("pro"))
                .contains("google/gemini-2.5-pro");
        assertThat(catalog.suggest("anthropic/claude-3-opus", 3)).hasSize(3)
                .allMatch(id -> id.startsWith("anthropic/claude-opus-4"));
        assertThat(catalog.suggest("anthropic/claude-3-sonnet", 3))
                .allMatch(id -> id.contains("anthropic/claude-sonnet"));
        assertThat(catalog.suggest("google/gemini-pro-1.5", 3)).allMatch(id -> id.contains("google/gemini"));
        assertThat(catalog.suggest("openai/gpt-3.5-turbo-1106", 3)).allMatch(id -> id.startsWith("openai/gpt-3.5-turbo"));
        assertThat(catalog.suggest("perplexity/llama-3-sonar-large-32k-online", 1)).containsExactly("perplexity/sonar");
    }

    @Test
    void suggests_the_near_spelling_first() {
        assertThat(catalog.suggest("openai/gpt-4-turbo-previe", 3))
                .startsWith("openai/gpt-4-turbo-preview", "openai/gpt-4-turbo");
        assertThat(catalog.suggest("openai/gtp-4o-mini", 1)).containsExactly("openai/gpt-4o-mini");
        assertThat(catalog.suggest("gpt-4o", 3)).startsWith("openai/gpt-4o").contains("openai/gpt-4o-mini");
        assertThat(catalog.suggest("mistralai/mistral-7b-instruct", 1))
                .containsExactly("mistralai/mistral-7b-instruct-v0.1");
    }

    @Test
    void suggests_a_resolvable_name_first() {
        assertThat(catalog.suggest("openai/gpt-5-mini-2025-08-07", 3)).first().isEqualTo("openai/gpt-5-mini");
        assertThat(catalog.suggest("OPENAI/GPT-4O", 1)).containsExactly("openai/gpt-4o");
    }

    @Test
    void suggestions_are_deterministic_limited_and_skip_duplicate_variants() {
        List<String> first = catalog.suggest("meta-llama/llama-3-70b", 6);
        assertThat(first).hasSize(6).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("meta-llama/llama-"))
                .noneMatch(id -> id.endsWith(":free"));
        assertThat(first.subList(0, 3)).containsExactly("meta-llama/llama-3-70b-instruct",
                "meta-llama/llama-3.3-70b-instruct", "meta-llama/llama-3.1-70b-instruct");
        for (int i = 0; i < 5; i++) {
            assertThat(catalog.suggest("meta-llama/llama-3-70b", 6)).isEqualTo(first);
            assertThat(OpenRouterModelCatalog.fromJson(json).suggest("meta-llama/llama-3-70b", 6)).isEqualTo(first);
        }
        assertThat(catalog.suggest("meta-llama/llama-3.3-70b-instruct:nitro", 2))
                .first().isEqualTo("meta-llama/llama-3.3-70b-instruct");
        assertThat(catalog.suggest("meta-llama/llama-9-70b-instruct:free", 3))
                .anyMatch(id -> id.endsWith(":free"));
    }

    @Test
    void suggests_nothing_for_unrelated_or_empty_input() {
        assertThat(catalog.suggest("xyz/qqqqqqq", 5)).isEmpty();
        assertThat(catalog.suggest("", 5)).isEmpty();
        assertThat(catalog.suggest(null, 5)).isEmpty();
        assertThat(catalog.suggest("google/gemini-pro", 0)).isEmpty();
    }

    // ---- offline catalogs

    @Test
    void from_models_builds_an_offline_catalog() {
        OpenRouterModelInfo info = new OpenRouterModelInfo("acme/model-1", "acme/model-1-20250101", "Acme 1",
                null, null, 1000, 100, List.of("tools"), List.of("text"), List.of("text"),
                new OpenRouterModelPricing(new BigDecimal("0"), new BigDecimal("0"), null, null, null, null,
                        null, null));
        try (OpenRouterModelCatalog c = OpenRouterModelCatalog.fromModels(List.of(info))) {
            c.refresh(); // no-op offline
            assertThat(c.models()).containsExactly(info);
            assertThat(c.find("ACME/model-1-20250101")).contains(info);
            assertThat(c.listModels()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("acme/model-1");
                assertThat(d.owner()).isEqualTo("acme");
            });
            assertThat(info.pricing().isFree()).isTrue();
            assertThat(c.toString()).contains("offline");
        }
    }

    @Test
    void model_info_is_immutable() {
        List<String> params = new java.util.ArrayList<>(List.of("tools"));
        OpenRouterModelInfo info = new OpenRouterModelInfo("a/b", null, null, null, null, null, null, params,
                null, null, null);
        params.add("seed");
        assertThat(info.supportedParameters()).containsExactly("tools");
        assertThat(info.inputModalities()).isEmpty();
        assertThat(info.pricing()).isEqualTo(OpenRouterModelPricing.unknown());
        assertThatThrownBy(() -> info.supportedParameters().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new OpenRouterModelInfo(null, null, null, null, null, null, null, null, null,
                null, null)).isInstanceOf(NullPointerException.class);
        assertThat(new OpenRouterModelInfo("noslash", null, null, null, null, null, null, null, null, null, null)
                .author()).isNull();
    }
}
