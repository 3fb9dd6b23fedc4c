package dev.openrouter4j.cost.budget;

import java.math.BigDecimal;

/** The admission rule in one place, so every {@link BudgetStore} decides alike. */
final class Admit {

    private Admit() {
    }

    /** Whether a call reserving {@code amount} may start on an account holding {@code spent} and {@code reserved}. */
    static boolean admits(Admission admission, BigDecimal spent, BigDecimal reserved, BigDecimal amount,
                          BigDecimal limit) {
        BigDecimal committed = spent.add(reserved);
        return switch (admission) {
            case WHILE_REMAINING -> committed.compareTo(limit) < 0;
            case WORST_CASE_FITS -> committed.add(amount).compareTo(limit) <= 0;
        };
    }
}
