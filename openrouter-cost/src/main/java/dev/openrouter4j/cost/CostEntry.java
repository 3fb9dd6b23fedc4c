package dev.openrouter4j.cost;

import dev.openrouter4j.cost.internal.Decimals;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded call of any {@link OpenRouterCallKind kind} (chat, embedding, rerank, image, speech, transcription):
 * which model answered, how many tokens of each kind it used, what it cost and how that cost was
 * obtained, how it ended, and the attributes (tenant, user, ...) it is attributed to.
 * <p>
 * It is the unit of the {@link CostLedger} and of every store. Its {@link #id()} is the idempotency key: the
 * generation id when OpenRouter assigned one, otherwise a client-generated call id, so a duplicate append is ignored.
 * Money is {@link BigDecimal}, exact; {@link #cost()} is null (never zero) when the cost is not known.
 *
 * @param id               the idempotency key: the generation id, or the call id when there is none
 * @param callId           the client-generated id of the call (unique per call)
 * @param generationId     OpenRouter's generation id ({@code gen-...}), or null
 * @param startedAt        when the call started
 * @param duration         how long it took until its last event
 * @param requestedModel   the model the call asked for, or null
 * @param model            the model that actually answered (the requested one when the response did not say)
 * @param provider         the upstream provider that served it (e.g. {@code Anthropic}), or null
 * @param inputTokens      prompt tokens, cache reads and writes included
 * @param outputTokens     completion tokens, reasoning included
 * @param cachedTokens     prompt tokens read from the cache
 * @param cacheWriteTokens prompt tokens written to the cache
 * @param reasoningTokens  completion tokens spent reasoning
 * @param cost             the whole cost in USD (OpenRouter's charge plus, for BYOK, the upstream's), or null
 * @param reportedCost     what OpenRouter reported charging ({@code usage.cost}), or null
 * @param upstreamCost     for BYOK calls, what the upstream provider charged your key, or null
 * @param source           how the cost was obtained
 * @param priceVersion     for estimates, which price table priced it (e.g. {@code SNAPSHOT 2026-05-22}), or null
 * @param outcome          how the call ended
 * @param error            a one-line description of the failure, or null
 * @param streaming        whether it was a streaming call
 * @param byok             whether it ran on your own provider key
 * @param settledAt        when a later settlement (reconciliation) fixed its cost, or null
 * @param attributes       the String attributes it is attributed to (tenant, user, ...)
 * @param savedCost        for a {@link CostSource#CACHED} call: what it would have cost without the cache (the
 *                         original call's cost, or an estimate at the model's price), or null when not known
 * @param kind             what kind of call it was; {@link OpenRouterCallKind#CHAT} when not given (entries written
 *                         before kinds existed read back as chat)
 * @param units            the images, search units, characters or seconds it was billed by; {@link BilledUnits#NONE}
 *                         when not given
 */
public record CostEntry(
        String id,
        String callId,
        String generationId,
        Instant startedAt,
        Duration duration,
        String requestedModel,
        String model,
        String provider,
        int inputTokens,
        int outputTokens,
        int cachedTokens,
        int cacheWriteTokens,
        int reasoningTokens,
        BigDecimal cost,
        BigDecimal reportedCost,
        BigDecimal upstreamCost,
        CostSource source,
        String priceVersion,
        CallOutcome outcome,
        String error,
        boolean streaming,
        boolean byok,
        Instant settledAt,
        Map<String, String> attributes,
        BigDecimal savedCost,
        OpenRouterCallKind kind,
        BilledUnits units) {

    /** A chat entry (the shape entries had before kinds existed). */
    public CostEntry(String id, String callId, String generationId, Instant startedAt, Duration duration,
                     String requestedModel, String model, String provider, int inputTokens, int outputTokens,
                     int cachedTokens, int cacheWriteTokens, int reasoningTokens, BigDecimal cost,
                     BigDecimal reportedCost, BigDecimal upstreamCost, CostSource source, String priceVersion,
                     CallOutcome outcome, String error, boolean streaming, boolean byok, Instant settledAt,
                     Map<String, String> attributes, BigDecimal savedCost) {
        this(id, callId, generationId, startedAt, duration, requestedModel, model, provider, inputTokens, outputTokens,
                cachedTokens, cacheWriteTokens, reasoningTokens, cost, reportedCost, upstreamCost, source, priceVersion,
                outcome, error, streaming, byok, settledAt, attributes, savedCost, OpenRouterCallKind.CHAT,
                BilledUnits.NONE);
    }

    /** An entry without a saved amount (every call but a cache hit). */
    public CostEntry(String id, String callId, String generationId, Instant startedAt, Duration duration,
                     String requestedModel, String model, String provider, int inputTokens, int outputTokens,
                     int cachedTokens, int cacheWriteTokens, int reasoningTokens, BigDecimal cost,
                     BigDecimal reportedCost, BigDecimal upstreamCost, CostSource source, String priceVersion,
                     CallOutcome outcome, String error, boolean streaming, boolean byok, Instant settledAt,
                     Map<String, String> attributes) {
        this(id, callId, generationId, startedAt, duration, requestedModel, model, provider, inputTokens, outputTokens,
                cachedTokens, cacheWriteTokens, reasoningTokens, cost, reportedCost, upstreamCost, source, priceVersion,
                outcome, error, streaming, byok, settledAt, attributes, null);
    }

    public CostEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outcome, "outcome");
        startedAt = startedAt == null ? Instant.EPOCH : startedAt;
        duration = duration == null ? Duration.ZERO : duration;
        attributes = attributes == null || attributes.isEmpty() ? Map.of() : Map.copyOf(attributes);
        kind = kind == null ? OpenRouterCallKind.CHAT : kind;
        units = units == null ? BilledUnits.NONE : units;
        if (source == CostSource.UNKNOWN && cost != null) {
            throw new IllegalArgumentException("an UNKNOWN cost must be null: " + id);
        }
        if (source != CostSource.UNKNOWN && cost == null) {
            throw new IllegalArgumentException("a " + source + " cost cannot be null: " + id);
        }
    }

    /** True when the cost is not known ({@link CostSource#UNKNOWN}). */
    public boolean isCostUnknown() {
        return source == CostSource.UNKNOWN;
    }

    /** This entry with its cost (and, when given, token counts) replaced by a settlement. */
    public CostEntry settledWith(CostSettlement s) {
        return new CostEntry(id, callId, generationId, startedAt, duration, requestedModel,
                s.model() != null ? s.model() : model, s.provider() != null ? s.provider() : provider,
                s.inputTokens() != null ? s.inputTokens() : inputTokens,
                s.outputTokens() != null ? s.outputTokens() : outputTokens,
                s.cachedTokens() != null ? s.cachedTokens() : cachedTokens, cacheWriteTokens,
                s.reasoningTokens() != null ? s.reasoningTokens() : reasoningTokens,
                s.cost(), s.reportedCost(), s.upstreamCost(), s.source(), priceVersion, outcome, error, streaming,
                s.byok() != null ? s.byok() : byok, s.settledAt(), attributes, savedCost, kind, units);
    }

    /** A builder; {@code id}, {@code source} and {@code outcome} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this entry's values. */
    public Builder toBuilder() {
        return new Builder().id(id).callId(callId).generationId(generationId).startedAt(startedAt).duration(duration)
                .requestedModel(requestedModel).model(model).provider(provider).inputTokens(inputTokens)
                .outputTokens(outputTokens).cachedTokens(cachedTokens).cacheWriteTokens(cacheWriteTokens)
                .reasoningTokens(reasoningTokens).cost(cost).reportedCost(reportedCost).upstreamCost(upstreamCost)
                .source(source).priceVersion(priceVersion).outcome(outcome).error(error).streaming(streaming)
                .byok(byok).settledAt(settledAt).attributes(attributes).savedCost(savedCost).kind(kind).units(units);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof CostEntry e)) return false;
        return inputTokens == e.inputTokens && outputTokens == e.outputTokens && cachedTokens == e.cachedTokens
                && cacheWriteTokens == e.cacheWriteTokens && reasoningTokens == e.reasoningTokens
                && streaming == e.streaming && byok == e.byok && id.equals(e.id) && Objects.equals(callId, e.callId)
                && Objects.equals(generationId, e.generationId) && startedAt.equals(e.startedAt)
                && duration.equals(e.duration) && Objects.equals(requestedModel, e.requestedModel)
                && Objects.equals(model, e.model) && Objects.equals(provider, e.provider)
                && Decimals.equal(cost, e.cost) && Decimals.equal(reportedCost, e.reportedCost)
                && Decimals.equal(upstreamCost, e.upstreamCost) && source == e.source
                && Objects.equals(priceVersion, e.priceVersion) && outcome == e.outcome
                && Objects.equals(error, e.error) && Objects.equals(settledAt, e.settledAt)
                && attributes.equals(e.attributes) && Decimals.equal(savedCost, e.savedCost) && kind == e.kind
                && units.equals(e.units);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "CostEntry{" + id + (kind == OpenRouterCallKind.CHAT ? "" : ", kind=" + kind.label()) + ", model="
                + model + ", provider=" + provider + ", in=" + inputTokens
                + ", out=" + outputTokens + ", cached=" + cachedTokens + ", cacheWrite=" + cacheWriteTokens
                + ", reasoning=" + reasoningTokens + ", cost=" + Decimals.plain(cost) + ", source=" + source
                + ", outcome=" + outcome + (error == null ? "" : ", error=" + error)
                + (savedCost == null ? "" : ", saved=" + Decimals.plain(savedCost))
                + (units.isEmpty() ? "" : ", units=" + units)
                + (attributes.isEmpty() ? "" : ", attributes=" + attributes) + '}';
    }

    /** Builds a {@link CostEntry}. */
    public static final class Builder {
        private String id;
        private String callId;
        private String generationId;
        private Instant startedAt;
        private Duration duration;
        private String requestedModel;
        private String model;
        private String provider;
        private int inputTokens;
        private int outputTokens;
        private int cachedTokens;
        private int cacheWriteTokens;
        private int reasoningTokens;
        private BigDecimal cost;
        private BigDecimal reportedCost;
        private BigDecimal upstreamCost;
        private CostSource source;
        private String priceVersion;
        private CallOutcome outcome = CallOutcome.OK;
        private String error;
        private boolean streaming;
        private boolean byok;
        private Instant settledAt;
        private Map<String, String> attributes;
        private BigDecimal savedCost;
        private OpenRouterCallKind kind = OpenRouterCallKind.CHAT;
        private BilledUnits units = BilledUnits.NONE;

        private Builder() {
        }

        public Builder id(String v) { this.id = v; return this; }
        public Builder callId(String v) { this.callId = v; return this; }
        public Builder generationId(String v) { this.generationId = v; return this; }
        public Builder startedAt(Instant v) { this.startedAt = v; return this; }
        public Builder duration(Duration v) { this.duration = v; return this; }
        public Builder requestedModel(String v) { this.requestedModel = v; return this; }
        public Builder model(String v) { this.model = v; return this; }
        public Builder provider(String v) { this.provider = v; return this; }
        public Builder inputTokens(int v) { this.inputTokens = v; return this; }
        public Builder outputTokens(int v) { this.outputTokens = v; return this; }
        public Builder cachedTokens(int v) { this.cachedTokens = v; return this; }
        public Builder cacheWriteTokens(int v) { this.cacheWriteTokens = v; return this; }
        public Builder reasoningTokens(int v) { this.reasoningTokens = v; return this; }
        public Builder cost(BigDecimal v) { this.cost = v; return this; }
        public Builder reportedCost(BigDecimal v) { this.reportedCost = v; return this; }
        public Builder upstreamCost(BigDecimal v) { this.upstreamCost = v; return this; }
        public Builder source(CostSource v) { this.source = v; return this; }
        public Builder priceVersion(String v) { this.priceVersion = v; return this; }
        public Builder outcome(CallOutcome v) { this.outcome = v; return this; }
        public Builder error(String v) { this.error = v; return this; }
        public Builder streaming(boolean v) { this.streaming = v; return this; }
        public Builder byok(boolean v) { this.byok = v; return this; }
        public Builder settledAt(Instant v) { this.settledAt = v; return this; }
        public Builder attributes(Map<String, String> v) { this.attributes = v; return this; }
        public Builder savedCost(BigDecimal v) { this.savedCost = v; return this; }
        /** The kind of call (default chat). */
        public Builder kind(OpenRouterCallKind v) { this.kind = v; return this; }
        /** The non-token units billed (default none). */
        public Builder units(BilledUnits v) { this.units = v; return this; }

        public CostEntry build() {
            String key = id != null ? id : generationId != null ? generationId : callId;
            return new CostEntry(key, callId, generationId, startedAt, duration, requestedModel,
                    model != null ? model : requestedModel, provider, inputTokens, outputTokens, cachedTokens,
                    cacheWriteTokens, reasoningTokens, cost, reportedCost, upstreamCost, source, priceVersion, outcome,
                    error, streaming, byok, settledAt, attributes, savedCost, kind, units);
        }
    }
}
