package dev.openrouter4j.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenRouter's extras survive LangChain4j's AI Services, including a tool loop: usage and cost are summed. */
class AiServicesTest {

    static FakeOpenRouter fake;

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    interface Assistant {
        Result<String> chat(String message);
    }

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    static class Calculator {
        final AtomicInteger calls = new AtomicInteger();

        @Tool("adds two numbers")
        int add(int a, int b) {
            calls.incrementAndGet();
            return a + b;
        }
    }

    @Test
    void a_tool_loop_keeps_openrouter_metadata_and_sums_usage_and_cost() {
        fake.reset();
        Calculator calculator = new Calculator();
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(StreamingChatModelTest.KEY)
                .baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").build()) {
            Assistant assistant = AiServices.builder(Assistant.class).chatModel(model).tools(calculator).build();
            Result<String> result = assistant.chat("What is 2 + 3?");

            assertThat(calculator.calls).hasValue(1);
            assertThat(result.content()).isNotBlank();
            ChatResponse last = result.finalResponse();
            assertThat(last.metadata()).isInstanceOf(OpenRouterChatResponseMetadata.class);
            OpenRouterTokenUsage total = (OpenRouterTokenUsage) result.tokenUsage();
            BigDecimal sumOfCalls = result.intermediateResponses().stream()
                    .map(r -> ((OpenRouterChatResponseMetadata) r.metadata()).tokenUsage().cost())
                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                    .add(((OpenRouterTokenUsage) last.metadata().tokenUsage()).cost());
            assertThat(result.intermediateResponses()).isNotEmpty();
            assertThat(total.cost()).isEqualByComparingTo(sumOfCalls).isPositive();
        }
    }

    @Test
    void streaming_ai_service_completes_with_openrouter_metadata() throws Exception {
        fake.reset();
        Calculator calculator = new Calculator();
        try (OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder()
                .apiKey(StreamingChatModelTest.KEY).baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini")
                .build()) {
            StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class).streamingChatModel(model)
                    .tools(calculator).build();
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            StringBuilder text = new StringBuilder();
            assistant.chat("What is 2 + 3?")
                    .onPartialResponse(text::append)
                    .onCompleteResponse(done::complete)
                    .onError(done::completeExceptionally)
                    .start();
            ChatResponse r = done.get(10, TimeUnit.SECONDS);
            assertThat(calculator.calls).hasValue(1);
            assertThat(r.metadata()).isInstanceOf(OpenRouterChatResponseMetadata.class);
            assertThat(((OpenRouterChatResponseMetadata) r.metadata()).cost()).isPositive();
            assertThat(text).isNotEmpty();
        }
    }
}
