package dev.openrouter4j.cost;

import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.cost.internal.Decimals;
import dev.openrouter4j.cost.internal.EntryCodec;
import dev.openrouter4j.cost.store.JdbcLedgerStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a ledger's summaries (total, by model, by provider, by kind of call, by attribute) rendered as a plain-text table for
 * logs and consoles, or exported as CSV or JSON for spreadsheets and dashboards. From a {@link CostLedger} it shows what
 * this instance knows; from a {@link JdbcLedgerStore} it shows what every instance recorded (SQL aggregates), also by
 * UTC day.
 * <pre>{@code
 * System.out.println(CostReport.of(ledger).toText());
 * Files.writeString(Path.of("costs.csv"), CostReport.of(ledger).toCsv());
 * }</pre>
 * CSV and JSON carry exact amounts; the text table shows up to 10 decimals (rounded beyond, for reading only). In the
 * text table, an attribute section has a {@code (no <attribute>)} row for the calls without that attribute.
 */
public final class CostReport {

    private static final String[] COLUMNS = {"calls", "ok", "errors", "cancelled", "refused", "input", "output",
            "cached", "cache_write", "reasoning", "cost_usd", "reported", "estimated", "unknown"};

    private final CostSummary total;
    private final Map<String, Map<String, CostSummary>> sections;

    private CostReport(CostSummary total, Map<String, Map<String, CostSummary>> sections) {
        this.total = total;
        this.sections = sections;
    }

    /** A report of everything: total, by model, by provider, and by every attribute seen. */
    public static CostReport of(CostLedger ledger) {
        return of(ledger, ledger.attributeKeys().toArray(String[]::new));
    }

    /** A report with the total, by model, by provider, and by the given attributes only. */
    public static CostReport of(CostLedger ledger, String... attributeKeys) {
        Map<String, Map<String, CostSummary>> sections = new LinkedHashMap<>();
        sections.put("model", ledger.byModel());
        sections.put("provider", ledger.byProvider());
        sections.put("kind", byLabel(ledger.byKind()));
        for (String key : attributeKeys) {
            sections.put(key, ledger.byAttribute(key));
        }
        return new CostReport(ledger.total(), Collections.unmodifiableMap(sections));
    }

    /**
     * A report from a JDBC ledger's database, the same on every instance: SQL aggregates over what all instances
     * recorded, by model, provider, UTC day, and by every attribute key recorded.
     */
    public static CostReport of(JdbcLedgerStore store) {
        return of(store, null, null, store.attributeKeys().toArray(String[]::new));
    }

    /**
     * A report from a JDBC ledger's database of the calls that started in {@code [from, to)} (either may be null:
     * open): total, by model, provider, UTC day, and by the given attributes.
     */
    public static CostReport of(JdbcLedgerStore store, Instant from, Instant to, String... attributeKeys) {
        Map<String, Map<String, CostSummary>> sections = new LinkedHashMap<>();
        sections.put("model", store.byModel(from, to));
        sections.put("provider", store.byProvider(from, to));
        sections.put("kind", byLabel(store.byKind(from, to)));
        sections.put("day", store.byDay(from, to));
        for (String key : attributeKeys) {
            sections.put(key, store.byAttribute(key, from, to));
        }
        return new CostReport(store.total(from, to), Collections.unmodifiableMap(sections));
    }

    private static Map<String, CostSummary> byLabel(Map<OpenRouterCallKind, CostSummary> byKind) {
        Map<String, CostSummary> out = new LinkedHashMap<>();
        byKind.forEach((k, v) -> out.put(k.label(), v));
        return Collections.unmodifiableMap(out);
    }

    public CostSummary total() {
        return total;
    }

    /** Rows by dimension: {@code model}, {@code provider}, {@code kind} (and {@code day} from JDBC), then one per attribute key. */
    public Map<String, Map<String, CostSummary>> sections() {
        return sections;
    }

