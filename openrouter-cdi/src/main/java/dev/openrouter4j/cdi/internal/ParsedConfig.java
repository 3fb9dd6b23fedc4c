package dev.openrouter4j.cdi.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything read from the configuration at the start of discovery: whether the integration is on, the default
 * settings (the top-level {@code openrouter.*} keys; {@link ModelSettings#model()} is null when
 * {@code openrouter.model} is unset), the named models in listed order, the names that have settings but are not
 * listed, the cost settings, the problems found, the cache settings, and the models of the other kinds (embedding,
 * rerank, image, speech, transcription: the default of each kind first, then the named ones in listed order;
 * {@link #named()} holds the named chat models only).
 */
public record ParsedConfig(boolean enabled, ModelSettings defaults, Map<String, ModelSettings> named,
                           Set<String> unlistedNames, CostSettings cost, Problems problems, CacheSettings cache,
                           List<KindModelSettings> kindModels) {

    public ParsedConfig {
        cache = cache == null ? CacheSettings.OFF : cache;
        kindModels = kindModels == null ? List.of() : List.copyOf(kindModels);
    }

    /** A config with chat models only. */
    public ParsedConfig(boolean enabled, ModelSettings defaults, Map<String, ModelSettings> named,
                        Set<String> unlistedNames, CostSettings cost, Problems problems, CacheSettings cache) {
        this(enabled, defaults, named, unlistedNames, cost, problems, cache, List.of());
    }

    /** A config without cache settings. */
    public ParsedConfig(boolean enabled, ModelSettings defaults, Map<String, ModelSettings> named,
                        Set<String> unlistedNames, CostSettings cost, Problems problems) {
        this(enabled, defaults, named, unlistedNames, cost, problems, CacheSettings.OFF);
    }

    /** True when {@code openrouter.model} is set, so there is a {@code @Default} model. */
    public boolean hasDefaultModel() {
        return defaults != null && defaults.model() != null;
    }

    /** The model of that kind and name (null: the default one of the kind), or null when none is configured. */
    public KindModelSettings kindModel(ModelKind kind, String name) {
        return kindModels.stream().filter(m -> m.kind() == kind && java.util.Objects.equals(m.name(), name))
                .findFirst().orElse(null);
    }

    /** The kind of the model of that name, or null when no model has that name. */
    public ModelKind kindOf(String name) {
        if (named.containsKey(name)) return ModelKind.CHAT;
        return kindModels.stream().filter(m -> name.equals(m.name())).map(KindModelSettings::kind).findFirst()
                .orElse(null);
    }

    /** A config whose integration is off: no beans. */
    public static ParsedConfig disabled(Problems problems) {
        return new ParsedConfig(false, null, Map.of(), Set.of(), null, problems);
    }
}
