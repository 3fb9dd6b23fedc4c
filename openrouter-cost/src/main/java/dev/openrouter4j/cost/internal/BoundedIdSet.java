package dev.openrouter4j.cost.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A concurrent set that remembers the most recent {@code capacity} ids: adding beyond that forgets the oldest. Used
 * for idempotency without unbounded growth.
 */
public final class BoundedIdSet {

    private final ConcurrentHashMap<String, Boolean> ids;
    private final AtomicReferenceArray<String> order;
    private final AtomicLong next = new AtomicLong();

    public BoundedIdSet(int capacity) {
        this.ids = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
        this.order = new AtomicReferenceArray<>(capacity);
    }

    /** Adds the id; false when it is already remembered. */
    public boolean add(String id) {
        if (ids.putIfAbsent(id, Boolean.TRUE) != null) {
            return false;
        }
        long n = next.getAndIncrement();
        String evicted = order.getAndSet((int) (n % order.length()), id);
        if (evicted != null) {
            ids.remove(evicted);
        }
        return true;
    }

    public boolean contains(String id) {
        return ids.containsKey(id);
    }
}
