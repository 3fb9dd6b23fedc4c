package dev.openrouter4j.cost.internal;

import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of entries and settlements (one object, no line breaks), shared by the file store, the JDBC store's
 * attribute column and the exports. Money is written as decimal strings so it round-trips exactly.
 */
public final class EntryCodec {

    public static final String TYPE_ENTRY = "entry";
    public static final String TYPE_SETTLEMENT = "settlement";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EntryCodec() {
    }

    /** The entry as a JSON object; {@code closed=false} leaves the final brace off (for appending a checksum). */
    public static StringBuilder entry(CostEntry e, boolean closed) {
        StringBuilder sb = new StringBuilder(512);
        sb.append('{');
        str(sb, "type", TYPE_ENTRY, true);
        str(sb, "id", e.id(), false);
        str(sb, "callId", e.callId(), false);
        str(sb, "generationId", e.generationId(), false);
        str(sb, "startedAt", e.startedAt().toString(), false);
        str(sb, "duration", e.duration().toString(), false);
        str(sb, "requestedModel", e.requestedModel(), false);
        str(sb, "model", e.model(), false);
        str(sb, "provider", e.provider(), false);
        num(sb, "inputTokens", e.inputTokens());
        num(sb, "outputTokens", e.outputTokens());
        num(sb, "cachedTokens", e.cachedTokens());
        num(sb, "cacheWriteTokens", e.cacheWriteTokens());
        num(sb, "reasoningTokens", e.reasoningTokens());
        str(sb, "cost", Decimals.plain(e.cost()), false);
        str(sb, "reportedCost", Decimals.plain(e.reportedCost()), false);
        str(sb, "upstreamCost", Decimals.plain(e.upstreamCost()), false);
        str(sb, "source", e.source().name(), false);
        str(sb, "priceVersion", e.priceVersion(), false);
        str(sb, "outcome", e.outcome().name(), false);
        str(sb, "error", e.error(), false);
        sb.append(",\"streaming\":").append(e.streaming());
        sb.append(",\"byok\":").append(e.byok());
        str(sb, "settledAt", e.settledAt() == null ? null : e.settledAt().toString(), false);
        if (e.savedCost() != null) {
            str(sb, "savedCost", Decimals.plain(e.savedCost()), false);
        }
        if (e.kind() != OpenRouterCallKind.CHAT) {
            str(sb, "kind", e.kind().label(), false);
        }
        BilledUnits u = e.units();
        if (u.images() > 0) num(sb, "images", u.images());
        if (u.searchUnits() > 0) num(sb, "searchUnits", u.searchUnits());
        if (u.characters() > 0) num(sb, "characters", u.characters());
        if (u.seconds() != null) str(sb, "seconds", Decimals.plain(u.seconds()), false);
        if (!e.attributes().isEmpty()) {
            sb.append(",\"attributes\":");
            attributes(sb, e.attributes());
        }
        if (closed) sb.append('}');
        return sb;
    }

    /** The settlement as a JSON object; {@code closed=false} leaves the final brace off. */
    public static StringBuilder settlement(CostSettlement s, boolean closed) {
        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        str(sb, "type", TYPE_SETTLEMENT, true);
        str(sb, "entryId", s.entryId(), false);
        str(sb, "cost", Decimals.plain(s.cost()), false);
        str(sb, "reportedCost", Decimals.plain(s.reportedCost()), false);
        str(sb, "upstreamCost", Decimals.plain(s.upstreamCost()), false);
        str(sb, "source", s.source().name(), false);
        str(sb, "settledAt", s.settledAt().toString(), false);
        str(sb, "note", s.note(), false);
        str(sb, "model", s.model(), false);
        str(sb, "provider", s.provider(), false);
        if (s.inputTokens() != null) num(sb, "inputTokens", s.inputTokens());
        if (s.outputTokens() != null) num(sb, "outputTokens", s.outputTokens());
        if (s.cachedTokens() != null) num(sb, "cachedTokens", s.cachedTokens());
        if (s.reasoningTokens() != null) num(sb, "reasoningTokens", s.reasoningTokens());
        if (s.byok() != null) sb.append(",\"byok\":").append(s.byok());
        if (closed) sb.append('}');
        return sb;
    }

