package dev.openrouter4j.langchain4j.internal.util;

import java.util.regex.Pattern;

/**
 * Keeps API keys out of logs, messages and {@code toString()}: {@link #mask(String)} shows a key as its prefix and
 * last four characters; {@link #scrub(String)} masks any key-shaped text inside a longer string.
 */
public final class Secrets {

    private static final Pattern KEY_SHAPED = Pattern.compile("sk-or-[A-Za-z0-9_-]{4,}|sk-[A-Za-z0-9_-]{16,}");

    private Secrets() {
    }

    /** {@code sk-or-v1-abc...wxyz}: enough to tell keys apart, not enough to use one. */
    public static String mask(String key) {
        if (key == null) return null;
        if (key.length() <= 12) return "****";
        String prefix = key.startsWith("sk-or-v1-") ? "sk-or-v1-" : key.substring(0, 3);
        return prefix + "****" + key.substring(key.length() - 4);
    }

    /** The text with every key-shaped token masked. */
    public static String scrub(String text) {
        if (text == null || text.indexOf("sk-") < 0) return text;
        return KEY_SHAPED.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(mask(m.group())));
    }

    /** The text with this exact key masked, and any other key-shaped token too. */
    public static String scrub(String text, String key) {
        if (text == null) return null;
        if (key != null && !key.isEmpty() && text.contains(key)) {
            text = text.replace(key, mask(key));
        }
        return scrub(text);
    }
}
