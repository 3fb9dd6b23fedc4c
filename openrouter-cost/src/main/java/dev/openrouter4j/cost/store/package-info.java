/**
 * Durable, append-only ledgers: a JSON-lines file with per-line checksums and a choice of fsync policy
 * ({@link dev.openrouter4j.cost.store.JsonLinesLedgerStore}) for one instance, and SQL tables
 * ({@link dev.openrouter4j.cost.store.JdbcLedgerStore}) for many instances sharing one ledger.
 */
package dev.openrouter4j.cost.store;
