package dev.openrouter4j.cost.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * The window a {@link Budget} limits spending over, in UTC like OpenRouter's own key limits: a day from midnight, a
 * week from Monday midnight, a month from the first, or forever. Spending starts again from zero in each new window.
 */
public enum BudgetPeriod {
    DAY, WEEK, MONTH, FOREVER;

    /** The start of the window that contains the instant. */
    public Instant windowStart(Instant now) {
        LocalDate day = now.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case FOREVER -> LocalDate.of(1970, 1, 1);
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** A readable name of the window that starts at {@code start}, e.g. {@code day 2026-05-22 (UTC)}. */
    public String describe(Instant start) {
        LocalDate d = start.atOffset(ZoneOffset.UTC).toLocalDate();
        return switch (this) {
            case DAY -> "day " + d + " (UTC)";
            case WEEK -> "week from " + d + " (UTC)";
            case MONTH -> "month " + d.getYear() + "-" + String.format("%02d", d.getMonthValue()) + " (UTC)";
            case FOREVER -> "all time";
        };
    }
}
