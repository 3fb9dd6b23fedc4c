package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What OpenRouter says about a response beyond LangChain4j's common fields: the generation id (the key of
 * {@code GET /generation}), the upstream provider that served it, what it cost, whether it ran on your own provider
 * key (BYOK), and the provider's raw finish reason.
 * <p>
 * Every {@code ChatResponse} of {@link OpenRouterChatModel} and {@link OpenRouterStreamingChatModel} has one.
 * {@link #toBuilder()} keeps every field, so AI Services, which rebuild the metadata of a tool loop's last response
 * with the summed usage, keep it too; {@link #cost()} then reads the summed cost from that usage.
 */
public class OpenRouterChatResponseMetadata extends ChatResponseMetadata {

    private final String provider;
    private final BigDecimal cost;
    private final CostDetails costDetails;
    private final Boolean byok;
    private final String nativeFinishReason;
    private final Long created;
    private final ResponseCacheStatus cacheStatus;
    private final BigDecimal savedCost;
    private final String cachedGenerationId;

    protected OpenRouterChatResponseMetadata(Builder builder) {
        super(builder);
        this.provider = builder.provider;
        this.cost = builder.cost;
        this.costDetails = builder.costDetails;
        this.byok = builder.byok;
        this.nativeFinishReason = builder.nativeFinishReason;
        this.created = builder.created;
        this.cacheStatus = builder.cacheStatus == null ? ResponseCacheStatus.NONE : builder.cacheStatus;
        this.savedCost = builder.savedCost;
        this.cachedGenerationId = builder.cachedGenerationId;
    }

    /** Whether (and which) cache served this response; {@link ResponseCacheStatus#NONE} when none was asked. */
    public ResponseCacheStatus cacheStatus() {
        return cacheStatus;
    }

    /** Whether a cache served this response, so nothing was billed for it. */
    public boolean isCacheHit() {
        return cacheStatus.isHit();
    }

    /**
     * For a client-cache hit: what the original call cost, so what this one saved (USD); null otherwise or when the
     * original cost was not reported.
     */
    public BigDecimal savedCost() {
        return savedCost;
    }

    /** For a client-cache hit: the generation id of the call whose answer was reused; null otherwise. */
    public String cachedGenerationId() {
        return cachedGenerationId;
    }

    /** The generation id ({@code gen-...}); the same as {@link #id()}. */
    public String generationId() {
        return id();
    }

    /** The upstream provider that served the call, e.g. {@code "Anthropic"}, or null when not reported. */
    public String provider() {
        return provider;
    }

    /**
     * What OpenRouter charged, in credits (USD), parsed from the JSON text without going through a double; null
     * when the response did not report it. When the token usage is an {@link OpenRouterTokenUsage} that carries a
     * cost, that cost is returned: after AI Services aggregate a tool loop, it is the sum over all its calls.
     */
    public BigDecimal cost() {
        TokenUsage usage = tokenUsage();
        if (usage instanceof OpenRouterTokenUsage o && o.cost() != null) {
            return o.cost();
        }
        return cost;
    }

    /** The cost breakdown ({@code usage.cost_details}), or null when not reported. */
    public CostDetails costDetails() {
        return costDetails;
    }

    /** Whether the call ran on your own provider key (BYOK); false when not reported. */
    public boolean isByok() {
        return Boolean.TRUE.equals(byok);
    }

    /** The upstream provider's own finish reason (e.g. {@code "end_turn"}, {@code "completed"}), or null. */
    public String nativeFinishReason() {
        return nativeFinishReason;
    }

    /** When the generation was created (epoch seconds), or null. */
    public Long created() {
        return created;
    }

    @Override
    public OpenRouterTokenUsage tokenUsage() {
        TokenUsage usage = super.tokenUsage();
        if (usage == null || usage instanceof OpenRouterTokenUsage) {
            return (OpenRouterTokenUsage) usage;
        }
        return new OpenRouterTokenUsage(usage.inputTokenCount(), usage.outputTokenCount(), usage.totalTokenCount(),
                null, null, null, null, null);
    }

    @Override
    public Builder toBuilder() {
        Builder b = new Builder();
        super.toBuilder(b);
        b.tokenUsage(super.tokenUsage());
        return b.provider(provider).cost(cost).costDetails(costDetails).byok(byok)
                .nativeFinishReason(nativeFinishReason).created(created).cacheStatus(cacheStatus).savedCost(savedCost)
                .cachedGenerationId(cachedGenerationId);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o)) return false;
        OpenRouterChatResponseMetadata that = (OpenRouterChatResponseMetadata) o;
        return Objects.equals(provider, that.provider)
                && (cost == null ? that.cost == null : that.cost != null && cost.compareTo(that.cost) == 0)
                && Objects.equals(costDetails, that.costDetails) && Objects.equals(byok, that.byok)
                && Objects.equals(nativeFinishReason, that.nativeFinishReason) && Objects.equals(created, that.created)
                && cacheStatus == that.cacheStatus && Objects.equals(cachedGenerationId, that.cachedGenerationId)
                && (savedCost == null ? that.savedCost == null
                        : that.savedCost != null && savedCost.compareTo(that.savedCost) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), provider, costDetails, byok, nativeFinishReason, created, cacheStatus,
                cachedGenerationId);
    }

    @Override
    public String toString() {
        return "OpenRouterChatResponseMetadata{id='" + id() + "', modelName='" + modelName() + "', provider='"
                + provider + "', tokenUsage=" + super.tokenUsage() + ", finishReason=" + finishReason()
                + ", nativeFinishReason='" + nativeFinishReason + "', cost="
                + (cost() == null ? null : cost().toPlainString()) + ", byok=" + isByok()
                + (cacheStatus == ResponseCacheStatus.NONE ? "" : ", cacheStatus=" + cacheStatus)
                + (savedCost == null ? "" : ", savedCost=" + savedCost.toPlainString()) + '}';
    }

    /** Builds {@link OpenRouterChatResponseMetadata}. */
    public static class Builder extends ChatResponseMetadata.Builder<Builder> {
        private String provider;
        private BigDecimal cost;
        private CostDetails costDetails;
        private Boolean byok;
        private String nativeFinishReason;
        private Long created;
        private ResponseCacheStatus cacheStatus;
        private BigDecimal savedCost;
        private String cachedGenerationId;

        public Builder provider(String provider) { this.provider = provider; return this; }
        public Builder cost(BigDecimal cost) { this.cost = cost; return this; }
        public Builder costDetails(CostDetails costDetails) { this.costDetails = costDetails; return this; }
        public Builder byok(Boolean byok) { this.byok = byok; return this; }
        public Builder nativeFinishReason(String nativeFinishReason) { this.nativeFinishReason = nativeFinishReason; return this; }
        public Builder created(Long created) { this.created = created; return this; }
        public Builder cacheStatus(ResponseCacheStatus cacheStatus) { this.cacheStatus = cacheStatus; return this; }
        public Builder savedCost(BigDecimal savedCost) { this.savedCost = savedCost; return this; }
        public Builder cachedGenerationId(String cachedGenerationId) { this.cachedGenerationId = cachedGenerationId; return this; }

        @Override
        public OpenRouterChatResponseMetadata build() {
            return new OpenRouterChatResponseMetadata(this);
        }
    }
}
