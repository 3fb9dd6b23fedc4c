package dev.openrouter4j.cost.budget;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.audio.AudioTranscriptionModel;
import dev.langchain4j.model.audio.TextToSpeechModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.cost.internal.KindCosting;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
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
import dev.openrouter4j.langchain4j.logging.Log;

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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Enforces {@link Budget}s by refusing calls <em>before</em> they are sent, something a {@code ChatModelListener}
 * cannot do (LangChain4j swallows listener exceptions). It decorates a {@link ChatModel} or
 * {@link StreamingChatModel}, and the other kinds of model: {@link EmbeddingModel}, {@link ScoringModel},
 * {@link ImageModel}, {@link TextToSpeechModel} and {@link AudioTranscriptionModel}, each reserving a worst case that
 * fits its kind (tokens, search units, images, characters, seconds; see the module README):
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
 * Where budgets are counted is a {@link BudgetStore}: by default in this process (guard every model that should share
 * budgets with the same guard); with a {@link JdbcBudgetStore}, in a database shared by every instance, where
 * reservations carry a lease the guard renews while the call runs. Either way a guard whose ledger has a durable
 * store starts from the spend the ledger holds for the current windows, so a restart does not reset a budget. If the
 * store cannot be reached, the {@link StoreFailurePolicy} decides (default: refuse). Thread-safe; the store's
 * concurrency rule is written on {@link BudgetStore}.
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
    private final BudgetStore store;
    private final StoreFailurePolicy onStoreFailure;
    private final Duration leaseDuration;
    private final LeaseRenewer renewer;
    private final KindCosting kindCosting;
    private final WorstCase worstCases;

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
        this.store = b.store == null ? BudgetStore.inMemory() : b.store;
        this.onStoreFailure = b.onStoreFailure;
        this.leaseDuration = b.leaseDuration;
        if (b.startFromLedger && ledger != null && ledger.store() != null) {
            LedgerSpend.seed(this.store, budgets, ledger.store(), clock.instant());
        }
        this.renewer = store.usesLeases() ? new LeaseRenewer(store, leaseDuration, clock) : null;
        this.kindCosting = new KindCosting(this.prices);
        this.worstCases = new WorstCase(this.prices, estimator, unknownPriceReservation);
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

    /**
     * An {@link EmbeddingModel} that reserves before every call the inputs' estimated tokens at the model's prompt
     * price and settles to the call's cost (see the module README for every kind's worst case).
     */
    public EmbeddingModel guard(EmbeddingModel model) {
        return new GuardedEmbeddingModel(this, Objects.requireNonNull(model, "model"));
    }

    /** A {@link ScoringModel} (reranker) that reserves one search unit per 100 documents before every call. */
    public ScoringModel guard(ScoringModel model) {
        return new GuardedScoringModel(this, Objects.requireNonNull(model, "model"));
    }

    /** An {@link ImageModel} that reserves {@code n} images at the model's per-image price before every call. */
    public ImageModel guard(ImageModel model) {
        return new GuardedImageModel(this, Objects.requireNonNull(model, "model"));
    }

    /** A {@link TextToSpeechModel} that reserves the text's characters at the per-character price before every call. */
    public TextToSpeechModel guard(TextToSpeechModel model) {
        return new GuardedTextToSpeechModel(this, Objects.requireNonNull(model, "model"));
    }

    /**
     * An {@link AudioTranscriptionModel} that reserves the audio's worst-case seconds at the per-second price before
     * every call. Only an {@code OpenRouterAudioTranscriptionModel} tells its cost; another model's calls keep their
     * worst case as spent.
     */
    public AudioTranscriptionModel guard(AudioTranscriptionModel model) {
        return new GuardedAudioTranscriptionModel(this, Objects.requireNonNull(model, "model"));
    }

    /**
     * Runs one non-chat call under the budgets: reserves {@code worstCase} (or refuses, recording the refusal), runs
     * the call, and settles to what {@code cost} reads from its result (null: unknown, the worst case stays spent);
     * a failed call settles to what it may have cost (nothing for an HTTP error, the worst case when unknown).
     */
    <T> T guarded(OpenRouterCallKind kind, String model, BigDecimal worstCase, Supplier<T> call,
                  Function<T, BigDecimal> cost) {
        CallState state = CallState.capture(clock, null);
        Reservation reservation = reserve(kind, model, worstCase, state.attributes(), state, false);
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            if (e instanceof BudgetExceededException) {
                reservation.release(); // refused further down: nothing was sent
            } else {
                reservation.settle(kindCosting.fromError(state, kind, model, e).cost());
            }
            throw e;
        }
        BigDecimal actual;
        try {
            actual = cost.apply(result);
        } catch (RuntimeException e) {
            LOG.warn("Could not read the cost of a {} call to {} ({}); its worst case stays spent", kind, model,
                    e.toString());
            actual = null;
        }
        reservation.settle(actual);
        return result;
    }

    /** What a call cost: the reported cost, else its units and tokens at the catalog's prices, else null. */
    BigDecimal costOf(OpenRouterCallKind kind, String model, BigDecimal reported, int in, int out, BilledUnits units) {
        return reported != null ? reported : kindCosting.price(kind, model, in, out, units).cost();
    }

    WorstCase worstCases() {
        return worstCases;
    }

    /** The budgets this guard enforces. */
    public List<Budget> budgets() {
        return budgets;
    }

    /** Every budget and key with activity in its current window (from the store: all instances when shared). */
    public List<BudgetStatus> status() {
        Instant now = clock.instant();
        Map<String, Instant> windows = new LinkedHashMap<>();
        Map<String, Budget> byName = new HashMap<>();
        for (Budget budget : budgets) {
            windows.put(budget.name(), budget.period().windowStart(now));
            byName.put(budget.name(), budget);
        }
        List<BudgetStatus> out = new ArrayList<>();
        store.accounts(windows, now).forEach((a, t) -> out.add(status(byName.get(a.budget()), a, t)));
        out.sort(Comparator.comparing((BudgetStatus s) -> s.budget().name()).thenComparing(BudgetStatus::key));
        return out;
    }

    /** Where one budget stands for one key ({@code *}, a model id, or {@code attribute=value}) right now. */
    public BudgetStatus status(String budgetName, String key) {
        Budget budget = budgets.stream().filter(x -> x.name().equals(budgetName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no budget named " + budgetName));
        Instant now = clock.instant();
        BudgetStore.Account account = new BudgetStore.Account(budgetName, key, budget.period().windowStart(now));
        return status(budget, account, store.totals(account, now));
    }

    private static BudgetStatus status(Budget budget, BudgetStore.Account a, BudgetStore.Totals t) {
        return new BudgetStatus(budget, a.key(), a.windowStart(), Decimals.normalize(t.spent()),
                Decimals.normalize(t.reserved()),
                Decimals.normalize(budget.limit().subtract(t.spent()).subtract(t.reserved())));
    }

    /** Where this guard keeps its budgets' spend and reservations. */
    public BudgetStore store() {
        return store;
    }

    /** Stops renewing leases (a shared store); calls still in flight then hold their reservation until it expires. */
    public void close() {
        if (renewer != null) {
            renewer.close();
        }
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
     * {@link BudgetExceededException} (after recording the refusal in the ledger), or, when the store cannot be
     * reached, follows the {@link StoreFailurePolicy}.
     */
    Reservation reserve(ChatRequest merged, Map<String, String> attributes, CallState state, boolean streaming) {
        String model = merged.parameters() == null ? null : merged.parameters().modelName();
        return reserve(OpenRouterCallKind.CHAT, model, worstCase(merged), attributes, state, streaming);
    }

    /** {@link #reserve(ChatRequest, Map, CallState, boolean)} for a call of any kind whose worst case is known. */
    Reservation reserve(OpenRouterCallKind kind, String model, BigDecimal amount, Map<String, String> attributes,
                        CallState state, boolean streaming) {
        Instant now = clock.instant();
        List<Budget> applying = new ArrayList<>(budgets.size());
        List<BudgetStore.Claim> claims = new ArrayList<>(budgets.size());
        for (Budget budget : budgets) {
            String key = budget.keyFor(model, attributes);
            if (key == null) continue;
            applying.add(budget);
            claims.add(new BudgetStore.Claim(
                    new BudgetStore.Account(budget.name(), key, budget.period().windowStart(now)), budget.limit()));
        }
        List<BudgetStore.Account> accounts = claims.stream().map(BudgetStore.Claim::account).toList();
        String id = state.callId();
        BudgetStore.Refusal refusal;
        try {
            refusal = store.reserve(id, claims, amount, admission, now, leaseDuration);
        } catch (BudgetStoreException e) {
            if (onStoreFailure == StoreFailurePolicy.REFUSE) {
                BudgetUnavailableException refused = new BudgetUnavailableException(model, e);
                recordRefusal(kind, model, state, refused, streaming);
                throw refused;
            }
            LOG.warn("The budget store could not be reached ({}); sending the call to {} without a budget check, as"
                    + " the store failure policy ADMIT says", e.getMessage(), model);
            return new Reservation(this, id, accounts, null, amount);
        }
        if (refusal != null) {
            Budget budget = applying.get(refusal.claim());
            BudgetStore.Account a = accounts.get(refusal.claim());
            BudgetExceededException e = new BudgetExceededException(budget, a.key(),
                    budget.period().describe(a.windowStart()), Decimals.normalize(refusal.totals().spent()),
                    Decimals.normalize(refusal.totals().reserved()), amount, model);
            recordRefusal(kind, model, state, e, streaming);
            throw e;
        }
        Reservation r = new Reservation(this, id, accounts, amount, amount);
        if (renewer != null) {
            renewer.add(r);
        }
        return r;
    }

    /** Settles a reservation: releases the worst case and adds the real cost (or the worst case when unknown). */
    void settle(Reservation r, BigDecimal actual) {
        if (renewer != null) {
            renewer.remove(r);
        }
        BigDecimal spent = actual != null ? actual : r.worstCase();
        try {
            store.settle(r.id(), r.accounts(), r.reserved(), spent);
        } catch (BudgetStoreException e) {
            LOG.error("Could not add ${} of call {} to its budgets ({}); its reservation expires with its lease",
                    spent.toPlainString(), r.id(), e.getMessage());
        }
    }

    /** Releases a reservation for a call that was never sent. */
    void release(Reservation r) {
        if (renewer != null) {
            renewer.remove(r);
        }
        try {
            store.release(r.id(), r.accounts(), r.reserved());
        } catch (BudgetStoreException e) {
            LOG.warn("Could not release the reservation of call {} ({}); it expires with its lease", r.id(),
                    e.getMessage());
        }
    }

    private void recordRefusal(OpenRouterCallKind kind, String model, CallState state, RuntimeException e,
                               boolean streaming) {
        if (ledger == null) {
            return;
        }
        try {
            ledger.record(CostEntry.builder()
                    .id(state.callId()).callId(state.callId()).kind(kind)
                    .startedAt(state.startedAt()).duration(Duration.ZERO)
                    .requestedModel(model)
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
        private BudgetStore store;
        private StoreFailurePolicy onStoreFailure = StoreFailurePolicy.REFUSE;
        private Duration leaseDuration = Duration.ofSeconds(60);
        private boolean startFromLedger = true;

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

        /**
         * Where refused calls are recorded (outcome REFUSED); optional. When it has a durable store, the guard
         * starts from the spend it holds in the current windows (see {@link #startFromLedger(boolean)}).
         */
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

        /**
         * Where spend and reservations are kept: default {@link BudgetStore#inMemory()} (this process); a
         * {@link JdbcBudgetStore} shares the budgets with every instance using the same database.
         */
        public Builder store(BudgetStore store) {
            this.store = Objects.requireNonNull(store);
            return this;
        }

        /** What to do with a call when the store cannot be reached; default {@link StoreFailurePolicy#REFUSE}. */
        public Builder onStoreFailure(StoreFailurePolicy policy) {
            this.onStoreFailure = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * How long a reservation in a shared store counts without renewal (default 60 s). The guard renews the
         * leases of its calls in flight every third of it, so a long stream keeps its reservation; a process that
         * died stops holding budget at most this long after.
         */
        public Builder leaseDuration(Duration lease) {
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("leaseDuration must be positive: " + lease);
            }
            this.leaseDuration = lease;
            return this;
        }

        /**
         * Whether the guard starts from the spend the {@link #ledger(CostLedger) ledger}'s durable store holds for
         * the current windows (default true): after a restart, a monthly budget goes on from what the month has
         * spent. Accounts a shared store already holds are left as they are.
         */
        public Builder startFromLedger(boolean start) {
            this.startFromLedger = start;
            return this;
        }

        public BudgetGuard build() {
            return new BudgetGuard(this);
        }
    }
}
