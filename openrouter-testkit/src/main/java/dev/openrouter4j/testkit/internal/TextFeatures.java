package dev.openrouter4j.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words and character trigrams of a text, the features the fake's embeddings and rerank scores are made of:
 * texts sharing words or word pieces share features, so they come out close.
 */
final class TextFeatures {

    private TextFeatures() {
    }

    /** Lower-case runs of letters and digits, in order, repeats kept. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                w.appendCodePoint(cp);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
            i += Character.charCount(cp);
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    /** The distinct words of a text. */
    static Set<String> wordSet(String text) {
        return new LinkedHashSet<>(words(text));
    }

    /** Trigrams of each word padded with a space on both sides ({@code "cat"} gives {@code " ca", "cat", "at "}). */
    static List<String> trigrams(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            String padded = " " + w + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                out.add(padded.substring(i, i + 3));
            }
        }
        return out;
    }

    /** 64-bit FNV-1a of a feature, salted, so features spread evenly over the vector. */
    static long hash(String feature, String salt) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < salt.length(); i++) {
            h = (h ^ salt.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0x1f) * 0x100000001b3L;
        for (int i = 0; i < feature.length(); i++) {
            h = (h ^ feature.charAt(i)) * 0x100000001b3L;
        }
        return h ^ (h >>> 29);
    }
}
