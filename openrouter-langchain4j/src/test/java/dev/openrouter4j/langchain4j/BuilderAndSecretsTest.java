package dev.openrouter4j.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class BuilderAndSecretsTest {

    static final String CANARY = "sk-or-v1-test" + "c4a7a7c4a7a7c4a7a7c4a7a7c4a7a7c4a7a7c4a7a7c4a7a7c4a7a7c4a7";

    @Test
    void a_missing_key_fails_build_naming_the_key_and_the_variable() {
        assertThatThrownBy(() -> OpenRouterChatModel.builder().modelName("x/y").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiKey").hasMessageContaining("OPENROUTER_API_KEY");
        assertThatThrownBy(() -> OpenRouterStreamingChatModel.builder().apiKey("   ").build())
                .hasMessageContaining("apiKey");
    }

    @Test
    void bad_options_are_all_reported_and_never_echo_the_key() {
        Throwable e = catchThrowable(() -> OpenRouterChatModel.builder().apiKey(CANARY + "\n")
                .timeout(Duration.ZERO).maxRetries(-1).build());
        assertThat(e).hasMessageContaining("whitespace").hasMessageContaining("timeout")
                .hasMessageContaining("maxRetries");
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThatThrownBy(() -> OpenRouterChatModel.builder().apiKey(CANARY).baseUrl("ftp://x").build())
                .hasMessageContaining("baseUrl");
    }

    @Test
    void to_string_and_logs_mask_the_key() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (FakeOpenRouter fake = FakeOpenRouter.start();
             OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(CANARY).baseUrl(fake.baseUrl())
                     .modelName("openai/gpt-4o-mini").logRequests(true).logResponses(true).maxRetries(0).build();
             OpenRouterStreamingChatModel streaming = OpenRouterStreamingChatModel.builder().apiKey(CANARY)
                     .baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").logRequests(true)
                     .logResponses(true).build()) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(model.toString()).doesNotContain(CANARY).contains("sk-or-v1-****");
            assertThat(streaming.toString()).doesNotContain(CANARY);
            model.chat(ChatRequest.builder().messages(UserMessage.from("hello")).build());
            fake.enqueue(FakeResponse.unauthorized());
            Throwable e = catchThrowable(() -> model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("hello")).build()));
            assertThat(e.getMessage()).doesNotContain(CANARY);
            RecordingHandler h = new RecordingHandler();
            streaming.chat(ChatRequest.builder().messages(UserMessage.from("hello")).build(), h);
            h.awaitResponse(Duration.ofSeconds(5));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("OpenRouter request").contains("Bearer sk-or-v1-****");
        assertThat(logs).doesNotContain(CANARY);
    }

    @Test
    void a_closed_model_refuses_calls_at_once_instead_of_hanging() throws Exception {
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(CANARY).baseUrl(fake.baseUrl())
                    .modelName("openai/gpt-4o-mini").build();
            OpenRouterStreamingChatModel streaming = OpenRouterStreamingChatModel.builder().apiKey(CANARY)
                    .baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").build();
            ChatRequest hello = ChatRequest.builder().messages(UserMessage.from("hello")).build();
            model.chat(hello);
            model.close();
            streaming.close();
            assertThatThrownBy(() -> model.chat(hello)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            RecordingHandler h = new RecordingHandler();
            streaming.chat(hello, h);
            assertThat(h.awaitError(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }
}
