package dev.openrouter4j.cdi.internal;

/**
 * A configured value with where it came from. {@link #toString()} never shows the value.
 *
 * @param property the property that holds it, e.g. {@code openrouter.models.fast.timeout}
 * @param text     the value, stripped of surrounding white space except for keys (never blank)
 * @param source   the name of the config source it came from, or null when unknown
 */
public record Value(String property, String text, String source) {

    /** {@code property (env NAME), from SOURCE}: how messages name a value without showing it. */
    public String describe() {
        return PropertyReader.describe(property) + (source == null ? "" : ", from " + source + ",");
    }

    @Override
    public String toString() {
        return "Value{" + property + ", from " + source + "}";
    }
}
