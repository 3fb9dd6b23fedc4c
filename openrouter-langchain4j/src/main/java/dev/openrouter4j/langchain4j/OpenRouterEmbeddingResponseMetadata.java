package dev.openrouter4j.langchain4j;

import dev.langchain4j.model.embedding.response.EmbeddingResponseMetadata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The metadata of an {@link OpenRouterEmbeddingModel} response: LangChain4j's model name and token usage (an
 * {@link OpenRouterTokenUsage} carrying the cost), plus what OpenRouter reports beyond them: the generation id of each
 * request the call was split into, the provider that served it, and the total cost in USD.
 * <p>
 * It exists so a RAG pipeline can account for embedding spend the same way as for chat.
 */
public class OpenRouterEmbeddingResponseMetadata extends EmbeddingResponseMetadata {

    private final List<String> generationIds;
    private final String provider;
    private final BigDecimal cost;

    protected OpenRouterEmbeddingResponseMetadata(Builder builder) {
        super(builder);
        this.generationIds = builder.generationIds == null ? List.of() : List.copyOf(builder.generationIds);
        this.provider = builder.provider;
        this.cost = builder.cost;
    }

    /** One id per request sent (a large {@code embedAll} is split into batches), in order; empty when not reported. */
    public List<String> generationIds() {
        return generationIds;
    }

    /** The provider OpenRouter routed the (first) request to, e.g. {@code OpenAI}, or null when not reported. */
    public String provider() {
        return provider;
    }

    /** What the call cost in USD (the sum over its batches), or null when OpenRouter did not report it. */
    public BigDecimal cost() {
        return cost;
    }

    /** The usage with its cost; null when OpenRouter reported none. */
    @Override
    public OpenRouterTokenUsage tokenUsage() {
        return super.tokenUsage() instanceof OpenRouterTokenUsage u ? u : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (!super.equals(o) || !(o instanceof OpenRouterEmbeddingResponseMetadata that)) return false;
        return generationIds.equals(that.generationIds) && Objects.equals(provider, that.provider)
                && (cost == null ? that.cost == null : that.cost != null && cost.compareTo(that.cost) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), generationIds, provider);
    }

    @Override
    public String toString() {
        return "OpenRouterEmbeddingResponseMetadata{modelName='" + modelName() + "', provider='" + provider
                + "', generationIds=" + generationIds + ", tokenUsage=" + super.tokenUsage() + ", cost="
                + (cost == null ? null : cost.toPlainString()) + '}';
    }

    /** Builds {@link OpenRouterEmbeddingResponseMetadata}. */
    public static class Builder extends EmbeddingResponseMetadata.Builder<Builder> {
        private List<String> generationIds;
        private String provider;
        private BigDecimal cost;

        public Builder generationIds(List<String> generationIds) { this.generationIds = generationIds; return this; }
        public Builder provider(String provider) { this.provider = provider; return this; }
        public Builder cost(BigDecimal cost) { this.cost = cost; return this; }

        @Override
        public OpenRouterEmbeddingResponseMetadata build() {
            return new OpenRouterEmbeddingResponseMetadata(this);
        }
    }
}
