package dev.openrouter4j.reliability;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call's failure or cancellation never breaks another call running at the same time on the same model: after a
 * stream ends, its connection may already be pooled and serving another call, so ending the stream must not close it.
 * Two fast reproductions (8 threads, 1,600 calls) of what the disabled soak shows.
 */
@ExtendWith(SecretScan.class)
class ConcurrentCallsIsolationTest {

    static final int THREADS = 8;
    static final int CALLS_PER_THREAD = 200;

    @Test
    void a_stream_failing_with_an_http_error_never_breaks_a_concurrent_call() throws Exception {
        run(false);
    }

    @Test
    void a_stream_cancelled_at_its_first_token_never_breaks_a_concurrent_call() throws Exception {
        run(true);
    }

    private void run(boolean cancel) throws Exception {
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        try (FakeOpenRouter fake = FakeOpenRouter.start();
             OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder().apiKey(Canary.KEY)
                     .baseUrl(fake.baseUrl()).modelName(FaultMatrix.MODEL).timeout(Duration.ofSeconds(5))
                     .maxRetries(0).build()) {
            CountDownLatch latch = new CountDownLatch(THREADS);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                new Thread(() -> {
                    try {
                        for (int i = 0; i < CALLS_PER_THREAD; i++) {
                            boolean disturbing = (thread + i) % 2 == 0;
                            ChatRequest.Builder rb = ChatRequest.builder().messages(UserMessage.from("call " + i));
                            if (disturbing && !cancel) {
                                rb.modelName("nonexistent/model");
                            }
                            TerminalHandler h = new TerminalHandler();
                            if (disturbing && cancel) {
                                h.onPartial = ctx -> ctx.streamingHandle().cancel();
                            }
                            model.chatWithHandle(rb.build(), h);
                            if (disturbing && cancel) {
                                continue; // its handler hears nothing more
                            }
                            Object o = h.outcome.get(10, TimeUnit.SECONDS);
                            boolean expected = disturbing ? o instanceof OpenRouterModelNotFoundException
                                    : o instanceof ChatResponse;
                            if (!expected) {
                                unexpected.add(String.valueOf(o));
                            }
                        }
                    } catch (Exception e) {
                        unexpected.add("thread died: " + e);
                    } finally {
                        latch.countDown();
                    }
                }, "isolation-" + t).start();
            }
            assertThat(latch.await(2, TimeUnit.MINUTES)).isTrue();
        }
        List<String> u = List.copyOf(unexpected);
        assertThat(u).as("calls broken by another call's end").isEmpty();
    }
}
