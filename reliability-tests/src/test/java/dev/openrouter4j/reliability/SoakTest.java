package dev.openrouter4j.reliability;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostSummary;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.OpenRouterTokenUsage;
import dev.openrouter4j.langchain4j.exception.OpenRouterConnectionException;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterModelNotFoundException;
import dev.openrouter4j.langchain4j.exception.StreamCancelledException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The soak: 10,080 mixed calls (sync and streaming; succeeding, failing, cancelled) from 16 threads against the fake.
 * No outcome beyond the scripted ones; the ledger's totals exact, kind of call by kind of call, against what the
 * listeners and callers saw; the heap flat between the first and the second half (the ledger's windows are bounded);
 * the library's threads within its pools.
 * <p>
 * Failing calls ask for a model the fake does not know (a 400 "not a valid model ID" for exactly that request,
 * whatever the other threads do). Cancelled streams are cancelled through their handle right after the call (even
 * calls) or by the handler at the first token (odd calls).
 */
@ExtendWith(SecretScan.class)
class SoakTest {

    static final int THREADS = 16;
    static final int CALLS_PER_THREAD = 630; // 16 × 630 = 10,080
    static final int CALLS = THREADS * CALLS_PER_THREAD;
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final String UNKNOWN_MODEL = "nonexistent/soak-model";
    /** Heap growth tolerated between the halves (GC and JIT noise); a leak of 1 KB per call would be 5 MB. */
    static final long HEAP_TOLERANCE = 4L * 1024 * 1024;
    /**
     * Calls allowed to fail with the exact signature of a known library bug (a stream's end closes a pooled connection
     * another call is using; {@link ConcurrentCallsIsolationTest}, disabled until it is fixed): 5 % of the calls
     * (about 1 % is typical here). Set to 0 once the bug is fixed.
     */
    static final int KNOWN_BUG_ALLOWANCE = 0;
    static final Object DONE = new Object() {
        @Override
        public String toString() {
            return "soak.done";
        }
    };

    enum Kind { SYNC_OK, STREAM_OK, SYNC_FAIL, STREAM_FAIL, STREAM_CANCELLED }

    enum CancelStyle { AT_ONCE, AT_FIRST_TOKEN }

    /** Completes each call's future (a listener attribute) with the response or error the listeners heard. */
    static final class Audit implements ChatModelListener {
        @Override
        public void onResponse(ChatModelResponseContext ctx) {
            done(ctx.attributes()).complete(ctx.chatResponse());
        }

        @Override
        public void onError(ChatModelErrorContext ctx) {
            done(ctx.attributes()).complete(ctx.error());
        }

        @SuppressWarnings("unchecked")
        private static CompletableFuture<Object> done(Map<Object, Object> attributes) {
            return (CompletableFuture<Object>) attributes.get(DONE);
        }
    }

    /** What the listeners heard, per kind of call: outcomes, and the cost OpenRouter reported. */
    static final class Tally {
        long ok;
        long errors;
        long cancelled;
        long unknownCost;
        long completedBeforeTheCancel;
        long brokenByKnownBug;
        BigDecimal cost = BigDecimal.ZERO;
    }

    final Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
    final Map<Kind, AtomicInteger> issued = new EnumMap<>(Kind.class);
    List<Kind> kinds;
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    final AtomicInteger brokenByKnownBug = new AtomicInteger();
    final AtomicInteger handlerCallbacksAfterCancel = new AtomicInteger();

    @Test
    void ten_thousand_mixed_calls_from_sixteen_threads() throws Exception {
        soak(EnumSet.allOf(Kind.class));
    }

    private void soak(Set<Kind> kinds) throws Exception {
        this.kinds = List.copyOf(kinds);
        for (Kind k : Kind.values()) {
            tallies.put(k, new Tally());
            issued.put(k, new AtomicInteger());
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int baseline = LibraryThreads.baseline();
        int ownBaseline = LibraryThreads.own();
        CostLedger ledger = CostLedger.builder().entryWindow(1_000).idempotencyWindow(1_000).maxUnresolved(500)
                .build();
        CostListener cost = new CostListener(ledger, PriceTable.defaults());
        Audit audit = new Audit();
        try (FakeOpenRouter fake = FakeOpenRouter.start()) {
            OpenRouterChatModel sync = OpenRouterChatModel.builder().apiKey(Canary.KEY).baseUrl(fake.baseUrl())
                    .modelName(FaultMatrix.MODEL).timeout(TIMEOUT).listeners(cost, audit).build();
            OpenRouterStreamingChatModel stream = OpenRouterStreamingChatModel.builder().apiKey(Canary.KEY)
                    .baseUrl(fake.baseUrl()).modelName(FaultMatrix.MODEL).timeout(TIMEOUT)
                    .listeners(cost, audit).build();
            Canary.scanObject("sync model", sync);
            Canary.scanObject("streaming model", stream);
            AtomicInteger peak = new AtomicInteger();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(LibraryThreads.count() - baseline, Math::max);
                    LibraryThreads.sleep(20);
                }
            }, "soak-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long startedBefore = mx.getTotalStartedThreadCount();
            mx.resetPeakThreadCount();

            long t0 = System.nanoTime();
            runHalf(sync, stream, 0);
            long t1 = System.nanoTime();
            long heapFirstHalf = settledHeap(fake);
            long t2 = System.nanoTime();
            runHalf(sync, stream, CALLS_PER_THREAD / 2);
            long t3 = System.nanoTime();
            long heapSecondHalf = settledHeap(fake);
            sampling.set(false);
            sampler.join();
            long started = mx.getTotalStartedThreadCount() - startedBefore;
            int jvmPeak = mx.getPeakThreadCount();

            double seconds = ((t1 - t0) + (t3 - t2)) / 1e9;
            String tag = "[soak]";
            System.out.printf("%s %d calls from %d threads in %.1f s: %.0f calls/s%n", tag, CALLS, THREADS,
                    seconds, CALLS / seconds);
            System.out.printf("%s heap after GC: after the first half %s, after the second half %s"
                    + " (growth %+d KB)%n", tag, Heap.mb(heapFirstHalf), Heap.mb(heapSecondHalf),
                    (heapSecondHalf - heapFirstHalf) / 1024);
            System.out.printf("%s library + JDK client threads: peak %d above the baseline of %d; whole JVM:"
                    + " %d threads started during the soak, at most %d alive%n", tag, peak.get(), baseline,
                    started, jvmPeak);
            System.out.printf("%s ledger: %s%n", tag, ledger.total());
            Canary.scanObject("soak ledger", ledger);
            ledger.entries().forEach(e -> Canary.scanObject("soak ledger entry", e));
            System.out.printf("%s cancelled streams that had completed before the cancel: %d; calls broken by the"
                    + " known connection-reuse bug: %d%n", tag, tallies.get(Kind.STREAM_CANCELLED).completedBeforeTheCancel,
                    brokenByKnownBug.get());

            // no outcome beyond the scripted ones (but the known bug's, within its allowance)
            assertThat(unexpected).as("unexpected outcomes").isEmpty();
            assertThat(brokenByKnownBug.get()).as("calls broken by the known connection-reuse bug")
                    .isLessThanOrEqualTo(KNOWN_BUG_ALLOWANCE);
            assertThat(handlerCallbacksAfterCancel).as("handler terminal callbacks after a cancel").hasValue(0);

            // the ledger's totals, exact, kind by kind
            Map<String, CostSummary> byKind = ledger.byAttribute("kind");
            assertThat(byKind).hasSize(kinds.size());
            BigDecimal expectedTotal = BigDecimal.ZERO;
            long expectedUnknown = 0;
            for (Kind k : kinds) {
                Tally t = tallies.get(k);
                int calls = issued.get(k).get();
                CostSummary s = byKind.get(k.name());
                assertThat(s.calls()).as(k + " entries").isEqualTo(calls);
                assertThat(s.ok()).as(k + " ok").isEqualTo(t.ok);
                assertThat(s.errors()).as(k + " errors").isEqualTo(t.errors);
                assertThat(s.cancelled()).as(k + " cancelled").isEqualTo(t.cancelled);
                assertThat(s.unknown()).as(k + " unknown costs").isEqualTo(t.unknownCost);
                assertThat(s.cost()).as(k + " cost").isEqualByComparingTo(t.cost);
                expectedTotal = expectedTotal.add(t.cost);
                expectedUnknown += t.unknownCost;
            }
            for (Kind k : kinds) {
                Tally t = tallies.get(k);
                long expected = issued.get(k).get() - t.brokenByKnownBug;
                switch (k) {
                    case SYNC_OK, STREAM_OK -> assertThat(t.ok).as(k + " ok").isEqualTo(expected);
                    case SYNC_FAIL, STREAM_FAIL -> assertThat(t.errors - t.brokenByKnownBug).as(k + " errors")
                            .isEqualTo(expected);
                    case STREAM_CANCELLED -> assertThat(t.cancelled + t.completedBeforeTheCancel)
                            .as(k + " cancelled").isEqualTo(expected);
                }
            }
            assertThat(tallies.get(Kind.SYNC_OK).cost).isPositive();
            CostSummary total = ledger.total();
            assertThat(total.calls()).isEqualTo(CALLS);
            assertThat(total.unknown()).isEqualTo(expectedUnknown);
            assertThat(ledger.totalCost()).as("ledger total").isEqualByComparingTo(expectedTotal);
            assertThat(ledger.entries()).as("the bounded entry window").hasSize(1_000);

            // heap flat; threads within the pools
            assertThat(heapSecondHalf - heapFirstHalf).as("heap growth between the halves").isLessThan(HEAP_TOLERANCE);
            assertThat(peak.get()).as("library + JDK client threads").isLessThanOrEqualTo(
                    2 * FaultMatrixTest.FIXED_POOL_PER_MODEL);

            sync.close();
            stream.close();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(LibraryThreads.own()).as("library threads after close")
                            .isLessThanOrEqualTo(ownBaseline));
        }
    }

    /**
     * Heap after GC once the calls of the half are released: the fake's record of requests is cleared (the test's
     * memory, not the library's), and the measurement waits out the timeout, because the library keeps every finished
     * call referenced from its idle-timeout check until the timeout elapses (a known bug, see
     * {@link CompletedCallsAreReleasedTest}).
     */
    private static long settledHeap(FakeOpenRouter fake) {
        fake.reset();
        LibraryThreads.sleep(TIMEOUT.plusMillis(500).toMillis());
        return Heap.usedAfterGc();
    }

    private void runHalf(OpenRouterChatModel sync, OpenRouterStreamingChatModel stream, int from)
            throws Exception {
        CountDownLatch latch = new CountDownLatch(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    for (int i = from; i < from + CALLS_PER_THREAD / 2; i++) {
                        Kind kind = kinds.get((thread + i) % kinds.size());
                        issued.get(kind).incrementAndGet();
                        call(sync, stream, kind, thread * CALLS_PER_THREAD + i);
                    }
                } catch (Throwable e) {
                    unexpected.add("worker " + thread + " died: " + e);
                } finally {
                    latch.countDown();
                }
            }, "soak-" + t);
            worker.start();
        }
        assertThat(latch.await(5, TimeUnit.MINUTES)).as("the soak finished").isTrue();
    }

    private void call(OpenRouterChatModel sync, OpenRouterStreamingChatModel stream, Kind kind, int i)
            throws Exception {
        // cancelled streams: half through the handle right after the call, half by the handler at the first token
        CancelStyle style = i % 2 == 0 ? CancelStyle.AT_ONCE : CancelStyle.AT_FIRST_TOKEN;
        boolean fails = kind == Kind.SYNC_FAIL || kind == Kind.STREAM_FAIL;
        ChatRequest.Builder rb = ChatRequest.builder().messages(UserMessage.from("soak call " + i));
        if (fails) {
            rb.modelName(UNKNOWN_MODEL);
        }
        CompletableFuture<Object> listened = new CompletableFuture<>();
        ChatRequestOptions options = ChatRequestOptions.builder()
                .addListenerAttribute("kind", kind.name()) // a String: the cost ledger groups by it
                .addListenerAttribute(DONE, listened)      // not a String: only the audit listener reads it
                .build();
        Object outcome;
        TerminalHandler h = null;
        if (kind == Kind.SYNC_OK || kind == Kind.SYNC_FAIL) {
            try {
                outcome = sync.chat(rb.build(), options);
            } catch (RuntimeException e) {
                outcome = e;
            }
        } else {
            h = new TerminalHandler();
            boolean cancel = kind == Kind.STREAM_CANCELLED;
            if (cancel && style == CancelStyle.AT_FIRST_TOKEN) {
                h.onPartial = ctx -> ctx.streamingHandle().cancel();
            }
            StreamingHandle handle = stream.chatWithHandle(rb.build(), options, h);
            if (cancel && style == CancelStyle.AT_ONCE) {
                handle.cancel();
            }
            outcome = cancel ? listened.get(10, TimeUnit.SECONDS) : h.outcome.get(10, TimeUnit.SECONDS);
        }
        Object heard = listened.get(10, TimeUnit.SECONDS);
        if (outcome instanceof Throwable e) {
            Canary.scan("soak " + kind, e);
        }
        if (isKnownBug(heard)) {
            brokenByKnownBug.incrementAndGet();
            synchronized (tallies.get(kind)) {
                tallies.get(kind).errors++;
                tallies.get(kind).unknownCost++; // a transport failure: the ledger cannot know whether it was billed
                tallies.get(kind).brokenByKnownBug++;
            }
            return;
        }
        Tally t = tallies.get(kind);
        synchronized (t) {
            if (heard instanceof ChatResponse r) {
                t.ok++;
                t.cost = t.cost.add(reportedCost(r));
            } else if (heard instanceof StreamCancelledException c) {
                t.cancelled++;
                BigDecimal reported = reportedCost(c.partialResponse());
                if (reported == null) {
                    t.unknownCost++;
                } else {
                    t.cost = t.cost.add(reported);
                }
            } else {
                t.errors++;
            }
        }
        switch (kind) {
            case SYNC_OK, STREAM_OK -> {
                if (heard != outcome || !(outcome instanceof ChatResponse r)
                        || !r.aiMessage().text().contains("soak call " + i)) {
                    unexpected.add(kind + " #" + i + ": " + outcome);
                }
            }
            case SYNC_FAIL, STREAM_FAIL -> {
                if (heard != outcome || !(outcome instanceof OpenRouterModelNotFoundException e)
                        || !e.getMessage().contains(UNKNOWN_MODEL) || ((OpenRouterFailure) e).httpStatus() != 400) {
                    unexpected.add(kind + " #" + i + ": " + outcome);
                }
            }
            case STREAM_CANCELLED -> {
                if (heard instanceof StreamCancelledException) {
                    if (h.terminals.get() > 0) {
                        handlerCallbacksAfterCancel.incrementAndGet();
                    }
                } else if (heard instanceof ChatResponse && style == CancelStyle.AT_ONCE
                        && h.outcome.get(2, TimeUnit.SECONDS) == heard) {
                    // the whole stream completed before handle.cancel() ran: a cancel after the end is a no-op
                    synchronized (t) {
                        t.completedBeforeTheCancel++;
                    }
                } else {
                    unexpected.add(kind + " #" + i + ": " + heard);
                }
            }
        }
    }

    /**
     * The signature of a known library bug (see {@link ConcurrentCallsIsolationTest}): a call whose pooled connection
     * another stream's end closed under it. Exactly this, nothing looser.
     */
    static boolean isKnownBug(Object outcome) {
        return outcome instanceof OpenRouterConnectionException e && e.getMessage() != null
                && e.getMessage().contains("failed before the stream started")
                && e.getMessage().endsWith("IOException: HTTP/1.1 header parser received no bytes");
    }

    /** What OpenRouter reported a response cost, as the cost ledger reads it (null when it reported nothing). */
    static BigDecimal reportedCost(ChatResponse r) {
        if (r != null && r.metadata() instanceof OpenRouterChatResponseMetadata m) {
            OpenRouterTokenUsage u = m.tokenUsage();
            if (u != null && u.cost() != null) {
                return u.cost();
            }
            return m.cost();
        }
        return null;
    }
}
