package dev.openrouter4j.cdi.internal;

import java.util.Map;
import java.util.Set;

/**
 * Everything read from the configuration at the start of discovery: whether the integration is on, the default
 * settings (the top-level {@code openrouter.*} keys; {@link ModelSettings#model()} is null when
 * {@code openrouter.model} is unset), the named models in listed order, the names that have settings but are not
 * listed, the cost settings, the problems found, and the cache settings.
 */
public record ParsedConfig(boolean enabled, ModelSettings defaults, Map<String, ModelSettings> named,
                           Set<String> unlistedNames, CostSettings cost, Problems problems, CacheSettings cache) {

    public ParsedConfig {
        cache = cache == null ? CacheSettings.OFF : cache;
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

    /** A config whose integration is off: no beans. */
    public static ParsedConfig disabled(Problems problems) {
        return new ParsedConfig(false, null, Map.of(), Set.of(), null, problems);
    }
}
