package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.common.AbstractChatModelListenerIT;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** LangChain4j's own listener contract for chat models, run against the fake OpenRouter. */
class ChatModelListenerContractTest extends AbstractChatModelListenerIT {

    static FakeOpenRouter fake;

    @BeforeAll
    static void start() {
        fake = FakeOpenRouter.start();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Override
    protected ChatModel createModel(ChatModelListener listener) {
        return OpenRouterChatModel.builder().apiKey(StreamingChatModelTest.KEY).baseUrl(fake.baseUrl())
                .modelName(modelName()).temperature(temperature()).topP(topP()).maxTokens(maxTokens())
                .listeners(listener).build();
    }

    @Override
    protected String modelName() {
        return "openai/gpt-4o-mini";
    }

    @Override
    protected ChatModel createFailingModel(ChatModelListener listener) {
        return OpenRouterChatModel.builder().apiKey(StreamingChatModelTest.KEY).baseUrl(fake.baseUrl())
                .modelName("banana/not-a-model").maxRetries(0).listeners(listener).build();
    }

    @Override
    protected Class<? extends Exception> expectedExceptionClass() {
        return OpenRouterModelNotFoundException.class;
    }
}
