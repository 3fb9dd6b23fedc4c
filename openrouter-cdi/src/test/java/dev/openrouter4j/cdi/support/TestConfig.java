package dev.openrouter4j.cdi.support;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A fresh SmallRye config per test, made only of the given sources (no real environment, no system properties),
 * registered for the thread's context class loader and released by {@link #close()}.
 */
public final class TestConfig implements AutoCloseable {

    /** A syntactically valid OpenRouter key that must never appear in a message. */
    public static final String CANARY = "sk-or-v1-test" + "0123456789abcdef0123456789abcdef0123456789abcdef01234567";

    private final Config config;
    private final ClassLoader loader;

    private TestConfig(ConfigSource... sources) {
        this.loader = Thread.currentThread().getContextClassLoader();
        this.config = new SmallRyeConfigBuilder().addDefaultInterceptors().withSources(sources).build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.registerConfig(config, loader);
        } catch (IllegalStateException alreadyRegistered) {
            resolver.releaseConfig(resolver.getConfig(loader));
            resolver.registerConfig(config, loader);
        }
    }

    /** Registers a config of one properties-like source named {@code test-config} (ordinal 500). */
    public static TestConfig of(Map<String, String> properties) {
        return new TestConfig(new MapSource("test-config", 500, properties));
    }

    /** Registers a config of these sources. */
    public static TestConfig of(ConfigSource... sources) {
        return new TestConfig(sources);
    }

    /** {@code k1, v1, k2, v2, ...} as an ordered map. */
    public static Map<String, String> props(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    public Config config() {
        return config;
    }

    @Override
    public void close() {
        ConfigProviderResolver.instance().releaseConfig(config);
    }

    /** A named, fixed source of properties. */
    public static final class MapSource implements ConfigSource {
        private final String name;
        private final int ordinal;
        private final Map<String, String> properties;

        public MapSource(String name, int ordinal, Map<String, String> properties) {
            this.name = name;
            this.ordinal = ordinal;
            this.properties = Map.copyOf(properties);
        }

        @Override
        public Set<String> getPropertyNames() {
            return properties.keySet();
        }

        @Override
        public String getValue(String propertyName) {
            return properties.get(propertyName);
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public int getOrdinal() {
            return ordinal;
        }
    }

    /**
     * Environment variables as MicroProfile Config 3.1 looks them up: the exact name, then every character other
     * than a letter or digit replaced by {@code _}, then that in upper case. Its names are the raw variable names.
     */
    public static final class EnvSource implements ConfigSource {
        private final Map<String, String> env;

        public EnvSource(Map<String, String> env) {
            this.env = Map.copyOf(env);
        }

        @Override
        public Set<String> getPropertyNames() {
            return env.keySet();
        }

        @Override
        public String getValue(String propertyName) {
            String v = env.get(propertyName);
            if (v != null) return v;
            String sanitized = propertyName.replaceAll("[^A-Za-z0-9]", "_");
            v = env.get(sanitized);
            return v != null ? v : env.get(sanitized.toUpperCase(java.util.Locale.ROOT));
        }

        @Override
        public String getName() {
            return "EnvSource[simulated environment]";
        }

        @Override
        public int getOrdinal() {
            return 300;
        }
    }
}
