package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class OpenRouterTokenUsageTest {

    private final OpenRouterTokenUsage first = new OpenRouterTokenUsage(100, 20, null, 40, 5, 7,
            new BigDecimal("0.00019325"), null);
    private final OpenRouterTokenUsage second = new OpenRouterTokenUsage(50, 10, 60, null, null, 3,
            new BigDecimal("0.000669"), new BigDecimal("0.0001"));

    @Test
    void adds_every_count_and_the_cost_exactly() {
        OpenRouterTokenUsage sum = (OpenRouterTokenUsage) first.add(second);
        assertThat(sum.inputTokenCount()).isEqualTo(150);
        assertThat(sum.outputTokenCount()).isEqualTo(30);
        assertThat(sum.totalTokenCount()).isEqualTo(180);
        assertThat(sum.cachedTokens()).isEqualTo(40);
        assertThat(sum.cacheWriteTokens()).isEqualTo(5);
        assertThat(sum.reasoningTokens()).isEqualTo(10);
        assertThat(sum.cost()).isEqualByComparingTo("0.00086225");
        assertThat(sum.upstreamInferenceCost()).isEqualByComparingTo("0.0001");
    }

    @Test
    void plain_usage_plus_openrouter_usage_keeps_the_extras_whichever_side() {
        TokenUsage plain = new TokenUsage(1, 2);
        assertThat(plain.add(first)).isInstanceOf(OpenRouterTokenUsage.class);
        assertThat(TokenUsage.sum(plain, first)).isInstanceOf(OpenRouterTokenUsage.class);
        assertThat(((OpenRouterTokenUsage) first.add(plain)).cost()).isEqualByComparingTo("0.00019325");
        assertThat(first.add(plain).inputTokenCount()).isEqualTo(101);
    }

    @Test
    void metadata_survives_ai_services_rebuild_and_reports_the_summed_cost() {
        OpenRouterChatResponseMetadata last = OpenRouterChatResponseMetadata.builder()
                .id("gen-2").modelName("openai/gpt-5-mini-2025-08-07").provider("OpenAI")
                .tokenUsage(second).cost(second.cost()).finishReason(FinishReason.STOP)
                .nativeFinishReason("completed").byok(false).build();

        // what AiServices does after a tool loop: toBuilder() with the summed usage
        ChatResponseMetadata rebuilt = last.toBuilder().tokenUsage(first.add(last.tokenUsage())).build();

        assertThat(rebuilt).isInstanceOf(OpenRouterChatResponseMetadata.class);
        OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) rebuilt;
        assertThat(m.provider()).isEqualTo("OpenAI");
        assertThat(m.generationId()).isEqualTo("gen-2");
        assertThat(m.nativeFinishReason()).isEqualTo("completed");
        assertThat(m.cost()).isEqualByComparingTo("0.00086225");
        assertThat(m.tokenUsage().inputTokenCount()).isEqualTo(150);
    }
}
