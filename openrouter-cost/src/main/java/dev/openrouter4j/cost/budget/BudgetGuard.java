package dev.openrouter4j.cost.budget;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.ModelPrice;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.TokenCounts;
import dev.openrouter4j.cost.CostCalculator;
import dev.openrouter4j.cost.internal.CallCosting;
import dev.openrouter4j.cost.internal.CallState;
import dev.openrouter4j.cost.internal.Decimals;
import dev.openrouter4j.cost.internal.Log;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Enforces {@link Budget}s by refusing calls <em>before</em> they are sent, something a {@code ChatModelListener}
 * cannot do (LangChain4j swallows listener exceptions). It decorates a {@link ChatModel} or
 * {@link StreamingChatModel}:
 * <pre>{@code
 * BudgetGuard guard = BudgetGuard.builder()
 *         .budget(Budget.perAttribute("tenant-daily", "tenant", new BigDecimal("5"), BudgetPeriod.DAY))
 *         .ledger(ledger).priceTable(prices).build();
 * ChatModel guarded = guard.guard(model);   // give this to AiServices
 * }</pre>
 * Reserve, then settle: a call reserves its worst case before it is sent (the prompt estimated from its text at the
 * model's prompt price, plus {@code maxOutputTokens}, else the model's max completion tokens from the price table,
 * else {@link Builder#defaultMaxOutputTokens(int)}, at the completion price), and settles to its real cost when it
 * ends (OpenRouter's reported cost, else an estimate; a call whose cost stays unknown, like a cancelled stream, keeps
 * its worst case as spent). So calls in flight count against the budget, and concurrent callers overshoot a budget by
 * at most the worst case of the calls admitted last (none with {@link Admission#WORST_CASE_FITS}).
 * <p>
 * A refused call throws {@link BudgetExceededException} (a stream gets it in {@code onError}) and, when a ledger is
 * given, is recorded there with outcome {@link CallOutcome#REFUSED}. Attributes for per-tenant budgets are read like
 * the {@code CostListener} reads them: the {@code CostContext} in effect, plus String listener attributes. The
 * decorated model forwards {@code defaultRequestParameters}, {@code supportedCapabilities}, {@code provider} and
 * {@code listeners} of the model it wraps (its listeners still run, once per call).
 * <p>
 * The budget state lives in this object (one process); guard every model that should share budgets with the same
 * guard. Thread-safe: admission and settlement are serialised by one lock (a few microseconds per call).
 */
public final class BudgetGuard {

    private static final Log LOG = Log.of(BudgetGuard.class);

    private final List<Budget> budgets;
    private final PriceTable prices;
    private final CostLedger ledger;
    private final Admission admission;
    private final int defaultMaxOutputTokens;
    private final TokenCountEstimator estimator;
    private final BigDecimal unknownPriceReservation;
    private final Clock clock;
    private final CallCosting costing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<AccountKey, Account> accounts = new HashMap<>();

    private record AccountKey(String budget, String key, Instant windowStart) {
    }

    /** Spend and reservations of one budget, key and window; guarded by {@link #lock}. */
    static final class Account {
        final Budget budget;
        final String key;
        final Instant windowStart;
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        int inFlight;

        Account(Budget budget, String key, Instant windowStart) {
            this.budget = budget;
            this.key = key;
            this.windowStart = windowStart;
        }
    }

    private BudgetGuard(Builder b) {
        if (b.budgets.isEmpty()) {
            throw new IllegalStateException("a BudgetGuard needs at least one budget");
        }
        Map<String, Budget> byName = new LinkedHashMap<>();
        for (Budget budget : b.budgets) {
            if (byName.put(budget.name(), budget) != null) {
                throw new IllegalArgumentException("two budgets are named '" + budget.name() + "'");
            }
        }
        this.budgets = List.copyOf(b.budgets);
        this.prices = b.prices == null ? PriceTable.defaults() : b.prices;
        this.ledger = b.ledger;
        this.admission = b.admission;
        this.defaultMaxOutputTokens = b.defaultMaxOutputTokens;
        this.estimator = b.estimator;
        this.unknownPriceReservation = b.unknownPriceReservation;
        this.clock = b.clock;
        this.costing = new CallCosting(this.prices);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A {@link ChatModel} that checks and reserves before every call and settles after it. */
    public ChatModel guard(ChatModel model) {
        return new GuardedChatModel(this, Objects.requireNonNull(model, "model"));
    }

    /** A {@link StreamingChatModel} that checks and reserves before every call and settles when the stream ends. */
    public StreamingChatModel guard(StreamingChatModel model) {
        return new GuardedStreamingChatModel(this, Objects.requireNonNull(model, "model"));
    }

    /** The budgets this guard enforces. */
    public List<Budget> budgets() {
        return budgets;
    }

    /** Every budget and key with activity in its current window. */
    public List<BudgetStatus> status() {
        Instant now = clock.instant();
        List<BudgetStatus> out = new ArrayList<>();
        lock.lock();
        try {
            for (Account a : accounts.values()) {
                if (a.windowStart.equals(a.budget.period().windowStart(now))) {
                    out.add(status(a));
                }
            }
        } finally {
            lock.unlock();
        }
        out.sort(Comparator.comparing((BudgetStatus s) -> s.budget().name()).thenComparing(BudgetStatus::key));
        return out;
    }

    /** Where one budget stands for one key ({@code *}, a model id, or {@code attribute=value}) right now. */
    public BudgetStatus status(String budgetName, String key) {
        Budget budget = budgets.stream().filter(x -> x.name().equals(budgetName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no budget named " + budgetName));
        Instant start = budget.period().windowStart(clock.instant());
        lock.lock();
        try {
            Account a = accounts.get(new AccountKey(budgetName, key, start));
            return a == null ? new BudgetStatus(budget, key, start, BigDecimal.ZERO, BigDecimal.ZERO, budget.limit())
                    : status(a);
        } finally {
            lock.unlock();
        }
    }

    private static BudgetStatus status(Account a) {
        return new BudgetStatus(a.budget, a.key, a.windowStart, Decimals.normalize(a.spent),
                Decimals.normalize(a.reserved), Decimals.normalize(a.budget.limit().subtract(a.spent).subtract(a.reserved)));
    }

    /**
     * The worst-case cost of a request (parameters already merged with the model's defaults): the estimated prompt at
     * the prompt price (or the cache-write price when that is higher) plus the maximum output at the higher of the
     * completion and reasoning prices, plus the per-request fee. Unknown or dynamic prices reserve
     * {@link Builder#unknownPriceReservation(BigDecimal)}.
     */
    public BigDecimal worstCase(ChatRequest request) {
        ChatRequestParameters p = request.parameters();
        ModelPrice price = prices.find(p == null ? null : p.modelName()).orElse(null);
        if (price == null || price.isDynamic() || price.prompt() == null || price.completion() == null) {
            return unknownPriceReservation;
        }
        long promptTokens = estimatePrompt(request);
        Integer requested = p.maxOutputTokens();
        long maxOut = requested != null ? requested
                : price.maxCompletionTokens() != null ? price.maxCompletionTokens() : defaultMaxOutputTokens;
        boolean writeCostsMore = price.inputCacheWrite() != null && price.inputCacheWrite().compareTo(price.prompt()) > 0;
        boolean reasoningCostsMore = price.internalReasoning() != null
                && price.internalReasoning().compareTo(price.completion()) > 0;
        BigDecimal cost = CostCalculator.cost(price, new TokenCounts(promptTokens, maxOut, 0,
                writeCostsMore ? promptTokens : 0, reasoningCostsMore ? maxOut : 0, 1, 0));
        return cost == null ? unknownPriceReservation : cost;
    }

    private long estimatePrompt(ChatRequest request) {
        long tokens = estimator.estimateTokenCountInMessages(request.messages());
        List<ToolSpecification> tools = request.parameters() == null ? null : request.parameters().toolSpecifications();
        if (tools != null) {
            for (ToolSpecification t : tools) {
                tokens += estimator.estimateTokenCountInText(t.toString());
            }
        }
        return tokens;
    }

    /**
     * Checks every budget that applies to the call and reserves its worst case, or throws
     * {@link BudgetExceededException} (after recording the refusal in the ledger).
     */
    Reservation reserve(ChatRequest merged, Map<String, String> attributes, CallState state, boolean streaming) {
        String model = merged.parameters() == null ? null : merged.parameters().modelName();
        BigDecimal amount = worstCase(merged);
        Instant now = clock.instant();
        BudgetExceededException refusal = null;
        List<Account> reserved = new ArrayList<>(budgets.size());
        lock.lock();
        try {
            for (Budget budget : budgets) {
                String key = budget.keyFor(model, attributes);
                if (key == null) continue;
                Instant start = budget.period().windowStart(now);
                Account a = accounts.computeIfAbsent(new AccountKey(budget.name(), key, start),
                        k -> new Account(budget, key, start));
                BigDecimal committed = a.spent.add(a.reserved);
                boolean admit = switch (admission) {
                    case WHILE_REMAINING -> committed.compareTo(budget.limit()) < 0;
                    case WORST_CASE_FITS -> committed.add(amount).compareTo(budget.limit()) <= 0;
                };
                if (!admit) {
                    refusal = new BudgetExceededException(budget, key, budget.period().describe(start),
                            Decimals.normalize(a.spent), Decimals.normalize(a.reserved), amount, model);
                    break;
                }
                reserved.add(a);
            }
            if (refusal == null) {
                for (Account a : reserved) {
                    a.reserved = a.reserved.add(amount);
                    a.inFlight++;
                }
            }
            if (accounts.size() > 10_000) {
                evictOldWindows(now);
            }
        } finally {
            lock.unlock();
        }
        if (refusal != null) {
            recordRefusal(merged, state, refusal, streaming);
            throw refusal;
        }
        return new Reservation(this, reserved, amount);
    }

    private void evictOldWindows(Instant now) {
        accounts.values().removeIf(a -> a.inFlight == 0 && a.windowStart.isBefore(a.budget.period().windowStart(now)));
    }

    /** Settles a reservation: releases the worst case and adds the real cost (or the worst case when unknown). */
    void settle(Reservation r, BigDecimal actual) {
        BigDecimal spent = actual != null ? actual : r.amount();
        lock.lock();
        try {
            for (Account a : r.accounts()) {
                a.reserved = a.reserved.subtract(r.amount());
                a.spent = a.spent.add(spent);
                a.inFlight--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Releases a reservation for a call that was never sent. */
    void release(Reservation r) {
        lock.lock();
        try {
            for (Account a : r.accounts()) {
                a.reserved = a.reserved.subtract(r.amount());
                a.inFlight--;
            }
        } finally {
            lock.unlock();
        }
    }

    private void recordRefusal(ChatRequest merged, CallState state, BudgetExceededException e, boolean streaming) {
        if (ledger == null) {
            return;
        }
        try {
            ledger.record(CostEntry.builder()
                    .id(state.callId()).callId(state.callId())
                    .startedAt(state.startedAt()).duration(Duration.ZERO)
                    .requestedModel(merged.parameters() == null ? null : merged.parameters().modelName())
                    .cost(BigDecimal.ZERO).source(CostSource.NOT_BILLED)
                    .outcome(CallOutcome.REFUSED).error(CallCosting.describe(e, null))
                    .streaming(streaming).attributes(state.attributes())
                    .build());
        } catch (RuntimeException ex) {
            LOG.error("Could not record the refused call {}: {}", state.callId(), ex.toString());
        }
    }

    CallCosting costing() {
        return costing;
    }

    Clock clock() {
        return clock;
    }

    /** Configures a {@link BudgetGuard}. */
    public static final class Builder {
        private final List<Budget> budgets = new ArrayList<>();
        private PriceTable prices;
        private CostLedger ledger;
        private Admission admission = Admission.WHILE_REMAINING;
        private int defaultMaxOutputTokens = 4_096;
        private TokenCountEstimator estimator = new CharacterTokenEstimator();
        private BigDecimal unknownPriceReservation = BigDecimal.ZERO;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** A budget to enforce; add several (all must admit a call). */
        public Builder budget(Budget budget) {
            budgets.add(Objects.requireNonNull(budget));
            return this;
        }

        public Builder budgets(List<Budget> list) {
            list.forEach(this::budget);
            return this;
        }

        /** Prices for worst cases and for settling calls without a reported cost; default {@link PriceTable#defaults()}. */
        public Builder priceTable(PriceTable prices) {
            this.prices = prices;
            return this;
        }

        /** Where refused calls are recorded (outcome REFUSED); optional. */
        public Builder ledger(CostLedger ledger) {
            this.ledger = ledger;
            return this;
        }

        /** When calls are admitted; default {@link Admission#WHILE_REMAINING}. */
        public Builder admission(Admission admission) {
            this.admission = Objects.requireNonNull(admission);
            return this;
        }

        /** The output reserved when neither the request nor the price table gives a maximum; default 4,096. */
        public Builder defaultMaxOutputTokens(int tokens) {
            if (tokens < 0) throw new IllegalArgumentException("tokens cannot be negative");
            this.defaultMaxOutputTokens = tokens;
            return this;
        }

        /** How prompt tokens are estimated from the request text; default {@link CharacterTokenEstimator}. */
        public Builder tokenCountEstimator(TokenCountEstimator estimator) {
            this.estimator = Objects.requireNonNull(estimator);
            return this;
        }

        /** What a call to a model without a known price reserves; default 0 (its reported cost still counts). */
        public Builder unknownPriceReservation(BigDecimal usd) {
            this.unknownPriceReservation = Objects.requireNonNull(usd);
            return this;
        }

        /** The clock deciding budget windows; for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public BudgetGuard build() {
            return new BudgetGuard(this);
        }
    }
}
