package dev.openrouter4j.cost;

import dev.openrouter4j.cost.internal.BundledPrices;
import dev.openrouter4j.cost.internal.PriceIndex;
import dev.openrouter4j.langchain4j.OpenRouterImagePrice;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.langchain4j.OpenRouterModelInfo;
import dev.openrouter4j.langchain4j.logging.Log;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prices per model, from several sources, for estimating a call's cost when OpenRouter did not report it (and for
 * reserving a worst case in budgets).
 * <p>
 * Models billed per image, rerank search unit, character or second have {@link UnitPrice}s
 * ({@link #findUnitPrice(String, PriceUnit)}); embedding models are priced per input token like chat models.
 * <p>
 * Where several sources know a model, the first wins: user overrides (by id, then by regular expression), then a live
 * {@link OpenRouterModelCatalog} when one is given, then the seed table (the prices this application was designed
 * around), then the bundled snapshot of OpenRouter's catalog (2026-05-22). {@link #defaults()} is offline: seed plus
 * snapshot.
 * <p>
 * Lookup is case-insensitive and understands OpenRouter's naming: canonical dated slugs
 * ({@code anthropic/claude-4.5-sonnet-20250929} is priced as {@code anthropic/claude-sonnet-4.5}), dated ids whose
 * undated part is listed, and variant suffixes: {@code :free} costs nothing unless listed otherwise; any other
 * suffix ({@code :thinking}, {@code :nitro}, {@code :floor}, ...) is priced as its base model unless listed itself.
 * A model no source knows has no price: its cost is unknown ({@link CostSource#UNKNOWN}), never zero.
 * <p>
 * Instances are immutable and thread-safe; lookups are cached (for the live catalog's TTL when there is one).
 */
public final class PriceTable {

    private static final Log LOG = Log.of(PriceTable.class);
    private static final Pattern DATED = Pattern.compile("^(.+?)-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");
    private static final int MAX_CACHED = 10_000;

    private static final class DefaultsHolder {
        static final PriceTable DEFAULTS = builder().build();
    }

    private final Map<String, ModelPrice> overrides;
    private final List<Map.Entry<Pattern, ModelPrice>> patternOverrides;
    private final OpenRouterModelCatalog catalog;
    private final Duration catalogTtl;
    private final PriceIndex seed;
    private final PriceIndex snapshot;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, UnitPrice> unitOverrides;
    private final ConcurrentHashMap<String, CachedUnit> unitCache = new ConcurrentHashMap<>();
    private final AtomicLong lastCatalogWarning = new AtomicLong();

    private record Cached(ModelPrice price, long expiresAtMillis) {
    }

    private record CachedUnit(UnitPrice price, long expiresAtMillis) {
    }

    private PriceTable(Builder b) {
        Map<String, ModelPrice> o = new LinkedHashMap<>();
        b.overrides.forEach((k, v) -> o.put(PriceIndex.key(k), v));
        this.overrides = Map.copyOf(o);
        Map<String, UnitPrice> u = new LinkedHashMap<>();
        b.unitOverrides.forEach(p -> u.put(unitKey(PriceIndex.key(p.modelId()), p.unit()), p));
        this.unitOverrides = Map.copyOf(u);
        this.patternOverrides = List.copyOf(b.patternOverrides);
        this.catalog = b.catalog;
        this.catalogTtl = b.catalogTtl;
        this.seed = b.seed ? BundledPrices.seed() : null;
        this.snapshot = b.snapshot ? BundledPrices.snapshot() : null;
        this.clock = b.clock;
    }

    /** The offline table: the seed prices, then the bundled snapshot of OpenRouter's catalog (2026-05-22). */
    public static PriceTable defaults() {
        return DefaultsHolder.DEFAULTS;
    }

    /** A builder that starts from the seed and the snapshot, with no overrides and no live catalog. */
    public static Builder builder() {
        return new Builder();
    }

    /** The price of a model, or empty when no source knows it. */
    public Optional<ModelPrice> find(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String key = PriceIndex.key(model);
        long now = catalog == null ? 0 : clock.millis();
        Cached c = cache.get(key);
        if (c != null && (catalog == null || c.expiresAtMillis > now)) {
            return Optional.ofNullable(c.price);
        }
        ModelPrice price = resolve(key, 0);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(price, catalog == null ? Long.MAX_VALUE : now + catalogTtl.toMillis()));
        return Optional.ofNullable(price);
    }

    /** The cost of the tokens at the model's price: {@link CostSource#ESTIMATED}, or {@link CostSource#UNKNOWN}. */
    public CostEstimate estimate(String model, TokenCounts tokens) {
        ModelPrice price = find(model).orElse(null);
        BigDecimal cost = CostCalculator.cost(price, tokens);
        return new CostEstimate(cost, cost == null ? CostSource.UNKNOWN : CostSource.ESTIMATED, price);
    }

    /**
     * The price per unit (image, search unit, character, second) of a model, or empty when no source knows it: your
     * override for the id (or, for {@code id:variant}, for its base id), else, for {@link PriceUnit#IMAGE} and a
     * live catalog, the highest {@code output_image} price per image among the providers OpenRouter lists (which one
     * serves a call is not known in advance, so the highest is the safe estimate). Cached like {@link #find(String)}.
     */
    public Optional<UnitPrice> findUnitPrice(String model, PriceUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String key = PriceIndex.key(model);
        UnitPrice override = unitOverrides.get(unitKey(key, unit));
        int colon = key.lastIndexOf(':');
        if (override == null && colon > 0) {
            override = unitOverrides.get(unitKey(key.substring(0, colon), unit));
        }
        if (override != null || catalog == null || unit != PriceUnit.IMAGE) {
            return Optional.ofNullable(override);
        }
        long now = clock.millis();
        CachedUnit c = unitCache.get(key);
        if (c != null && c.expiresAtMillis > now) {
            return Optional.ofNullable(c.price);
        }
        UnitPrice live = liveImagePrice(model);
        if (unitCache.size() >= MAX_CACHED) {
            unitCache.clear();
        }
        unitCache.put(key, new CachedUnit(live, now + catalogTtl.toMillis()));
        return Optional.ofNullable(live);
    }

    private UnitPrice liveImagePrice(String model) {
        try {
            BigDecimal highest = null;
            for (OpenRouterImagePrice p : catalog.imagePricing(model)) {
                if ("output_image".equals(p.billable()) && "image".equals(p.unit()) && p.costUsd().signum() >= 0
                        && (highest == null || p.costUsd().compareTo(highest) > 0)) {
                    highest = p.costUsd();
                }
            }
            return highest == null ? null : new UnitPrice(model, PriceUnit.IMAGE, highest, PriceSource.LIVE_CATALOG,
                    LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        } catch (RuntimeException e) {
            warnCatalog(e);
            return null;
        }
    }

    private static String unitKey(String modelKey, PriceUnit unit) {
        return unit.name() + ' ' + modelKey;
    }

    private ModelPrice resolve(String name, int depth) {
        if (depth > 3) {
            return null;
        }
        ModelPrice listed = resolveListed(name);
        if (listed != null) {
            return listed;
        }
        int colon = name.lastIndexOf(':');
        if (colon > 0 && colon < name.length() - 1) {
            String base = name.substring(0, colon);
            String variant = name.substring(colon + 1);
            ModelPrice basePrice = resolve(base, depth + 1);
            if ("free".equals(variant)) {
                return new ModelPrice(name, BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, null, null,
                        basePrice == null ? null : basePrice.contextLength(),
                        basePrice == null ? null : basePrice.maxCompletionTokens(), PriceSource.RULE,
                        LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            }
            return basePrice;
        }
        Matcher dated = DATED.matcher(name);
        if (dated.matches()) {
            return resolve(dated.group(1), depth + 1);
        }
        return null;
    }

    /** The first source that lists the name itself or, by canonical slug, the id it stands for. */
    private ModelPrice resolveListed(String name) {
        List<String> aliases = new ArrayList<>(3);
        aliases.add(name);
        OpenRouterModelInfo live = liveInfo(name);
        if (live != null && !PriceIndex.key(live.id()).equals(name)) {
            aliases.add(PriceIndex.key(live.id()));
        }
        if (snapshot != null) {
            String id = snapshot.idForSlug(name);
            if (id != null && !aliases.contains(PriceIndex.key(id))) {
                aliases.add(PriceIndex.key(id));
            }
        }
        for (String alias : aliases) {
            ModelPrice p = overrides.get(alias);
            if (p != null) return p;
        }
        for (Map.Entry<Pattern, ModelPrice> e : patternOverrides) {
            for (String alias : aliases) {
                if (e.getKey().matcher(alias).matches()) return e.getValue().withModelId(alias);
            }
        }
        if (live != null && live.pricing() != null && live.pricing().prompt() != null
                && live.pricing().completion() != null) {
            return ModelPrice.of(live.id(), live.pricing(), live.contextLength(), live.maxCompletionTokens(),
                    PriceSource.LIVE_CATALOG, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        }
        for (PriceIndex index : new PriceIndex[]{seed, snapshot}) {
            if (index == null) continue;
            for (String alias : aliases) {
                ModelPrice p = index.byId(alias);
                if (p != null) return p;
            }
        }
        return null;
    }

    /** The live catalog's model listed exactly under this id or canonical slug (not a variant or dated fallback). */
    private OpenRouterModelInfo liveInfo(String name) {
        if (catalog == null) {
            return null;
        }
        try {
            OpenRouterModelInfo info = catalog.find(name).orElse(null);
            if (info == null) return null;
            boolean exact = name.equalsIgnoreCase(info.id())
                    || (info.canonicalSlug() != null && name.equalsIgnoreCase(info.canonicalSlug()));
            return exact ? info : null;
        } catch (RuntimeException e) {
            warnCatalog(e);
            return null;
        }
    }

    private void warnCatalog(RuntimeException e) {
        long now = clock.millis();
        long last = lastCatalogWarning.get();
        if (now - last > 60_000 && lastCatalogWarning.compareAndSet(last, now)) {
            LOG.warn("The live model catalog failed ({}); pricing from the offline tables", e.toString());
        }
    }

    @Override
    public String toString() {
        return "PriceTable{overrides=" + overrides.size() + ", patterns=" + patternOverrides.size()
                + ", liveCatalog=" + (catalog != null) + ", seed=" + (seed != null) + ", snapshot="
                + (snapshot == null ? "none" : snapshot.size() + " models") + '}';
    }

    /** Configures a {@link PriceTable}. */
    public static final class Builder {
        private final Map<String, ModelPrice> overrides = new LinkedHashMap<>();
        private final List<Map.Entry<Pattern, ModelPrice>> patternOverrides = new ArrayList<>();
        private final List<UnitPrice> unitOverrides = new ArrayList<>();
        private OpenRouterModelCatalog catalog;
        private Duration catalogTtl = Duration.ofMinutes(10);
        private boolean seed = true;
        private boolean snapshot = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** A price of your own for a model id (it wins over every other source). */
        public Builder override(ModelPrice price) {
            overrides.put(price.modelId(), price);
            return this;
        }

        /** A price of your own for a model id (it wins over every other source). */
        public Builder override(String modelId, ModelPrice price) {
            overrides.put(Objects.requireNonNull(modelId), Objects.requireNonNull(price));
            return this;
        }

        /**
         * A price per unit of your own for a model billed per image, search unit, character or second (e.g.
         * {@code overrideUnitPrice("cohere/rerank-v3.5", PriceUnit.SEARCH_UNIT, "0.002")}); it wins over the catalog.
         *
         * @throws IllegalArgumentException when the amount is not a non-negative decimal
         */
        public Builder overrideUnitPrice(String modelId, PriceUnit unit, String usdPerUnit) {
            BigDecimal usd;
            try {
                usd = new BigDecimal(Objects.requireNonNull(usdPerUnit, "usdPerUnit").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the price per " + unit + " of " + modelId
                        + " must be a decimal number of USD, was '" + usdPerUnit + "'", e);
            }
            return overrideUnitPrice(new UnitPrice(modelId, unit, usd, PriceSource.OVERRIDE,
                    LocalDate.now(clock.withZone(ZoneOffset.UTC))));
        }

        /** A price per unit of your own (it wins over the catalog). */
        public Builder overrideUnitPrice(UnitPrice price) {
            unitOverrides.add(Objects.requireNonNull(price, "price"));
            return this;
        }

        /** A price of your own for every model id the regular expression matches entirely (case-insensitive). */
        public Builder overridePattern(String regex, ModelPrice price) {
            patternOverrides.add(Map.entry(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), price));
            return this;
        }

        /**
         * Consults OpenRouter's live catalog after the overrides. The catalog refreshes itself on its own TTL; this
         * table additionally caches each model's price for {@link #catalogTtl(Duration)}. When the catalog fails,
         * the offline tables are used and a WARN is logged (at most once a minute).
         */
        public Builder catalog(OpenRouterModelCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        /** How long a price looked up through the live catalog is reused; default 10 minutes. */
        public Builder catalogTtl(Duration ttl) {
            this.catalogTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** Whether the seed table is consulted (default true). */
        public Builder seed(boolean enabled) {
            this.seed = enabled;
            return this;
        }

        /** Whether the bundled snapshot of OpenRouter's catalog is consulted (default true). */
        public Builder snapshot(boolean enabled) {
            this.snapshot = enabled;
            return this;
        }

        /** The clock used for live-price dates and cache expiry; for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public PriceTable build() {
            return new PriceTable(this);
        }
    }
}
