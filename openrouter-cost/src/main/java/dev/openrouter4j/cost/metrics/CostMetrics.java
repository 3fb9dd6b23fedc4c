package dev.openrouter4j.cost.metrics;

import dev.openrouter4j.cost.BilledUnits;
import dev.openrouter4j.langchain4j.OpenRouterCallKind;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostLedgerListener;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.langchain4j.ResponseCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Publishes what a {@link CostLedger} records as Micrometer meters named after the OpenTelemetry GenAI semantic
 * conventions, plus cost:
 * <ul>
 *   <li>{@code gen_ai.client.token.usage} (distribution, tokens) with {@code gen_ai.token.type} = {@code input},
 *       {@code output}, and the subsets {@code cache_read}, {@code cache_creation}, {@code reasoning};</li>
 *   <li>{@code gen_ai.client.operation.duration} (timer) with {@code error.type} on failures;</li>
 *   <li>{@code gen_ai.client.cost} (counter, USD) with {@code openrouter.cost.source}, and
 *       {@code gen_ai.client.cost.unknown} (counter of calls whose cost is unknown);</li>
 *   <li>{@code openrouter.ledger.cost} (gauge): the ledger's exact total as a double.</li>
 *   <li>{@code openrouter.cache.hits} (counter of calls a cache served, client or OpenRouter's) and
 *       {@code openrouter.cache.saved} (counter, USD: what they would have cost, where known);</li>
 *   <li>with {@link Builder#responseCache}: {@code openrouter.cache.requests} (function counter) with
 *       {@code result} = {@code hit}, {@code miss}, {@code coalesced}, {@code bypassed}, and
 *       {@code openrouter.cache.store.errors}.</li>
 *   <li>{@code openrouter.client.usage.units} (counter) with {@code unit} = {@code image}, {@code search_unit},
 *       {@code character}, {@code second}: what non-chat calls were billed by.</li>
 * </ul>
 * Common tags: {@code gen_ai.operation.name} ({@code chat}, {@code embeddings}, else the kind: {@code rerank},
 * {@code image}, {@code speech}, {@code transcription}), {@code kind} (the {@link OpenRouterCallKind} label),
 * {@code gen_ai.provider.name=openrouter},
 * {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code openrouter.provider.name} (the upstream).
 * Attribute tags (e.g. {@code tenant}) are added only for the keys named in {@link Builder#attributeTags(String...)},
 * because every distinct value makes a new time series.
 * <p>
 * Micrometer is an optional dependency of this module: only this class needs it, and the ledger, listener and stores
 * work without it. Doubles appear only here, at the metrics boundary; the ledger itself stays exact.
 * <pre>{@code
 * CostMetrics.builder(ledger).attributeTags("tenant").build().bindTo(meterRegistry);
 * }</pre>
 */
public final class CostMetrics implements MeterBinder, CostLedgerListener {

    private final CostLedger ledger;
    private final List<String> attributeTags;
    private final ResponseCache responseCache;
    private volatile MeterRegistry registry;

    private CostMetrics(Builder b) {
        this.ledger = b.ledger;
        this.attributeTags = List.copyOf(b.attributeTags);
        this.responseCache = b.responseCache;
    }

    public static Builder builder(CostLedger ledger) {
        return new Builder(ledger);
    }

    /** Registers the meters and starts following the ledger. */
    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Gauge.builder("openrouter.ledger.cost", ledger, l -> l.totalCost().doubleValue())
                .description("Exact total cost in the ledger (USD), as a double")
                .baseUnit("usd")
                .register(registry);
        Gauge.builder("openrouter.ledger.unknown", ledger, l -> (double) l.unknownCount())
                .description("Ledger entries whose cost is unknown")
                .register(registry);
        if (responseCache != null) {
            bindCache(registry, responseCache);
        }
        ledger.addListener(this);
    }

    private static void bindCache(MeterRegistry registry, ResponseCache cache) {
        cacheCounter(registry, cache, "hit", s -> s.hits());
        cacheCounter(registry, cache, "miss", s -> s.misses());
        cacheCounter(registry, cache, "coalesced", s -> s.coalesced());
        cacheCounter(registry, cache, "bypassed", s -> s.bypassed());
        FunctionCounter.builder("openrouter.cache.store.errors", cache, c -> c.stats().storeErrors())
                .description("Response cache store operations that failed (those calls went uncached)")
                .register(registry);
    }

    private static void cacheCounter(MeterRegistry registry, ResponseCache cache, String result,
                                     java.util.function.ToLongFunction<ResponseCache.Stats> count) {
        FunctionCounter.builder("openrouter.cache.requests", cache, c -> count.applyAsLong(c.stats()))
                .description("Calls through the client-side response cache, by result")
                .tag("result", result)
                .register(registry);
    }

    /** Stops following the ledger (meters stay registered). */
    public void unbind() {
        ledger.removeListener(this);
    }

    @Override
    public void onEntry(CostEntry e) {
        MeterRegistry r = registry;
        if (r == null) return;
        Tags tags = tags(e);
        tokens(r, tags, "input", e.inputTokens());
        tokens(r, tags, "output", e.outputTokens());
        if (e.cachedTokens() > 0) tokens(r, tags, "cache_read", e.cachedTokens());
        if (e.cacheWriteTokens() > 0) tokens(r, tags, "cache_creation", e.cacheWriteTokens());
        if (e.reasoningTokens() > 0) tokens(r, tags, "reasoning", e.reasoningTokens());
        Tags durationTags = e.outcome() == CallOutcome.OK ? tags
                : tags.and("error.type", e.outcome().name().toLowerCase(Locale.ROOT));
        Timer.builder("gen_ai.client.operation.duration")
                .description("Duration of GenAI client operations")
                .tags(durationTags)
                .register(r)
                .record(e.duration());
        cost(r, tags, e);
        units(r, tags, e.units());
        if (e.source() == CostSource.CACHED) {
            Counter.builder("openrouter.cache.hits").description("Calls served by a cache (nothing billed)")
                    .tags(tags).register(r).increment();
            if (e.savedCost() != null && e.savedCost().signum() > 0) {
                Counter.builder("openrouter.cache.saved")
                        .description("What calls served by a cache would have cost (USD)")
                        .baseUnit("usd").tags(tags).register(r).increment(e.savedCost().doubleValue());
            }
        }
    }

    @Override
    public void onSettlement(CostEntry before, CostEntry after) {
        MeterRegistry r = registry;
        if (r == null || before.cost() != null || after.cost() == null) return;
        cost(r, tags(after), after);
    }

    private static void cost(MeterRegistry r, Tags tags, CostEntry e) {
        if (e.cost() == null) {
            Counter.builder("gen_ai.client.cost.unknown")
                    .description("Calls whose cost is not known")
                    .tags(tags).register(r).increment();
            return;
        }
        if (e.cost().signum() > 0) {
            Counter.builder("gen_ai.client.cost")
                    .description("Cost of GenAI client operations (USD)")
                    .baseUnit("usd")
                    .tags(tags.and("openrouter.cost.source", e.source().name().toLowerCase(Locale.ROOT)))
                    .register(r)
                    .increment(e.cost().doubleValue());
        }
    }

    private static void tokens(MeterRegistry r, Tags tags, String type, long count) {
        DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Number of tokens used in GenAI operations")
                .baseUnit("tokens")
                .tags(tags.and("gen_ai.token.type", type))
                .register(r)
                .record(count);
    }

    private Tags tags(CostEntry e) {
        List<Tag> t = new ArrayList<>(6 + attributeTags.size());
        t.add(Tag.of("gen_ai.operation.name", operation(e.kind())));
        t.add(Tag.of("kind", e.kind().label()));
        t.add(Tag.of("gen_ai.provider.name", "openrouter"));
        t.add(Tag.of("gen_ai.request.model", orUnknown(e.requestedModel())));
        t.add(Tag.of("gen_ai.response.model", orUnknown(e.model())));
        t.add(Tag.of("openrouter.provider.name", orUnknown(e.provider())));
        for (String key : attributeTags) {
            t.add(Tag.of(key, e.attributes().getOrDefault(key, "none")));
        }
        return Tags.of(t);
    }

    /** The GenAI conventions' operation name: {@code chat}, {@code embeddings}, else the kind's label. */
    private static String operation(OpenRouterCallKind kind) {
        return switch (kind) {
            case CHAT -> "chat";
            case EMBEDDING -> "embeddings";
            default -> kind.label();
        };
    }

    private static void units(MeterRegistry r, Tags tags, BilledUnits u) {
        if (u.images() > 0) unit(r, tags, "image", u.images());
        if (u.searchUnits() > 0) unit(r, tags, "search_unit", u.searchUnits());
        if (u.characters() > 0) unit(r, tags, "character", u.characters());
        if (u.seconds() != null && u.seconds().signum() > 0) unit(r, tags, "second", u.seconds().doubleValue());
    }

    private static void unit(MeterRegistry r, Tags tags, String unit, double amount) {
        Counter.builder("openrouter.client.usage.units")
                .description("Units beyond tokens that calls were billed by (images, search units, characters, seconds)")
                .tags(tags.and("unit", unit))
                .register(r)
                .increment(amount);
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }

    /** Configures {@link CostMetrics}. */
    public static final class Builder {
        private final CostLedger ledger;
        private final List<String> attributeTags = new ArrayList<>();
        private ResponseCache responseCache;

        private Builder(CostLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        /** Also publish the hit, miss, coalesced and bypassed counts of this client-side response cache. */
        public Builder responseCache(ResponseCache responseCache) {
            this.responseCache = responseCache;
            return this;
        }

        /** Attribute keys to add as tags (e.g. {@code tenant}); none by default, for cardinality. */
        public Builder attributeTags(String... keys) {
            attributeTags.addAll(List.of(keys));
            return this;
        }

        public CostMetrics build() {
            return new CostMetrics(this);
        }
    }
}
