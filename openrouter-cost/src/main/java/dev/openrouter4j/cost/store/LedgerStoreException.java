package dev.openrouter4j.cost.store;

/**
 * A {@link LedgerStore} could not write or read (I/O or SQL failure); the cause says why. Unchecked, because a
 * ledger that cannot store an entry still counts it in memory and the caller decides whether that is fatal.
 */
public class LedgerStoreException extends RuntimeException {

    public LedgerStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public LedgerStoreException(String message) {
        super(message);
    }
}