    /** A JSON object of String attributes, keys sorted. */
    public static String attributesJson(Map<String, String> attributes) {
        StringBuilder sb = new StringBuilder();
        attributes(sb, attributes);
        return sb.toString();
    }

    public static Map<String, String> parseAttributes(String json) throws IOException {
        if (json == null || json.isBlank()) return Map.of();
        return attributes(MAPPER.readTree(json));
    }

    public static JsonNode parse(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    public static CostEntry toEntry(JsonNode n) {
        return CostEntry.builder()
                .id(text(n, "id"))
                .callId(text(n, "callId"))
                .generationId(text(n, "generationId"))
                .startedAt(instant(text(n, "startedAt")))
                .duration(text(n, "duration") == null ? Duration.ZERO : Duration.parse(text(n, "duration")))
                .requestedModel(text(n, "requestedModel"))
                .model(text(n, "model"))
                .provider(text(n, "provider"))
                .inputTokens(n.path("inputTokens").asInt())
                .outputTokens(n.path("outputTokens").asInt())
                .cachedTokens(n.path("cachedTokens").asInt())
                .cacheWriteTokens(n.path("cacheWriteTokens").asInt())
                .reasoningTokens(n.path("reasoningTokens").asInt())
                .cost(Decimals.parse(text(n, "cost")))
                .reportedCost(Decimals.parse(text(n, "reportedCost")))
                .upstreamCost(Decimals.parse(text(n, "upstreamCost")))
                .source(CostSource.valueOf(text(n, "source")))
                .priceVersion(text(n, "priceVersion"))
                .outcome(CallOutcome.valueOf(text(n, "outcome")))
                .error(text(n, "error"))
                .streaming(n.path("streaming").asBoolean())
                .byok(n.path("byok").asBoolean())
                .settledAt(instant(text(n, "settledAt")))
                .attributes(attributes(n.get("attributes")))
                .savedCost(Decimals.parse(text(n, "savedCost")))
                .kind(text(n, "kind") == null ? OpenRouterCallKind.CHAT : OpenRouterCallKind.fromLabel(text(n, "kind")))
                .units(units(n))
                .build();
    }

    private static BilledUnits units(JsonNode n) {
        if (!n.has("images") && !n.has("searchUnits") && !n.has("characters") && !n.has("seconds")) {
            return BilledUnits.NONE;
        }
        return new BilledUnits(n.path("images").asInt(), n.path("searchUnits").asInt(), n.path("characters").asInt(),
                Decimals.parse(text(n, "seconds")));
    }

    public static CostSettlement toSettlement(JsonNode n) {
        return new CostSettlement(text(n, "entryId"), Decimals.parse(text(n, "cost")),
                Decimals.parse(text(n, "reportedCost")), Decimals.parse(text(n, "upstreamCost")),
                CostSource.valueOf(text(n, "source")), instant(text(n, "settledAt")), text(n, "note"),
                text(n, "model"), text(n, "provider"), integer(n, "inputTokens"), integer(n, "outputTokens"),
                integer(n, "cachedTokens"), integer(n, "reasoningTokens"),
                n.has("byok") ? n.get("byok").asBoolean() : null);
    }

    private static Map<String, String> attributes(JsonNode a) {
        if (a == null || !a.isObject() || a.isEmpty()) return Map.of();
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : a.properties()) {
            if (f.getValue().isTextual()) m.put(f.getKey(), f.getValue().asText());
        }
        return m;
    }

    private static void attributes(StringBuilder sb, Map<String, String> attributes) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> a : new TreeMap<>(attributes).entrySet()) {
            str(sb, a.getKey(), a.getValue(), first);
            first = false;
        }
        sb.append('}');
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static void num(StringBuilder sb, String name, long value) {
        sb.append(",\"").append(name).append("\":").append(value);
    }

    private static void str(StringBuilder sb, String name, String value, boolean first) {
        if (value == null) return;
        if (!first) sb.append(',');
        quote(sb, name);
        sb.append(':');
        quote(sb, value);
    }

    /** Appends a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
