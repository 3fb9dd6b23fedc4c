package dev.openrouter4j.reliability;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finished call is released at once, not when its timeout would have fired: with the default 60 s timeout and a
 * thousand calls a second, anything else keeps sixty thousand finished calls (bodies included) in memory.
 * <p>
 * Each test first makes a small call, so that the pooled connection the 10 MB answer then reuses was opened by a
 * small exchange (JDK 17 keeps the exchange that opened a pooled connection reachable from it).
 */
@ExtendWith(SecretScan.class)
class CompletedCallsAreReleasedTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final long TOLERANCE = 5L * 1024 * 1024;

    @Test
    void a_finished_ten_megabyte_sync_call_is_released_at_once() {
        try (FakeOpenRouter fake = FakeOpenRouter.start();
             OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(Canary.KEY).baseUrl(fake.baseUrl())
                     .modelName(FaultMatrix.MODEL).timeout(TIMEOUT).build()) {
            model.chat(ask("warm up"));
            long before = Heap.usedAfterGc();
            fake.enqueue(FakeResponse.large(FaultMatrix.LARGE));
            assertThat(model.chat(ask("large")).aiMessage().text().length()).isGreaterThanOrEqualTo(FaultMatrix.LARGE);
            long after = Heap.usedAfterGc();
            System.out.printf("[release] sync: heap %s before, %s after a finished 10 MB call%n", Heap.mb(before),
                    Heap.mb(after));
            assertThat(after - before).as("heap still held by the finished call").isLessThan(TOLERANCE);
        }
    }

    @Test
    void a_finished_ten_megabyte_stream_is_released_at_once() throws Exception {
        try (FakeOpenRouter fake = FakeOpenRouter.start();
             OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder().apiKey(Canary.KEY)
                     .baseUrl(fake.baseUrl()).modelName(FaultMatrix.MODEL).timeout(TIMEOUT).build()) {
            TerminalHandler warmUp = new TerminalHandler();
            model.chat(ask("warm up"), warmUp);
            warmUp.outcome.get(5, TimeUnit.SECONDS);
            long before = Heap.usedAfterGc();
            fake.enqueue(FakeResponse.large(FaultMatrix.LARGE));
            TerminalHandler h = new TerminalHandler();
            model.chat(ask("large"), h);
            Object o = h.outcome.get(30, TimeUnit.SECONDS);
            assertThat(((ChatResponse) o).aiMessage().text().length()).isGreaterThanOrEqualTo(FaultMatrix.LARGE);
            o = null;
            h = null;
            long after = Heap.usedAfterGc();
            System.out.printf("[release] stream: heap %s before, %s after a finished 10 MB stream%n",
                    Heap.mb(before), Heap.mb(after));
            assertThat(after - before).as("heap still held by the finished stream").isLessThan(TOLERANCE);
        }
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }
}
