package dev.openrouter4j.langchain4j;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenRouterChatRequestParametersTest {

    private final OpenRouterChatRequestParameters defaults = OpenRouterChatRequestParameters.builder()
            .modelName("openai/gpt-4o-mini")
            .temperature(0.2)
            .fallbackModels("anthropic/claude-3-haiku")
            .provider(ProviderPreferences.builder().order("openai", "azure").allowFallbacks(false).build())
            .reasoning(Reasoning.ofEffort("low"))
            .plugins(OpenRouterPlugin.webSearch(), OpenRouterPlugin.contextCompression())
            .extraBody(Map.of("a", 1, "b", 2))
            .build();

    @Test
    void per_request_values_merge_key_by_key_with_defaults() {
        OpenRouterChatRequestParameters perRequest = OpenRouterChatRequestParameters.builder()
                .temperature(0.9)
                .provider(ProviderPreferences.builder().dataCollection("deny").build())
                .reasoning(new Reasoning(null, null, true, null))
                .plugins(OpenRouterPlugin.webSearch("exa", 3, null))
                .extraBody(Map.of("b", 20, "c", 30))
                .build();

        OpenRouterChatRequestParameters merged = defaults.overrideWith(perRequest);

        assertThat(merged.modelName()).isEqualTo("openai/gpt-4o-mini");
        assertThat(merged.temperature()).isEqualTo(0.9);
        assertThat(merged.fallbackModels()).containsExactly("anthropic/claude-3-haiku");
        assertThat(merged.provider().order()).containsExactly("openai", "azure");
        assertThat(merged.provider().allowFallbacks()).isFalse();
        assertThat(merged.provider().dataCollection()).isEqualTo("deny");
        assertThat(merged.reasoning()).isEqualTo(new Reasoning("low", null, true, null));
        assertThat(merged.plugins()).extracting(OpenRouterPlugin::id).containsExactly("context-compression", "web");
        assertThat(merged.plugins().get(1).options()).containsEntry("engine", "exa");
        assertThat(merged.extraBody()).containsEntry("a", 1).containsEntry("b", 20).containsEntry("c", 30);
    }

    @Test
    void openrouter_fields_survive_a_merge_with_plain_parameters_in_both_directions() {
        ToolSpecification tool = ToolSpecification.builder().name("add").build();
        ChatRequestParameters plain = DefaultChatRequestParameters.builder()
                .toolSpecifications(tool).responseFormat(ResponseFormat.JSON).build();

        ChatRequestParameters a = defaults.overrideWith(plain);
        ChatRequestParameters b = plain.overrideWith(defaults);
        ChatRequestParameters c = DefaultChatRequestParameters.EMPTY.overrideWith(defaults).overrideWith(plain);

        for (ChatRequestParameters merged : List.of(a, c)) {
            assertThat(merged).isInstanceOf(OpenRouterChatRequestParameters.class);
            OpenRouterChatRequestParameters p = (OpenRouterChatRequestParameters) merged;
            assertThat(p.toolSpecifications()).containsExactly(tool);
            assertThat(p.responseFormat()).isEqualTo(ResponseFormat.JSON);
            assertThat(p.fallbackModels()).containsExactly("anthropic/claude-3-haiku");
            assertThat(p.provider().order()).containsExactly("openai", "azure");
        }
        assertThat(b).isInstanceOf(OpenRouterChatRequestParameters.class);
        assertThat(((OpenRouterChatRequestParameters) b).plugins()).hasSize(2);
    }

    @Test
    void a_per_request_openai_parameters_object_is_mapped_not_dropped() {
        OpenAiChatRequestParameters openAi = OpenAiChatRequestParameters.builder()
                .seed(42).user("u-1").parallelToolCalls(false).reasoningEffort("high")
                .maxCompletionTokens(300).metadata(Map.of("k", "v"))
                .customParameters(Map.of("provider", Map.of("sort", "price"), "x_custom", true))
                .build();

        OpenRouterChatRequestParameters merged = defaults.overrideWith(openAi);

        assertThat(merged.seed()).isEqualTo(42);
        assertThat(merged.user()).isEqualTo("u-1");
        assertThat(merged.parallelToolCalls()).isFalse();
        assertThat(merged.reasoning().effort()).isEqualTo("high");
        assertThat(merged.maxOutputTokens()).isEqualTo(300);
        assertThat(merged.metadata()).containsEntry("k", "v");
        assertThat(merged.extraBody()).containsEntry("x_custom", true).containsKey("provider");
        assertThat(merged.modelName()).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void invalid_values_fail_with_a_message_naming_the_field() {
        assertThatThrownBy(() -> ProviderPreferences.builder().dataCollection("maybe"))
                .hasMessageContaining("provider.data_collection");
        assertThatThrownBy(() -> ProviderPreferences.builder().sort("cheapest"))
                .hasMessageContaining("provider.sort");
        assertThatThrownBy(() -> Reasoning.ofEffort("extreme")).hasMessageContaining("reasoning.effort");
        assertThatThrownBy(() -> new Reasoning("low", 100, null, null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> CacheControl.ephemeral("2h")).hasMessageContaining("cache_control.ttl");
        assertThatThrownBy(() -> OpenRouterChatRequestParameters.builder().verbosity("loud"))
                .hasMessageContaining("verbosity");
    }

    @Test
    void equal_parameters_are_equal() {
        assertThat(defaults.overrideWith(OpenRouterChatRequestParameters.EMPTY)).isEqualTo(defaults)
                .hasSameHashCodeAs(defaults);
    }
}
