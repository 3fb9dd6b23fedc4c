package dev.openrouter4j.cost.store;

import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSettlement;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Where a {@link dev.openrouter4j.cost.CostLedger} keeps its entries durably, so totals survive a restart (and, for a
 * shared database, so several application instances add to one ledger).
 * <p>
 * Stores are append-only: an entry is never rewritten; a later cost is a {@link CostSettlement} appended beside it.
 * Writes are idempotent by {@link CostEntry#id()} (the generation id, or the call id when there is none): a store
 * that can check it cheaply (the JDBC store, by primary key, across instances) returns false for an id it already
 * holds; an append-only file relies on the ledger's idempotency window and drops duplicates when it is reloaded.
 * Either way a duplicate never counts twice. Implementations are thread-safe. An append that returns has been written
 * under the store's durability policy ("acknowledged").
 */
public interface LedgerStore extends AutoCloseable {

    /**
     * Appends an entry.
     *
     * @return true if written, false if the store knows an entry with that id is already stored
     * @throws LedgerStoreException when it cannot be written
     */
    boolean append(CostEntry entry);

    /**
     * Appends a settlement of an entry's cost.
     *
     * @return true if written, false if that entry was already settled in this store
     * @throws LedgerStoreException when it cannot be written
     */
    boolean appendSettlement(CostSettlement settlement);

    /**
     * Replays everything stored, in the order it was appended (entries before the settlements that reference them).
     * Damaged records (a line torn by a crash, a checksum mismatch) are skipped and counted, never fatal.
     */
    LoadResult load(Visitor visitor);

    /**
     * Replays the entries that started at or after {@code since} and their settlements (a guard starting from the
     * spend of the current budget windows). By default a full {@link #load(Visitor)}, filtered; a database store
     * filters in SQL.
     */
    default LoadResult load(Instant since, Visitor visitor) {
        Set<String> kept = new HashSet<>();
        return load(new Visitor() {
            @Override
            public void entry(CostEntry entry) {
                if (!entry.startedAt().isBefore(since)) {
                    kept.add(entry.id());
                    visitor.entry(entry);
                }
            }

            @Override
            public void settlement(CostSettlement settlement) {
                if (kept.contains(settlement.entryId())) {
                    visitor.settlement(settlement);
                }
            }
        });
    }

    /** Forces everything appended so far to durable storage. */
    void flush();

    /** Flushes and releases the store. */
    @Override
    void close();

    /** Receives the stored records during {@link #load(Visitor)}. */
    interface Visitor {
        void entry(CostEntry entry);

        void settlement(CostSettlement settlement);
    }

    /**
     * What a load found.
     *
     * @param entries     entries replayed
     * @param settlements settlements replayed
     * @param skipped     damaged records skipped (torn or corrupt lines)
     * @param duplicates  records ignored because their id had been seen already
     */
    record LoadResult(long entries, long settlements, long skipped, long duplicates) {
    }
}
