package dev.openrouter4j.samples.chatapi;

import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.CostSummary;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.cost.budget.BudgetPeriod;
import dev.openrouter4j.cost.budget.BudgetStatus;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the {@code GET /usage} report from the cost ledger (and the budget guard, when there is one): totals per
 * model, provider and kind, a timeline, each budget's window, and the calls caches answered with the money they
 * saved (from this instance's recent entries). With a database ledger the numbers are the
 * database's SQL totals over every instance (daily timeline); otherwise this instance's entries (hourly timeline). The page's dashboard draws exactly these
 * numbers; nothing is computed in the browser but the layout.
 */
final class UsageReports {

    private UsageReports() {
    }

    static Api.UsageReport of(CostLedger ledger, BudgetGuard guard) {
        List<Api.BudgetLine> budgets = guard == null ? List.of() : budgets(guard);
        List<CostEntry> cached = ledger.entries().stream().filter(e -> e.source() == CostSource.CACHED).toList();
        BigDecimal saved = cached.stream().map(CostEntry::savedCost).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add).stripTrailingZeros();
        if (ledger.store() instanceof JdbcLedgerStore db) {   // every instance's calls, as SQL aggregates
            CostSummary total = db.total(null, null);
            return new Api.UsageReport(line(null, null, null, total),
                    lines(db.byModel(null, null), s -> line(s.key(), null, null, s)),
                    lines(db.byProvider(null, null), s -> line(null, s.key(), null, s)),
                    kinds(db.byKind(null, null)),
                    "day", days(db.byDay(null, null)), budgets, cached.size(), saved);
        }
        return new Api.UsageReport(
                line(null, null, null, ledger.total()),
                lines(ledger.byModel(), s -> line(s.key(), null, null, s)),
                lines(ledger.byProvider(), s -> line(null, s.key(), null, s)),
                kinds(ledger.byKind()),
                "hour", hours(ledger.entries()), budgets, cached.size(), saved);
    }

    private static List<Api.UsageLine> lines(Map<String, CostSummary> groups,
                                             Function<CostSummary, Api.UsageLine> toLine) {
        List<Api.UsageLine> out = new ArrayList<>();
        new TreeMap<>(groups).values().forEach(s -> out.add(toLine.apply(s)));
        return out;
    }

    /** One line per kind of call (chat, embedding, rerank, ...), named by the library's labels, sorted by label. */
    private static List<Api.UsageLine> kinds(Map<OpenRouterCallKind, CostSummary> byKind) {
        Map<String, CostSummary> byLabel = new TreeMap<>();
        byKind.forEach((kind, s) -> byLabel.put(kind.label(), s));
        List<Api.UsageLine> out = new ArrayList<>();
        byLabel.forEach((label, s) -> out.add(line(null, null, label, s)));
        return out;
    }

    private static Api.UsageLine line(String model, String provider, String kind, CostSummary s) {
        return new Api.UsageLine(model, provider, kind, s.calls(), s.ok(), s.errors(), s.cancelled(),
                s.inputTokens(), s.outputTokens(), s.cost(), s.unknown());
    }

    /** Hourly buckets of the entries the ledger keeps in memory, oldest first. */
    static List<Api.UsageBucket> hours(List<CostEntry> entries) {
        TreeMap<Instant, long[]> counts = new TreeMap<>();   // calls, errors, input, output
        TreeMap<Instant, BigDecimal> costs = new TreeMap<>();
        for (CostEntry e : entries) {
            Instant hour = e.startedAt().truncatedTo(ChronoUnit.HOURS);
            long[] c = counts.computeIfAbsent(hour, h -> new long[4]);
            c[0]++;
            if (e.outcome() == CallOutcome.ERROR) c[1]++;
            c[2] += e.inputTokens();
            c[3] += e.outputTokens();
            costs.merge(hour, e.cost() == null ? BigDecimal.ZERO : e.cost(), BigDecimal::add);
        }
        List<Api.UsageBucket> out = new ArrayList<>();
        counts.forEach((hour, c) -> out.add(new Api.UsageBucket(hour.toString(), c[0], c[1], c[2], c[3],
                costs.get(hour))));
        return out;
    }

    /** The database's daily totals (keyed by the UTC date), oldest first. */
    private static List<Api.UsageBucket> days(Map<String, CostSummary> byDay) {
        List<Api.UsageBucket> out = new ArrayList<>();
        new TreeMap<>(byDay).forEach((day, s) -> out.add(new Api.UsageBucket(
                LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant().toString(), s.calls(), s.errors(),
                s.inputTokens(), s.outputTokens(), s.cost())));
        return out;
    }

    private static List<Api.BudgetLine> budgets(BudgetGuard guard) {
        List<Api.BudgetLine> out = new ArrayList<>();
        for (BudgetStatus s : guard.status()) {
            BudgetPeriod p = s.budget().period();
            out.add(new Api.BudgetLine(s.budget().name(), s.key(),
                    p == BudgetPeriod.FOREVER ? "none" : p.name().toLowerCase(Locale.ROOT),
                    s.budget().limit(), s.spent(), s.reserved()));
        }
        return out;
    }
}