    /** A plain-text table, one section per dimension. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("OpenRouter cost report: $").append(display(total.cost())).append(" over ").append(total.calls())
                .append(total.calls() == 1 ? " call" : " calls");
        if (total.unknown() > 0) {
            sb.append(", ").append(total.unknown()).append(" with unknown cost (not in the total)");
        }
        sb.append('\n');
        for (Map.Entry<String, Map<String, CostSummary>> section : sections.entrySet()) {
            if (section.getValue().isEmpty()) continue;
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"by " + section.getKey(), "calls", "errors", "input", "output", "cached",
                    "reasoning", "cost_usd", "source"});
            CostSummary covered = CostSummary.empty("*");
            for (CostSummary s : section.getValue().values()) {
                rows.add(textRow(s.key(), s));
                covered = covered.plus("*", s);
            }
            if (covered.calls() < total.calls()) {
                rows.add(textRow("(no " + section.getKey() + ")", minus(total, covered)));
            }
            rows.add(textRow("total", total));
            sb.append('\n');
            table(sb, rows);
        }
        return sb.toString();
    }

    private static CostSummary minus(CostSummary a, CostSummary b) {
        return new CostSummary(a.key(), a.calls() - b.calls(), a.ok() - b.ok(), a.errors() - b.errors(),
                a.cancelled() - b.cancelled(), a.refused() - b.refused(), a.inputTokens() - b.inputTokens(),
                a.outputTokens() - b.outputTokens(), a.cachedTokens() - b.cachedTokens(),
                a.cacheWriteTokens() - b.cacheWriteTokens(), a.reasoningTokens() - b.reasoningTokens(),
                a.cost().subtract(b.cost()), a.reported() - b.reported(), a.estimated() - b.estimated(),
                a.unknown() - b.unknown());
    }

    private static String[] textRow(String key, CostSummary s) {
        return new String[]{key, Long.toString(s.calls()), Long.toString(s.errors() + s.cancelled() + s.refused()),
                Long.toString(s.inputTokens()), Long.toString(s.outputTokens()), Long.toString(s.cachedTokens()),
                Long.toString(s.reasoningTokens()), display(s.cost()), source(s)};
    }

    /** Where the costs came from: one word when all calls agree, else the counts of each source. */
    private static String source(CostSummary s) {
        long notBilled = s.calls() - s.reported() - s.estimated() - s.unknown();
        long[] counts = {s.reported(), s.estimated(), s.unknown(), notBilled};
        String[] names = {"reported", "estimated", "unknown", "not billed"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == s.calls() && s.calls() > 0) {
                return names[i];
            }
            if (counts[i] > 0) {
                parts.add(counts[i] + " " + names[i]);
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], r[i].length());
        }
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            if (n == rows.size() - 1) {
                rule(sb, width);
            }
            for (int i = 0; i < cols; i++) {
                if (i == 0) sb.append(String.format("%-" + width[i] + "s", r[i]));
                else sb.append("  ").append(String.format("%" + width[i] + "s", r[i]));
            }
            sb.append('\n');
            if (n == 0) {
                rule(sb, width);
            }
        }
    }

    private static void rule(StringBuilder sb, int[] width) {
        int total = 0;
        for (int w : width) total += w + 2;
        sb.append("-".repeat(total - 2)).append('\n');
    }

    /** Exact up to 10 decimals, rounded beyond (display only). */
    private static String display(BigDecimal usd) {
        BigDecimal v = Decimals.normalize(usd);
        if (v.scale() > 10) {
            v = v.setScale(10, RoundingMode.HALF_EVEN);
        }
        return v.setScale(Math.max(2, v.scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    /** CSV with a header: {@code dimension,key,calls,...,cost_usd,...}; exact amounts; the total row has dimension {@code total}. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("dimension,key");
        for (String c : COLUMNS) sb.append(',').append(c);
        sb.append('\n');
        csvRow(sb, "total", total);
        for (Map.Entry<String, Map<String, CostSummary>> section : sections.entrySet()) {
            for (CostSummary s : section.getValue().values()) {
                csvRow(sb, section.getKey(), s);
            }
        }
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, String dimension, CostSummary s) {
        sb.append(csv(dimension)).append(',').append(csv(s.key()));
        for (Object v : values(s)) sb.append(',').append(v);
        sb.append('\n');
    }

    private static Object[] values(CostSummary s) {
        return new Object[]{s.calls(), s.ok(), s.errors(), s.cancelled(), s.refused(), s.inputTokens(),
                s.outputTokens(), s.cachedTokens(), s.cacheWriteTokens(), s.reasoningTokens(), Decimals.plain(s.cost()),
                s.reported(), s.estimated(), s.unknown()};
    }

    private static String csv(String s) {
        if (s == null) return "";
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** JSON: {@code {"total":{...},"by":{"model":[...],"provider":[...],"tenant":[...]}}}; amounts as exact strings. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\"total\":");
        json(sb, total);
        sb.append(",\"by\":{");
        boolean firstSection = true;
        for (Map.Entry<String, Map<String, CostSummary>> section : sections.entrySet()) {
            if (!firstSection) sb.append(',');
            firstSection = false;
            EntryCodec.quote(sb, section.getKey());
            sb.append(":[");
            boolean first = true;
            for (CostSummary s : section.getValue().values()) {
                if (!first) sb.append(',');
                first = false;
                json(sb, s);
            }
            sb.append(']');
        }
        return sb.append("}}").toString();
    }

    private static void json(StringBuilder sb, CostSummary s) {
        sb.append("{\"key\":");
        EntryCodec.quote(sb, s.key());
        Object[] v = values(s);
        for (int i = 0; i < COLUMNS.length; i++) {
            sb.append(",\"").append(COLUMNS[i]).append("\":");
            if (v[i] instanceof String str) EntryCodec.quote(sb, str);
            else sb.append(v[i]);
        }
        sb.append('}');
    }

    @Override
    public String toString() {
        return toText();
    }
}
