package dev.openrouter4j.samples.chatapi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps API keys out of every response and log line of the sample: the configured key, and anything shaped like an
 * OpenRouter or OpenAI key, is replaced by a mask before a message leaves the server.
 */
final class Secrets {

    private static final Pattern KEY_SHAPED = Pattern.compile("sk-or-[A-Za-z0-9_-]{4,}|sk-[A-Za-z0-9_-]{16,}");
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    /** Remembers a configured key, so it is masked even when it is not key-shaped. */
    static void remember(String key) {
        if (key != null && key.length() >= 4) {
            KNOWN.add(key);
        }
    }

    /** The text with every known and every key-shaped token masked; null stays null. */
    static String scrub(String text) {
        if (text == null) return null;
        for (String key : KNOWN) {
            if (text.contains(key)) {
                text = text.replace(key, "****");
            }
        }
        if (text.contains("sk-")) {
            text = KEY_SHAPED.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                    (m.group().startsWith("sk-or-v1-") ? "sk-or-v1-" : "sk-") + "****"));
        }
        return text;
    }
}
