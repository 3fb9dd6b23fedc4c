package dev.openrouter4j.reliability;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostSummary;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.langchain4j.AbstractOpenRouterModel;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.StreamCancelledException;
import dev.openrouter4j.reliability.Fault.Endpoint;
import dev.openrouter4j.reliability.Fault.Mode;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix: every row of {@link FaultMatrix} against the sync and the streaming model, then the checks that
 * hold after all of it (no thread, no connection left; the canary key nowhere), then the table in
 * {@code docs/reliability.md}.
 * <p>
 * For every row and model: the outcome (exception class and message, or the response) within the row's bound;
 * exactly one terminal callback; listeners exactly one {@code onResponse} or {@code onError}; the cost ledger exactly
 * one new entry with the right outcome; the number of requests the fake received (retries included); and then a
 * normal call on the same model instance, which must work.
 * <p>
 * The models use the canary key with request and response logging on, the library logging at DEBUG; every log line,
 * exception and {@code toString()} is scanned for the key.
 */
@ExtendWith(SecretScan.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixTest {

    /** After a terminal callback, how long to wait for a second one (or a late listener call) to show up. */
    static final Duration SETTLE = Duration.ofMillis(150);
    /** Threads of one live model at most: http (2), timer (1), callback (≤ 16), the JDK client's selector (1). */
    static final int FIXED_POOL_PER_MODEL = 20;

    LogCapture log;
    FakeOpenRouter fake;
    Relay relay;
    CountingListener listener;
    CostLedger ledger;
    CostListener costListener;
    Map<Endpoint, Map<Mode, AbstractOpenRouterModel>> models = new EnumMap<>(Endpoint.class);
    ScheduledExecutorService interrupter;
    int baselineThreads;
    int ownBaselineThreads;
    int peakThreads;
    final List<String> observed = new CopyOnWriteArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();
    int casesRun;

    @BeforeAll
    void setUp() {
        log = LogCapture.install();
        baselineThreads = LibraryThreads.baseline();
        ownBaselineThreads = LibraryThreads.own();
        fake = FakeOpenRouter.start();
        relay = new Relay(fake.port()); // down: its port refuses connections
        listener = new CountingListener();
        ledger = new CostLedger();
        costListener = new CostListener(ledger, PriceTable.defaults());
        interrupter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "matrix-interrupter");
            t.setDaemon(true);
            return t;
        });
        for (Endpoint e : Endpoint.values()) {
            String url = switch (e) {
                case FAKE -> fake.baseUrl();
                case REFUSED -> relay.baseUrl();
                case UNRESOLVED -> "http://" + FaultMatrix.UNRESOLVABLE_HOST + "/api/v1";
            };
            Map<Mode, AbstractOpenRouterModel> byMode = new EnumMap<>(Mode.class);
            byMode.put(Mode.SYNC, configure(OpenRouterChatModel.builder(), url).build());
            byMode.put(Mode.STREAM, configure(OpenRouterStreamingChatModel.builder(), url).build());
            models.put(e, byMode);
            byMode.values().forEach(m -> Canary.scanObject("model toString", m));
        }
    }

    private <B extends dev.openrouter4j.langchain4j.OpenRouterModelBuilder<B>> B configure(B b, String url) {
        return b.apiKey(Canary.KEY)
                .baseUrl(url)
                .modelName(FaultMatrix.MODEL)
                .timeout(FaultMatrix.TIMEOUT)
                .maxRetries(FaultMatrix.MAX_RETRIES)
                .listeners(listener, costListener)
                .logRequests(true)
                .logResponses(true);
    }

    @AfterAll
    void tearDown() throws IOException {
        interrupter.shutdownNow();
        if (models != null) {
            models.values().forEach(m -> m.values().forEach(AbstractOpenRouterModel::close));
        }
        relay.close();
        fake.close();
        Path out = Path.of("target", "reliability", "matrix-observed.md");
        Files.createDirectories(out.getParent());
        Files.write(out, observed, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Fault f : FaultMatrix.rows()) {
            for (Mode m : Mode.values()) {
                if (!(f.outcome(m) instanceof Fault.NotApplicable)) {
                    out.add(Arguments.of(f, m));
                }
            }
        }
        return out.stream();
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    // ------------------------------------------------------------------ the matrix

    @Order(1)
    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void fault(Fault f, Mode mode) throws Exception {
        casesRun++;
        if (f.knownBug != null) {
            Assumptions.abort("bug: " + f.knownBug);
        }
        Fault.Outcome expected = f.outcome(mode);
        AbstractOpenRouterModel model = models.get(f.endpoint).get(mode);
        fake.reset();
        if (f.endpoint == Endpoint.REFUSED) {
            relay.down();
            LibraryThreads.sleep(200);
        }
        f.responses.apply(mode).forEach(fake::enqueue);
        int requestsBefore = listener.requests.get();
        int terminalsBefore = listener.terminals();
        CostSummary ledgerBefore = ledger.total();

        long start = System.nanoTime();
        Object result;
        long end;
        if (mode == Mode.SYNC) {
            ScheduledFuture<?> interrupt = null;
            if (f.caller == Fault.Caller.GIVES_UP) {
                Thread caller = Thread.currentThread();
                interrupt = interrupter.schedule(caller::interrupt, 300, TimeUnit.MILLISECONDS);
            }
            try {
                result = ((OpenRouterChatModel) model).chat(ask("matrix " + f.name));
            } catch (RuntimeException e) {
                result = e;
            }
            end = System.nanoTime();
            if (interrupt != null) {
                interrupt.cancel(false);
                assertThat(Thread.interrupted()).as("the library keeps the interrupt for the caller").isTrue();
            }
        } else {
            TerminalHandler h = new TerminalHandler();
            if (f.caller == Fault.Caller.GIVES_UP) {
                h.onPartial = ctx -> ctx.streamingHandle().cancel();
            }
            ((OpenRouterStreamingChatModel) model).chatWithHandle(ask("matrix " + f.name), h);
            Duration wait = f.bound.plus(Duration.ofSeconds(2));
            if (expected instanceof Fault.Cancelled) {
                await().atMost(wait).pollInterval(Duration.ofMillis(5))
                        .until(() -> listener.terminals() > terminalsBefore);
                end = System.nanoTime();
                result = listener.lastError.get();
            } else {
                try {
                    result = h.outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("no terminal callback within " + wait + " for " + f.name);
                }
                end = h.terminalNanos;
            }
            LibraryThreads.sleep(SETTLE.toMillis());
            int terminals = expected instanceof Fault.Cancelled ? 0 : 1;
            assertThat(h.terminals).as("terminal callbacks of the handler").hasValue(terminals);
            assertThat(h.partialsAfterTerminal).as("tokens after the terminal callback").hasValue(0);
            if (!(expected instanceof Fault.Cancelled) && result instanceof Throwable t) {
                assertThat(listener.lastError.get()).as("listeners and handler see the same error").isSameAs(t);
            }
        }
        Duration took = Duration.ofNanos(end - start);
        record(f, mode, took, result);

        // the outcome, within the bound
        assertThat(took).as("time to the outcome").isLessThanOrEqualTo(f.bound);
        assertThat(took).as("time to the outcome (a timeout must not fire early)").isGreaterThanOrEqualTo(f.atLeast);
        CallOutcome ledgerOutcome = checkOutcome(expected, result);

        // exactly one listener terminal, exactly one ledger entry with the right outcome
        if (mode == Mode.SYNC) {
            LibraryThreads.sleep(SETTLE.toMillis());
        }
        assertThat(listener.requests.get() - requestsBefore).as("listener onRequest").isEqualTo(1);
        assertThat(listener.terminals() - terminalsBefore).as("listener onResponse + onError").isEqualTo(1);
        CostSummary ledgerAfter = ledger.total();
        assertThat(ledgerAfter.calls() - ledgerBefore.calls()).as("new ledger entries").isEqualTo(1);
        assertThat(ledgerAfter.ok() - ledgerBefore.ok()).isEqualTo(ledgerOutcome == CallOutcome.OK ? 1 : 0);
        assertThat(ledgerAfter.errors() - ledgerBefore.errors()).isEqualTo(ledgerOutcome == CallOutcome.ERROR ? 1 : 0);
        assertThat(ledgerAfter.cancelled() - ledgerBefore.cancelled())
                .isEqualTo(ledgerOutcome == CallOutcome.CANCELLED ? 1 : 0);
        List<CostEntry> entries = ledger.entries();
        CostEntry entry = entries.get(entries.size() - 1);
        assertThat(entry.outcome()).isEqualTo(ledgerOutcome);
        assertThat(entry.streaming()).as("entry marked streaming").isEqualTo(mode == Mode.STREAM);
        Canary.scanObject("ledger entry", entry);

        // retries: exactly the expected number of requests reached the fake
        if (f.requests >= 0) {
            assertThat(fake.requests()).as("requests the fake received").hasSize(f.requests);
        }

        // the next call on the same instance
        nextCall(f, mode, model);
        sampleThreads();
    }

    private CallOutcome checkOutcome(Fault.Outcome expected, Object result) {
        if (expected instanceof Fault.Fails fails) {
            if (!(result instanceof Throwable e)) {
                throw new AssertionError("expected " + fails.type().getSimpleName() + " but got " + result);
            }
            assertThat(e.getClass()).as("exception class; message: %s", e.getMessage()).isEqualTo(fails.type());
            assertThat(e).isInstanceOf(OpenRouterFailure.class).isInstanceOf(LangChain4jException.class);
            assertThat(e.getMessage()).as("message").isNotBlank();
            for (String s : fails.says()) {
                assertThat(e.getMessage()).as("message").contains(s);
            }
            for (String s : fails.neverSays()) {
                assertThat(e.getMessage()).as("message").doesNotContain(s);
            }
            return CallOutcome.ERROR;
        }
        if (expected instanceof Fault.Succeeds s) {
            if (result instanceof Throwable t) {
                throw new AssertionError("expected success but got " + t, t);
            }
            ChatResponse r = (ChatResponse) result;
            assertThat(r.aiMessage().text()).isNotNull();
            assertThat(s.check()).as("response check").accepts(r);
            return CallOutcome.OK;
        }
        if (expected instanceof Fault.Cancelled) {
            assertThat(result).isInstanceOf(StreamCancelledException.class);
            return CallOutcome.CANCELLED;
        }
        throw new IllegalStateException("not applicable");
    }

    private void nextCall(Fault f, Mode mode, AbstractOpenRouterModel model) throws Exception {
        fake.reset();
        if (f.endpoint == Endpoint.REFUSED) {
            relay.up(); // the server is back, on the same port
        }
        int terminalsBefore = listener.terminals();
        long ledgerBefore = ledger.total().calls();
        Object result;
        if (mode == Mode.SYNC) {
            try {
                result = ((OpenRouterChatModel) model).chat(ask("and now a normal call"));
            } catch (RuntimeException e) {
                result = e;
            }
        } else {
            TerminalHandler h = new TerminalHandler();
            ((OpenRouterStreamingChatModel) model).chat(ask("and now a normal call"), h);
            result = h.outcome.get(FaultMatrix.BOUND.plus(FaultMatrix.RETRY_DELAYS).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(h.terminals).hasValue(1);
        }
        Canary.scanObject("next-call outcome", result);
        if (result instanceof Throwable t) {
            Canary.scan("next call", t);
        }
        if (f.endpoint == Endpoint.UNRESOLVED) {
            // the host still does not resolve: the instance must fail the same way again, not hang or break
            Fault.Fails fails = (Fault.Fails) f.outcome(mode);
            assertThat(result).as("the next call (the host still does not resolve)").isInstanceOf(fails.type());
        } else {
            if (result instanceof Throwable t) {
                throw new AssertionError("the next call on the same model failed", t);
            }
            assertThat(((ChatResponse) result).aiMessage().text()).contains("and now a normal call");
        }
        if (f.endpoint == Endpoint.REFUSED) {
            relay.down();
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> listener.terminals() == terminalsBefore + 1);
        assertThat(ledger.total().calls()).isEqualTo(ledgerBefore + 1);
    }

    private void record(Fault f, Mode mode, Duration took, Object result) {
        String outcome;
        if (result instanceof Throwable t) {
            Canary.scan(f.name + " [" + mode + "]", t);
            outcome = t.getClass().getSimpleName() + ": " + t.getMessage();
        } else {
            Canary.scanObject(f.name + " [" + mode + "] response", result);
            ChatResponse r = (ChatResponse) result;
            String text = r.aiMessage().text();
            outcome = "OK: " + (text.length() > 60 ? text.substring(0, 60) + "... (" + text.length() + " chars)"
                    : text);
        }
        String line = String.format(java.util.Locale.ROOT, "| %s | %s | %d ms | %s |", f.name, mode,
                took.toMillis(), outcome.replace("\n", " ").replace("|", "\\|"));
        observed.add(line);
        System.out.println("[matrix] " + line);
    }

    private void sampleThreads() {
        peakThreads = Math.max(peakThreads, LibraryThreads.count() - baselineThreads);
    }

    // ------------------------------------------------------------------ after the whole matrix

    @Order(2)
    @Test
    void every_case_of_the_matrix_ran() {
        assertThat(casesRun).isEqualTo(cases().count());
    }

    /**
     * With the models still open: the threads stayed within the models' fixed pools, and the only connections open
     * are idle pooled keep-alive connections: the matrix makes one call at a time, so each model that reached the
     * fake pools at most one (the sync and the streaming model on the fake: 2; the relay's were cut with it).
     */
    @Order(3)
    @Test
    void with_the_models_open_threads_stay_within_the_fixed_pools_and_only_pooled_connections_are_open() {
        int liveModels = models.values().stream().mapToInt(Map::size).sum();
        int pooling = models.get(Endpoint.FAKE).size();
        // a connection the client closed while the fake was stalling is counted by the fake until its stall ends
        await().atMost(FaultMatrix.STALL.plus(Duration.ofSeconds(2))).pollInterval(Duration.ofMillis(200))
                .until(() -> fake.openConnections() <= pooling);
        int open = fake.openConnections();
        int threads = LibraryThreads.count() - baselineThreads;
        System.out.printf("[matrix] %d models open: library + JDK client threads %d above the baseline of %d"
                        + " (peak %d; their fixed pools allow %d); connections open at the fake %d (idle pooled"
                        + " allowed: %d)%n", liveModels, threads, baselineThreads, peakThreads,
                liveModels * FIXED_POOL_PER_MODEL, open, pooling);
        assertThat(peakThreads).as("threads while the models were open").isLessThanOrEqualTo(
                liveModels * FIXED_POOL_PER_MODEL);
        assertThat(open).as("connections open at the fake: idle pooled ones only").isLessThanOrEqualTo(pooling);
    }

    /** Closing the models ends every thread the library started ({@code openrouter4j-*}). */
    @Order(4)
    @Test
    void closing_the_models_ends_the_library_threads() {
        models.values().forEach(m -> m.values().forEach(AbstractOpenRouterModel::close));
        models = null; // Java 17 cannot close an HttpClient: it goes when it is collected
        relay.close();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> LibraryThreads.own() <= ownBaselineThreads);
        System.out.printf("[matrix] after close: %d openrouter4j-* threads (baseline %d), %d HttpClient-* threads"
                + " (they end only when the client is collected)%n", LibraryThreads.own(), ownBaselineThreads,
                LibraryThreads.jdkClient());
        assertThat(LibraryThreads.own()).isLessThanOrEqualTo(ownBaselineThreads);
    }

    /**
     * Once the closed models are collected, their JDK clients' selector threads end and their pooled connections
     * close: no thread and no connection is left.
     */
    @Order(5)
    @Test
    void once_collected_no_thread_and_no_connection_is_left() {
        long t0 = System.nanoTime();
        int left = LibraryThreads.settle(baselineThreads, Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return fake.openConnections() == 0;
        });
        System.out.printf("[matrix] after close + GC: %d threads above the baseline, 0 connections, after %d ms%n",
                left - baselineThreads, (System.nanoTime() - t0) / 1_000_000);
        assertThat(left - baselineThreads).as("library and JDK client threads left").isLessThanOrEqualTo(0);
    }

    @Order(6)
    @Test
    void the_canary_key_never_appears_in_logs_messages_or_to_string() {
        assertThat(Canary.KEY).hasSize("sk-or-v1-".length() + 64);
        Canary.scanObject("ledger", ledger);
        System.out.printf("[secrets] %d log lines (%d from the library, %d with the masked key), %d texts scanned%n",
                log.lines(), log.libraryLines(), log.linesWithMaskedKey(), Canary.scanned());
        assertThat(Canary.leaks()).as("texts holding the key").isEmpty();
        assertThat(log.linesWithKey()).as("log lines holding the key").isZero();
        assertThat(log.libraryLines()).as("the library did log (request/response logging on)").isPositive();
        assertThat(log.linesWithMaskedKey()).as("log lines showing the masked key").isPositive();
    }

    @Order(7)
    @Test
    void docs_reliability_md_holds_the_rendered_matrix() {
        List<Fault> rows = FaultMatrix.rows();
        Path doc = MatrixTable.docPath();
        if (Boolean.getBoolean("reliability.write")) {
            MatrixTable.write(doc, rows);
            System.out.println("[matrix] wrote the table into " + doc);
        }
        String text = MatrixTable.read(doc);
        if (text == null) {
            fail(doc + " does not exist; generate it with: " + MatrixTable.REGENERATE);
        }
        String committed = MatrixTable.committedSection(text);
        String rendered = MatrixTable.section(rows);
        if (!rendered.equals(committed)) {
            fail(doc + " does not hold the current fault matrix (FaultMatrix.java changed?)."
                    + " Regenerate it with: " + MatrixTable.REGENERATE + "\n\nExpected section:\n" + rendered);
        }
    }
}
