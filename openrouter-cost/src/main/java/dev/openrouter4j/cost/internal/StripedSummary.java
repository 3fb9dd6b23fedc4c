package dev.openrouter4j.cost.internal;

import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSummary;

import java.math.BigDecimal;

/**
 * Exact totals split over a few {@link SummaryAccumulator}s chosen by thread, so that threads recording entries of
 * the same model, provider or tenant rarely wait for each other. Reading sums the stripes: exact, though not an atomic
 * snapshot across stripes while writers are running.
 */
public final class StripedSummary {

    private final SummaryAccumulator[] stripes;
    private final int mask;

    /** @param stripes a power of two */
    public StripedSummary(int stripes) {
        if (Integer.bitCount(stripes) != 1) throw new IllegalArgumentException("stripes must be a power of two");
        this.stripes = new SummaryAccumulator[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new SummaryAccumulator();
        }
        this.mask = stripes - 1;
    }

    private SummaryAccumulator mine() {
        return stripes[(int) (Thread.currentThread().getId() & mask)];
    }

    public void add(CostEntry e) {
        mine().add(e);
    }

    public void replace(CostEntry before, CostEntry after) {
        mine().replace(before, after);
    }

    public BigDecimal cost() {
        BigDecimal sum = BigDecimal.ZERO;
        for (SummaryAccumulator s : stripes) {
            sum = sum.add(s.cost());
        }
        return Decimals.normalize(sum);
    }

    public long unknown() {
        long n = 0;
        for (SummaryAccumulator s : stripes) {
            n += s.unknown();
        }
        return n;
    }

    public CostSummary snapshot(String key) {
        CostSummary sum = CostSummary.empty(key);
        for (SummaryAccumulator s : stripes) {
            sum = sum.plus(key, s.snapshot(key));
        }
        return sum;
    }
}
