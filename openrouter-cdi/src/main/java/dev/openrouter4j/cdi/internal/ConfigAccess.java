package dev.openrouter4j.cdi.internal;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The only class that touches {@code ConfigProvider}, so a missing MicroProfile Config API shows up as a
 * {@link LinkageError} here, where it is turned into a clear deployment problem.
 */
final class ConfigAccess {

    private ConfigAccess() {
    }

    /**
     * Parses the configuration of the thread's context class loader.
     *
     * @throws LinkageError          when the MicroProfile Config API is not on the class path
     * @throws IllegalStateException when there is no MicroProfile Config implementation
     */
    static ParsedConfig parse() {
        org.eclipse.microprofile.config.Config config = ConfigProvider.getConfig();
        try {
            return SettingsParser.parse(config);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e); // not "MicroProfile Config is missing"
        }
    }
}
