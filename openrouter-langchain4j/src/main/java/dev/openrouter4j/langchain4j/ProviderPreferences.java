package dev.openrouter4j.langchain4j;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Which upstream providers OpenRouter may route a call to, and how it picks among them (the request's
 * {@code provider} object).
 * <pre>{@code
 * ProviderPreferences.builder()
 *     .order(List.of("anthropic", "amazon-bedrock"))
 *     .allowFallbacks(false)
 *     .dataCollection("deny")
 *     .sort("throughput")
 *     .build();
 * }</pre>
 * Every field is optional; an unset field is not sent and OpenRouter's default applies. Merging two preferences
 * (model defaults and a per-request value) is field by field: see {@link #mergedWith(ProviderPreferences)}.
 */
public final class ProviderPreferences {

    /** The values of {@code provider.sort} OpenRouter accepts; other modules (CDI) validate against this list. */
    public static final List<String> SORTS = List.of("price", "throughput", "latency", "exacto");
    /** The values of {@code provider.sort.partition}. */
    public static final List<String> SORT_PARTITIONS = List.of("model", "none");
    /** The values of {@code provider.data_collection}. */
    public static final List<String> DATA_COLLECTION = List.of("allow", "deny");


    private final List<String> order;
    private final Boolean allowFallbacks;
    private final Boolean requireParameters;
    private final String dataCollection;
    private final Boolean zdr;
    private final List<String> only;
    private final List<String> ignore;
    private final List<String> quantizations;
    private final String sort;
    private final String sortPartition;
    private final MaxPrice maxPrice;
    private final Double preferredMinThroughput;
    private final Double preferredMaxLatency;

    private ProviderPreferences(Builder b) {
        this.order = copy(b.order);
        this.allowFallbacks = b.allowFallbacks;
        this.requireParameters = b.requireParameters;
        this.dataCollection = b.dataCollection;
        this.zdr = b.zdr;
        this.only = copy(b.only);
        this.ignore = copy(b.ignore);
        this.quantizations = copy(b.quantizations);
        this.sort = b.sort;
        this.sortPartition = b.sortPartition;
        this.maxPrice = b.maxPrice;
        this.preferredMinThroughput = b.preferredMinThroughput;
        this.preferredMaxLatency = b.preferredMaxLatency;
    }

    private static List<String> copy(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }

    /** Provider slugs to try in order (wire: {@code order}). */
    public List<String> order() { return order; }

    /** Whether other providers may be used when the preferred ones fail (wire: {@code allow_fallbacks}). */
    public Boolean allowFallbacks() { return allowFallbacks; }

    /** Only use providers that support every parameter sent (wire: {@code require_parameters}). */
    public Boolean requireParameters() { return requireParameters; }

    /** {@code "allow"} or {@code "deny"} providers that may store or train on data (wire: {@code data_collection}). */
    public String dataCollection() { return dataCollection; }

    /** Only zero-data-retention endpoints (wire: {@code zdr}). */
    public Boolean zdr() { return zdr; }

    /** Only these providers (wire: {@code only}). */
    public List<String> only() { return only; }

    /** Never these providers (wire: {@code ignore}). */
    public List<String> ignore() { return ignore; }

    /** Allowed quantizations, e.g. {@code fp8} (wire: {@code quantizations}). */
    public List<String> quantizations() { return quantizations; }

    /** {@code price}, {@code throughput}, {@code latency} or {@code exacto} (wire: {@code sort}). */
    public String sort() { return sort; }

    /** With {@link #sort()}: {@code model} or {@code none} (wire: {@code sort.partition}). */
    public String sortPartition() { return sortPartition; }

    /** The most to pay, USD per million tokens (wire: {@code max_price}). */
    public MaxPrice maxPrice() { return maxPrice; }

    /** Preferred minimum throughput, tokens/s at p50 (wire: {@code preferred_min_throughput}). */
    public Double preferredMinThroughput() { return preferredMinThroughput; }

    /** Preferred maximum latency, seconds at p50 (wire: {@code preferred_max_latency}). */
    public Double preferredMaxLatency() { return preferredMaxLatency; }

    /** These preferences with every field that {@code other} sets taken from {@code other}. */
    public ProviderPreferences mergedWith(ProviderPreferences other) {
        if (other == null) {
            return this;
        }
        Builder b = toBuilder();
        if (other.order != null) b.order(other.order);
        if (other.allowFallbacks != null) b.allowFallbacks(other.allowFallbacks);
        if (other.requireParameters != null) b.requireParameters(other.requireParameters);
        if (other.dataCollection != null) b.dataCollection(other.dataCollection);
        if (other.zdr != null) b.zdr(other.zdr);
        if (other.only != null) b.only(other.only);
        if (other.ignore != null) b.ignore(other.ignore);
        if (other.quantizations != null) b.quantizations(other.quantizations);
        if (other.sort != null) { b.sort = other.sort; b.sortPartition = other.sortPartition; }
        if (other.maxPrice != null) b.maxPrice(other.maxPrice);
        if (other.preferredMinThroughput != null) b.preferredMinThroughput(other.preferredMinThroughput);
        if (other.preferredMaxLatency != null) b.preferredMaxLatency(other.preferredMaxLatency);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.order = order; b.allowFallbacks = allowFallbacks; b.requireParameters = requireParameters;
        b.dataCollection = dataCollection; b.zdr = zdr; b.only = only; b.ignore = ignore;
        b.quantizations = quantizations; b.sort = sort; b.sortPartition = sortPartition; b.maxPrice = maxPrice;
        b.preferredMinThroughput = preferredMinThroughput; b.preferredMaxLatency = preferredMaxLatency;
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ProviderPreferences p)) return false;
        return Objects.equals(order, p.order) && Objects.equals(allowFallbacks, p.allowFallbacks)
                && Objects.equals(requireParameters, p.requireParameters)
                && Objects.equals(dataCollection, p.dataCollection) && Objects.equals(zdr, p.zdr)
                && Objects.equals(only, p.only) && Objects.equals(ignore, p.ignore)
                && Objects.equals(quantizations, p.quantizations) && Objects.equals(sort, p.sort)
                && Objects.equals(sortPartition, p.sortPartition) && Objects.equals(maxPrice, p.maxPrice)
                && Objects.equals(preferredMinThroughput, p.preferredMinThroughput)
                && Objects.equals(preferredMaxLatency, p.preferredMaxLatency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(order, allowFallbacks, requireParameters, dataCollection, zdr, only, ignore,
                quantizations, sort, sortPartition, maxPrice, preferredMinThroughput, preferredMaxLatency);
    }

    @Override
    public String toString() {
        return "ProviderPreferences{order=" + order + ", allowFallbacks=" + allowFallbacks
                + ", requireParameters=" + requireParameters + ", dataCollection=" + dataCollection
                + ", zdr=" + zdr + ", only=" + only + ", ignore=" + ignore + ", quantizations=" + quantizations
                + ", sort=" + sort + (sortPartition == null ? "" : "/" + sortPartition) + ", maxPrice=" + maxPrice
                + ", preferredMinThroughput=" + preferredMinThroughput
                + ", preferredMaxLatency=" + preferredMaxLatency + '}';
    }

    /** The most a call may cost; prompt and completion in USD per million tokens (wire: {@code max_price}). */
    public record MaxPrice(BigDecimal prompt, BigDecimal completion, BigDecimal image, BigDecimal audio,
                           BigDecimal request) {

        /** A ceiling on prompt and completion prices, USD per million tokens. */
        public static MaxPrice of(String promptPerMillion, String completionPerMillion) {
            return new MaxPrice(promptPerMillion == null ? null : new BigDecimal(promptPerMillion),
                    completionPerMillion == null ? null : new BigDecimal(completionPerMillion), null, null, null);
        }
    }

    /** Builds {@link ProviderPreferences}. */
    public static final class Builder {
        private List<String> order;
        private Boolean allowFallbacks;
        private Boolean requireParameters;
        private String dataCollection;
        private Boolean zdr;
        private List<String> only;
        private List<String> ignore;
        private List<String> quantizations;
        private String sort;
        private String sortPartition;
        private MaxPrice maxPrice;
        private Double preferredMinThroughput;
        private Double preferredMaxLatency;

        private Builder() {
        }

        public Builder order(List<String> order) { this.order = order; return this; }
        public Builder order(String... order) { return order(List.of(order)); }
        public Builder allowFallbacks(Boolean allowFallbacks) { this.allowFallbacks = allowFallbacks; return this; }
        public Builder requireParameters(Boolean requireParameters) { this.requireParameters = requireParameters; return this; }

        /** {@code "allow"} or {@code "deny"}; anything else fails with a message naming the field. */
        public Builder dataCollection(String dataCollection) {
            if (dataCollection != null && !DATA_COLLECTION.contains(dataCollection)) {
                throw new IllegalArgumentException(
                        "provider.data_collection must be \"allow\" or \"deny\", not \"" + dataCollection + "\"");
            }
            this.dataCollection = dataCollection;
            return this;
        }

        public Builder zdr(Boolean zdr) { this.zdr = zdr; return this; }
        public Builder only(List<String> only) { this.only = only; return this; }
        public Builder ignore(List<String> ignore) { this.ignore = ignore; return this; }
        public Builder quantizations(List<String> quantizations) { this.quantizations = quantizations; return this; }

        /** {@code price}, {@code throughput}, {@code latency} or {@code exacto}. */
        public Builder sort(String sort) { return sort(sort, null); }

        /** Sort with a partition ({@code model}: sort within each fallback model; {@code none}: across all). */
        public Builder sort(String by, String partition) {
            if (by != null && !SORTS.contains(by)) {
                throw new IllegalArgumentException(
                        "provider.sort must be one of " + String.join(", ", SORTS) + "; not \"" + by + "\"");
            }
            if (partition != null && !SORT_PARTITIONS.contains(partition)) {
                throw new IllegalArgumentException(
                        "provider.sort.partition must be \"model\" or \"none\", not \"" + partition + "\"");
            }
            this.sort = by;
            this.sortPartition = partition;
            return this;
        }

        public Builder maxPrice(MaxPrice maxPrice) { this.maxPrice = maxPrice; return this; }
        public Builder preferredMinThroughput(Double tokensPerSecond) { this.preferredMinThroughput = tokensPerSecond; return this; }
        public Builder preferredMaxLatency(Double seconds) { this.preferredMaxLatency = seconds; return this; }

        public ProviderPreferences build() {
            return new ProviderPreferences(this);
        }
    }
}
