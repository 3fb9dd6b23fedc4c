package dev.openrouter4j.cost;

import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.cost.internal.BoundedIdSet;
import dev.openrouter4j.cost.internal.StripedSummary;
import dev.openrouter4j.cost.store.LedgerStore;
import dev.openrouter4j.cost.store.LedgerStoreException;
import dev.openrouter4j.langchain4j.logging.Log;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The record of what every call cost: exact totals, summaries by model, provider, kind and attribute, and a window of the
 * most recent entries, optionally backed by a durable {@link LedgerStore}.
 * <p>
 * It exists to answer "what did we spend, on what, for whom" exactly: money is {@link BigDecimal} end to end, and
 * {@link #totalCost()} always equals the sum of the known costs of the entries recorded (compare with
 * {@code compareTo}). Entries whose cost is unknown are counted beside the total ({@link #unknownCount()}), never as
 * zero.
 * <p>
 * Memory is bounded: summaries are kept whole for ever (one per model, provider and attribute value), entries only
 * in a window of the most recent {@link Builder#entryWindow(int)} (default 10,000), and idempotency keys in a window
 * of {@link Builder#idempotencyWindow(int)} (default 100,000). Recording is thread-safe and exact under contention:
 * every summary is split over a few lock stripes chosen by thread (16 for the grand total, 4 per key), and the entry
 * window is a lock-free ring. A total read while writers run is exact for the entries it includes.
 * <pre>{@code
 * CostLedger ledger = new CostLedger();                     // in memory
 * CostLedger durable = new CostLedger(JsonLinesLedgerStore.open(path)); // reloads, then appends
 * }</pre>
 */
public final class CostLedger implements AutoCloseable {

    private static final Log LOG = Log.of(CostLedger.class);
    private static final String UNKNOWN_KEY = "(unknown)";
    private static final int TOTAL_STRIPES = 16;
    private static final int KEY_STRIPES = 4;

    private final LedgerStore store;
    private final StripedSummary total = new StripedSummary(TOTAL_STRIPES);
    private final ConcurrentHashMap<String, StripedSummary> byModel = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, StripedSummary> byProvider = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, StripedSummary> byKind = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, StripedSummary>> byAttribute =
            new ConcurrentHashMap<>();
    private final AtomicReferenceArray<Slot> ring;
    private final AtomicLong sequence = new AtomicLong();
    private final BoundedIdSet seenIds;
    private final ConcurrentHashMap<String, Slot> unresolved = new ConcurrentHashMap<>();
    private final int maxUnresolved;
    private final CopyOnWriteArrayList<CostLedgerListener> listeners = new CopyOnWriteArrayList<>();
    private final LedgerStore.LoadResult loadResult;

    /** A slot of the entry window; settlement replaces its entry. */
    private static final class Slot {
        final long seq;
        volatile CostEntry entry;

        Slot(long seq, CostEntry entry) {
            this.seq = seq;
            this.entry = entry;
        }
    }

    /** An in-memory ledger with the default windows. */
    public CostLedger() {
        this(builder());
    }

    /** A ledger backed by a store: everything stored is reloaded first, then every new entry is appended to it. */
    public CostLedger(LedgerStore store) {
        this(builder().store(store));
    }

    private CostLedger(Builder b) {
        this.ring = new AtomicReferenceArray<>(b.entryWindow);
        this.seenIds = new BoundedIdSet(b.idempotencyWindow);
        this.maxUnresolved = b.maxUnresolved;
        this.store = b.store;
        this.loadResult = store == null ? new LedgerStore.LoadResult(0, 0, 0, 0) : store.load(new LedgerStore.Visitor() {
            @Override
            public void entry(CostEntry entry) {
                if (seenIds.add(entry.id())) {
                    apply(entry);
                }
            }

            @Override
            public void settlement(CostSettlement settlement) {
                applySettlement(settlement);
            }
        });
        if (store != null) {
            LOG.debug("Ledger reloaded: {}", loadResult);
        }
    }

    /** A builder for a ledger with a store or other window sizes. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Records an entry: it joins the totals and summaries, the entry window and, when there is a store, is appended
     * to it before this method returns (so a returned call is acknowledged under the store's durability policy).
     *
     * @return false when an entry with the same id was already recorded (idempotent; nothing changes)
     * @throws LedgerStoreException when the store failed; the entry is still counted in memory
     */
    public boolean record(CostEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (!seenIds.add(entry.id())) {
            return false;
        }
        RuntimeException storeFailure = null;
        if (store != null) {
            try {
                if (!store.append(entry)) {
                    return false;
                }
            } catch (RuntimeException e) {
                storeFailure = e;
            }
        }
        apply(entry);
        for (CostLedgerListener l : listeners) {
            try {
                l.onEntry(entry);
            } catch (RuntimeException e) {
                LOG.warn("A ledger listener failed on entry {}", entry.id(), e);
            }
        }
        if (storeFailure != null) {
            throw storeFailure instanceof LedgerStoreException lse ? lse
                    : new LedgerStoreException("could not store entry " + entry.id(), storeFailure);
        }
        return true;
    }

    /**
     * Settles the cost of an entry whose cost was unknown (e.g. a cancelled stream reconciled through
     * {@code GET /generation}): totals and summaries move by the difference, the entry (in the window) shows the new
     * cost, and a settlement is appended to the store. Only entries with an unknown cost can be settled, and only
     * once, so that a reload of the store reproduces exactly the same totals.
     *
     * @return false when no entry with that id awaits a settlement (unknown id, known cost, or already settled)
     */
    public boolean settle(CostSettlement settlement) {
        Objects.requireNonNull(settlement, "settlement");
        Slot slot = pendingSlot(settlement.entryId());
        if (slot == null || slot.entry.settledAt() != null) {
            return false;
        }
        if (store != null && !store.appendSettlement(settlement)) {
            return false;
        }
        CostEntry[] change = applySettlement(settlement);
        if (change == null) {
            return false;
        }
        for (CostLedgerListener l : listeners) {
            try {
                l.onSettlement(change[0], change[1]);
            } catch (RuntimeException e) {
                LOG.warn("A ledger listener failed on settlement of {}", settlement.entryId(), e);
            }
        }
        return true;
    }

    private void apply(CostEntry e) {
        total.add(e);
        accumulator(byModel, keyOf(e.model())).add(e);
        accumulator(byProvider, keyOf(e.provider())).add(e);
        accumulator(byKind, e.kind().label()).add(e);
        for (Map.Entry<String, String> a : e.attributes().entrySet()) {
            ConcurrentHashMap<String, StripedSummary> values = byAttribute.get(a.getKey());
            if (values == null) {
                values = byAttribute.computeIfAbsent(a.getKey(), k -> new ConcurrentHashMap<>());
            }
            accumulator(values, a.getValue()).add(e);
        }
        long seq = sequence.getAndIncrement();
        Slot slot = new Slot(seq, e);
        ring.set((int) (seq % ring.length()), slot);
        if (e.isCostUnknown()) {
            if (unresolved.size() < maxUnresolved) {
                unresolved.put(e.id(), slot);
            } else {
                LOG.warn("More than {} entries await reconciliation; {} will not be reconcilable from memory",
                        maxUnresolved, e.id());
            }
        }
    }

    /** Applies a settlement to the in-memory state; returns {before, after} or null when not applicable. */
    private CostEntry[] applySettlement(CostSettlement s) {
        Slot slot = pendingSlot(s.entryId());
        if (slot == null) {
            return null;
        }
        CostEntry before;
        CostEntry after;
        synchronized (slot) {
            before = slot.entry;
            if (before.settledAt() != null) {
                return null;
            }
            after = before.settledWith(s);
            slot.entry = after;
        }
        unresolved.remove(s.entryId(), slot);
        total.replace(before, after);
        // a settled entry stays in the model and provider groups it was first counted in
        accumulator(byModel, keyOf(before.model())).replace(before, after);
        accumulator(byProvider, keyOf(before.provider())).replace(before, after);
        accumulator(byKind, before.kind().label()).replace(before, after);
        for (Map.Entry<String, String> a : before.attributes().entrySet()) {
            accumulator(byAttribute.computeIfAbsent(a.getKey(), k -> new ConcurrentHashMap<>()), a.getValue())
                    .replace(before, after);
        }
        return new CostEntry[]{before, after};
    }

    /** The slot of an entry awaiting a settlement (its cost is unknown), or null. */
    private Slot pendingSlot(String id) {
        return unresolved.get(id);
    }

    private Slot findSlot(String id) {
        Slot s = unresolved.get(id);
        if (s != null) {
            return s;
        }
        long end = sequence.get();
        long start = Math.max(0, end - ring.length());
        for (long i = end - 1; i >= start; i--) {
            Slot slot = ring.get((int) (i % ring.length()));
            if (slot != null && slot.seq == i && slot.entry.id().equals(id)) {
                return slot;
            }
        }
        return null;
    }

    private static StripedSummary accumulator(ConcurrentHashMap<String, StripedSummary> map, String key) {
        StripedSummary acc = map.get(key);
        return acc != null ? acc : map.computeIfAbsent(key, k -> new StripedSummary(KEY_STRIPES));
    }

    private static String keyOf(String s) {
        return s == null || s.isBlank() ? UNKNOWN_KEY : s;
    }

    /** The exact sum of every known cost recorded (settlements included). */
    public BigDecimal totalCost() {
        return total.cost();
    }

    /** How many recorded entries have an unknown cost (not in {@link #totalCost()}). */
    public long unknownCount() {
        return total.unknown();
    }

    /** The summary of everything recorded (key {@code *}). */
    public CostSummary total() {
        return total.snapshot("*");
    }

    /** The most recent entries (at most the window size), oldest first, settled ones as settled. */
    public List<CostEntry> entries() {
        long end = sequence.get();
        long start = Math.max(0, end - ring.length());
        List<CostEntry> out = new ArrayList<>((int) (end - start));
        for (long i = start; i < end; i++) {
            Slot slot = ring.get((int) (i % ring.length()));
            if (slot != null && slot.seq == i) {
                out.add(slot.entry);
            }
        }
        return out;
    }

    /** The entry with this id, if it is still in the window or awaiting reconciliation. */
    public Optional<CostEntry> entry(String id) {
        Slot s = findSlot(id);
        return s == null ? Optional.empty() : Optional.of(s.entry);
    }

    /** Entries whose cost is unknown and that have a generation id, so they can be reconciled. */
    public List<CostEntry> unresolved() {
        List<CostEntry> out = new ArrayList<>();
        for (Slot s : unresolved.values()) {
            CostEntry e = s.entry;
            if (e.isCostUnknown() && e.generationId() != null && e.settledAt() == null) {
                out.add(e);
            }
        }
        return out;
    }

    /** Summaries by the model that answered, sorted by model id. */
    public Map<String, CostSummary> byModel() {
        return snapshot(byModel);
    }

    /** Summaries by upstream provider, sorted by name. */
    public Map<String, CostSummary> byProvider() {
        return snapshot(byProvider);
    }

    /**
     * Summaries by the kind of call (chat, embedding, rerank, image, speech, transcription), in
     * {@link OpenRouterCallKind} order; kinds without calls are left out. Each summary's key is the kind's label.
     */
    public Map<OpenRouterCallKind, CostSummary> byKind() {
        Map<OpenRouterCallKind, CostSummary> out = new EnumMap<>(OpenRouterCallKind.class);
        byKind.forEach((label, v) -> out.put(OpenRouterCallKind.fromLabel(label), v.snapshot(label)));
        return Collections.unmodifiableMap(out);
    }

    /** Summaries by the values of one attribute (e.g. {@code tenant}), sorted by value. */
    public Map<String, CostSummary> byAttribute(String key) {
        ConcurrentHashMap<String, StripedSummary> values = byAttribute.get(key);
        return values == null ? Map.of() : snapshot(values);
    }

    /** The attribute keys seen so far. */
    public Set<String> attributeKeys() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(byAttribute.keySet()));
    }

    private static Map<String, CostSummary> snapshot(ConcurrentHashMap<String, StripedSummary> map) {
        TreeMap<String, CostSummary> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.snapshot(k)));
        return Collections.unmodifiableMap(out);
    }

    /** What reloading the store found when this ledger was created. */
    public LedgerStore.LoadResult loadResult() {
        return loadResult;
    }

    /** The store, or null for an in-memory ledger. */
    public LedgerStore store() {
        return store;
    }

    public void addListener(CostLedgerListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(CostLedgerListener listener) {
        listeners.remove(listener);
    }

    /** Flushes the store to durable storage (no-op in memory). */
    public void flush() {
        if (store != null) {
            store.flush();
        }
    }

    /** Flushes and closes the store. */
    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "CostLedger{total=" + totalCost().toPlainString() + ", unknown=" + unknownCount() + ", entries="
                + sequence.get() + ", store=" + store + '}';
    }

    /** Configures a {@link CostLedger}. */
    public static final class Builder {
        private LedgerStore store;
        private int entryWindow = 10_000;
        private int idempotencyWindow = 100_000;
        private int maxUnresolved = 100_000;

        private Builder() {
        }

        /** A durable store to reload from and append to. */
        public Builder store(LedgerStore store) {
            this.store = store;
            return this;
        }

        /** How many recent entries {@link #entries()} keeps (default 10,000); summaries are always whole. */
        public Builder entryWindow(int entries) {
            if (entries < 1) throw new IllegalArgumentException("entryWindow must be positive");
            this.entryWindow = entries;
            return this;
        }

        /**
         * How many recent ids are remembered to ignore duplicates (default 100,000). A store enforces uniqueness
         * over everything it holds (the JDBC store by primary key, the file store on reload).
         */
        public Builder idempotencyWindow(int ids) {
            if (ids < 1) throw new IllegalArgumentException("idempotencyWindow must be positive");
            this.idempotencyWindow = ids;
            return this;
        }

        /** How many unknown-cost entries are kept for reconciliation beyond the window (default 100,000). */
        public Builder maxUnresolved(int entries) {
            this.maxUnresolved = entries;
            return this;
        }

        public CostLedger build() {
            return new CostLedger(this);
        }
    }
}
