package dev.openrouter4j.cost.multiprocess;

import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.cost.CostContext;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.budget.Admission;
import dev.openrouter4j.cost.budget.Budget;
import dev.openrouter4j.cost.budget.BudgetExceededException;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.cost.budget.BudgetPeriod;
import dev.openrouter4j.cost.budget.BudgetStatus;
import dev.openrouter4j.cost.budget.JdbcBudgetStore;
import dev.openrouter4j.cost.pg.Postgres;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One application instance of {@link MultiProcessBudgetTest}, run in its own JVM: a ledger and a guard over the
 * shared PostgreSQL, {@code threads} threads each making {@code calls} calls through guarded models against the fake
 * OpenRouter (sync and streaming, on two models; some streams cancelled by the caller; the fake makes some fail
 * mid-stream). It prints one line per call to stdout ({@code OK tag}, {@code REFUSED tag}, {@code FAILED tag}),
 * {@code STATUS budget key spent reserved} when it starts, and {@code DONE} at the end.
 * <p>
 * Arguments: jdbcUrl fakeBaseUrl prefix process threads calls totalLimit modelLimit leaseMillis maxTokens budgetSuffix
 * mode ({@code mixed}: every kind of call; {@code streams}: only streams, never cancelled) admission.
 */
public final class BudgetChild {

    static final String MODEL_A = "openai/gpt-4o-mini";
    static final String MODEL_B = "mistralai/mistral-small-3.2-24b-instruct";
    static final String TOTAL = "total";
    static final String PER_MODEL = "model-a";

    private BudgetChild() {
    }

    /** The same budgets in every process (and in the parent, to compute worst cases). */
    static BudgetGuard.Builder guard(String suffix, BigDecimal totalLimit, BigDecimal modelLimit) {
        return BudgetGuard.builder()
                .budget(Budget.total(TOTAL + suffix, totalLimit, BudgetPeriod.MONTH))
                .budget(Budget.forModel(PER_MODEL + suffix, MODEL_A, modelLimit, BudgetPeriod.MONTH));
    }

    /** The prompt of a call: the tag, padded so every call's prompt (and so its worst case) has the same size. */
    static String prompt(String tag) {
        return "Please repeat these words back: " + String.format("%-16s", tag)
                + " alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma";
    }

    static String tag(String process, int thread, int call) {
        return String.format("%s-t%d-c%03d", process, thread, call);
    }

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String baseUrl = args[1];
        String prefix = args[2];
        String process = args[3];
        int threads = Integer.parseInt(args[4]);
        int calls = Integer.parseInt(args[5]);
        BigDecimal totalLimit = new BigDecimal(args[6]);
        BigDecimal modelLimit = new BigDecimal(args[7]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[8]));
        int maxTokens = Integer.parseInt(args[9]);
        String suffix = args[10];
        boolean streamsOnly = "streams".equals(args[11]);
        Admission admission = Admission.valueOf(args[12]);

        try (HikariDataSource ds = Postgres.pool(jdbcUrl, threads + 2)) {
            JdbcLedgerStore store = JdbcLedgerStore.builder().dataSource(ds).tablePrefix(prefix).build();
            CostLedger ledger = new CostLedger(store);
            CostListener listener = new CostListener(ledger, PriceTable.defaults());
            BudgetGuard guard = guard(suffix, totalLimit, modelLimit).ledger(ledger)
                    .store(JdbcBudgetStore.on(store)).leaseDuration(lease).admission(admission).build();
            for (BudgetStatus s : guard.status()) {
                out("STATUS " + s.budget().name() + " " + s.key() + " " + s.spent().toPlainString() + " "
                        + s.reserved().toPlainString());
            }
            out("STARTED");
            List<ChatModel> sync = List.of(guard.guard(sync(baseUrl, MODEL_A, maxTokens, listener)),
                    guard.guard(sync(baseUrl, MODEL_B, maxTokens, listener)));
            List<StreamingChatModel> streaming = List.of(guard.guard(streaming(baseUrl, MODEL_A, maxTokens, listener)),
                    guard.guard(streaming(baseUrl, MODEL_B, maxTokens, listener)));
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread w = new Thread(() -> CostContext.with("process", process).run(() -> {
                    for (int c = 0; c < calls; c++) {
                        call(tag(process, thread, c), streamsOnly ? 2 + (thread + c) % 2 : (thread + c) % 5, sync,
                                streaming);
                    }
                }), "caller-" + t);
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) w.join();
            guard.close();
            out("DONE");
        }
    }

    private static void call(String tag, int kind, List<ChatModel> sync, List<StreamingChatModel> streaming) {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(prompt(tag))).build();
        try {
            switch (kind) {
                case 0, 1 -> sync.get(kind).chat(request);
                case 2, 3 -> stream(streaming.get(kind - 2), request, false);
                default -> stream(streaming.get(0), request, true);
            }
            out("OK " + tag);
        } catch (BudgetExceededException e) {
            out("REFUSED " + tag);
        } catch (Exception e) {
            out("FAILED " + tag + " " + e.getClass().getSimpleName());
        }
    }

    /** Streams a call; with {@code cancel}, cancels it after its second partial response. */
    private static void stream(StreamingChatModel model, ChatRequest request, boolean cancel) throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        AtomicInteger partials = new AtomicInteger();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                if (cancel && partials.incrementAndGet() == 2) {
                    context.streamingHandle().cancel();
                    done.complete("cancelled");
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }

    private static ChatModel sync(String baseUrl, String model, int maxTokens, CostListener listener) {
        return OpenRouterChatModel.builder().apiKey("sk-or-v1-test-multiprocess").baseUrl(baseUrl).modelName(model)
                .maxTokens(maxTokens).listeners(List.of(listener)).timeout(Duration.ofSeconds(30)).maxRetries(0)
                .build();
    }

    private static StreamingChatModel streaming(String baseUrl, String model, int maxTokens, CostListener listener) {
        return OpenRouterStreamingChatModel.builder().apiKey("sk-or-v1-test-multiprocess").baseUrl(baseUrl)
                .modelName(model).maxTokens(maxTokens).listeners(List.of(listener)).timeout(Duration.ofSeconds(30))
                .maxRetries(0).build();
    }

    private static synchronized void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
