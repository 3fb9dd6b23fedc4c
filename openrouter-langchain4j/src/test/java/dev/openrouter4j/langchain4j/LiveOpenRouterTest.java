package dev.openrouter4j.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A smoke test against the real OpenRouter. Runs only with {@code mvn verify -Plive} and {@code OPENROUTER_API_KEY}
 * set; skipped otherwise. Uses a cheap model and {@code max_tokens} 16.
 */
@Tag("live")
@EnabledIfEnvironmentVariable(named = "OPENROUTER_API_KEY", matches = "sk-or-.+")
class LiveOpenRouterTest {

    private static final String MODEL = System.getenv().getOrDefault("OPENROUTER_LIVE_MODEL", "openai/gpt-4o-mini");

    private static ChatRequest ask() {
        return ChatRequest.builder().messages(UserMessage.from("Say hello in three words.")).build();
    }

    @Test
    void sync_call_reports_cost_provider_and_generation() {
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(System.getenv("OPENROUTER_API_KEY"))
                .modelName(MODEL).maxTokens(16).appTitle("openrouter4j live test").build()) {
            ChatResponse r = model.chat(ask());
            OpenRouterChatResponseMetadata m = (OpenRouterChatResponseMetadata) r.metadata();
            assertThat(r.aiMessage().text()).isNotBlank();
            assertThat(m.generationId()).startsWith("gen-");
            assertThat(m.provider()).isNotBlank();
            assertThat(m.cost()).isNotNull();
        }
    }

    @Test
    void stream_reports_usage_and_cost() throws Exception {
        try (OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder()
                .apiKey(System.getenv("OPENROUTER_API_KEY")).modelName(MODEL).maxTokens(16).build()) {
            RecordingHandler h = new RecordingHandler();
            model.chat(ask(), h);
            ChatResponse r = h.awaitResponse(Duration.ofSeconds(60));
            assertThat(h.text()).isNotBlank();
            assertThat(((OpenRouterChatResponseMetadata) r.metadata()).tokenUsage().outputTokenCount()).isPositive();
        }
    }

    @Test
    void a_retired_model_id_fails_with_model_not_found() {
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(System.getenv("OPENROUTER_API_KEY"))
                .modelName("openai/no-such-model-openrouter4j").maxTokens(16).build()) {
            assertThatThrownBy(() -> model.chat(ask())).isInstanceOf(OpenRouterModelNotFoundException.class);
        }
    }
}
