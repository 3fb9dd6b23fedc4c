package dev.openrouter4j.reliability;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections, for the soak's stability check. */
final class Heap {

    private Heap() {
    }

    /** Used heap after three full collections, in bytes (the smallest of three readings). */
    static long usedAfterGc() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            LibraryThreads.sleep(150);
            min = Math.min(min, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
