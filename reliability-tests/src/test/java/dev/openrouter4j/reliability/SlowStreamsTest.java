package dev.openrouter4j.reliability;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 500 slow streams at once, tokens dribbling as real models send them (20 tokens, 250 ms apart: 5 s each, longer
 * than the 2 s timeout, which bounds silence, not length): all complete, each with exactly one terminal callback,
 * listeners and ledger see all 500, and the library and its HTTP client use fewer than 50 threads.
 */
@ExtendWith(SecretScan.class)
class SlowStreamsTest {

    static final int STREAMS = 500;
    static final int TOKENS = 20;
    static final Duration INTERVAL = Duration.ofMillis(250);
    /** Shorter than a stream (5 s), longer than the gaps between tokens, with room for a loaded CI machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void five_hundred_slow_streams_complete_on_fewer_than_fifty_library_threads() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int baseline = LibraryThreads.baseline();
        CostLedger ledger = new CostLedger();
        CountingListener listener = new CountingListener();
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            for (int i = 0; i < STREAMS; i++) {
                fake.enqueue(FakeResponse.dribble(TOKENS, INTERVAL));
            }
            OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder().apiKey(Canary.KEY)
                    .baseUrl(fake.baseUrl()).modelName(FaultMatrix.MODEL).timeout(TIMEOUT)
                    .listeners(listener, new CostListener(ledger, PriceTable.defaults())).build();
            AtomicInteger peak = new AtomicInteger();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(LibraryThreads.count() - baseline, Math::max);
                    LibraryThreads.sleep(10);
                }
            }, "slow-streams-sampler");
            sampler.setDaemon(true);
            long startedBefore = mx.getTotalStartedThreadCount();
            mx.resetPeakThreadCount();
            sampler.start();

            long t0 = System.nanoTime();
            List<TerminalHandler> handlers = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                TerminalHandler h = new TerminalHandler();
                handlers.add(h);
                model.chat(ChatRequest.builder().messages(UserMessage.from("slow " + i)).build(), h);
            }
            long started = System.nanoTime();
            int openWhileStreaming = 0;
            for (TerminalHandler h : handlers) {
                Object o = h.outcome.get(60, TimeUnit.SECONDS);
                if (openWhileStreaming == 0) {
                    openWhileStreaming = fake.openConnections();
                }
                if (o instanceof Throwable t) {
                    throw new AssertionError("a slow stream failed", t);
                }
                assertThat(((ChatResponse) o).aiMessage().text()).endsWith("tok" + (TOKENS - 1));
            }
            long t1 = System.nanoTime();
            LibraryThreads.sleep(200);
            sampling.set(false);
            sampler.join();
            long jvmStarted = mx.getTotalStartedThreadCount() - startedBefore;

            System.out.printf("[slow streams] %d streams of %d tokens %d ms apart: started in %d ms, all complete"
                            + " after %.1f s; library + JDK client threads: peak %d above the baseline of %d;"
                            + " whole JVM: %d threads started, at most %d alive; %d connections open at the fake%n",
                    STREAMS, TOKENS, INTERVAL.toMillis(), (started - t0) / 1_000_000, (t1 - t0) / 1e9, peak.get(),
                    baseline, jvmStarted, mx.getPeakThreadCount(), openWhileStreaming);

            for (TerminalHandler h : handlers) {
                assertThat(h.terminals).hasValue(1);
                assertThat(h.partials.get()).isEqualTo(TOKENS);
            }
            assertThat(peak.get()).as("threads of the library and its HTTP client").isLessThan(50);
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.terminals() == STREAMS);
            assertThat(listener.responses).hasValue(STREAMS);
            assertThat(ledger.total().ok()).isEqualTo(STREAMS);
            assertThat(ledger.total().calls()).isEqualTo(STREAMS);
            model.close();
        }
    }
}
