package dev.openrouter4j.reliability;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.OpenRouterTransport;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thread count of the library and its HTTP client under load (every model streaming 40 slow answers at once),
 * for 1 model, 10 models each with its own transport, and 10 models sharing one {@link OpenRouterTransport}: shared,
 * ten models use no more threads than one. The measured numbers are printed for the README.
 */
@ExtendWith(SecretScan.class)
class SharedTransportThreadsTest {

    static final int STREAMS_PER_MODEL = 40;

    @Test
    void ten_models_on_a_shared_transport_use_the_threads_of_one() throws Exception {
        int one = peakThreads(1, false);
        int tenOwn = peakThreads(10, false);
        int tenShared = peakThreads(10, true);
        System.out.printf("library + HTTP client threads under load: 1 model %d, 10 models %d, 10 models sharing"
                + " one OpenRouterTransport %d%n", one, tenOwn, tenShared);
        int perTransport = 2 + 16 + 1 + 1; // http, callback, timer, the JDK client's selector
        assertThat(one).isBetween(1, perTransport);
        assertThat(tenShared).isBetween(1, perTransport);
        assertThat(tenOwn).as("ten transports").isGreaterThan(perTransport);
    }

    private static int peakThreads(int models, boolean shared) throws Exception {
        int baseline = LibraryThreads.baseline();
        AtomicInteger peak = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(LibraryThreads.count() - baseline, Math::max);
                LibraryThreads.sleep(5);
            }
        }, "thread-sampler");
        OpenRouterTransport transport = shared ? OpenRouterTransport.builder().build() : null;
        List<OpenRouterStreamingChatModel> built = new ArrayList<>();
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            for (int i = 0; i < models * STREAMS_PER_MODEL; i++) {
                fake.enqueue(FakeResponse.dribble(10, Duration.ofMillis(50)));
            }
            sampler.start();
            List<TerminalHandler> handlers = new ArrayList<>();
            for (int m = 0; m < models; m++) {
                OpenRouterStreamingChatModel.Builder b = OpenRouterStreamingChatModel.builder().apiKey(Canary.KEY)
                        .baseUrl(fake.baseUrl()).modelName(FaultMatrix.MODEL).timeout(Duration.ofSeconds(10));
                OpenRouterStreamingChatModel model = (shared ? b.transport(transport) : b).build();
                built.add(model);
                for (int i = 0; i < STREAMS_PER_MODEL; i++) {
                    TerminalHandler h = new TerminalHandler();
                    // a slow handler keeps callback threads busy, so each pool grows to its limit
                    h.onPartial = ctx -> LibraryThreads.sleep(2);
                    model.chat(ChatRequest.builder().messages(UserMessage.from("call " + i)).build(), h);
                    handlers.add(h);
                }
            }
            for (TerminalHandler h : handlers) {
                assertThat(h.outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(ChatResponse.class);
            }
        } finally {
            sampling.set(false);
            sampler.join();
            built.forEach(OpenRouterStreamingChatModel::close);
            if (transport != null) transport.close();
        }
        return peak.get();
    }
}
