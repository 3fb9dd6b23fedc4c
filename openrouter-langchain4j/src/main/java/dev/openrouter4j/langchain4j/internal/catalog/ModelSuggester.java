package dev.openrouter4j.langchain4j.internal.catalog;

import dev.openrouter4j.langchain4j.OpenRouterModelInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the known model ids nearest to an unknown one, for "did you mean" hints on a model-not-found error.
 * <p>
 * Ids go out of date (retired models such as {@code google/gemini-pro}, {@code anthropic/claude-3-opus}), so a plain
 * edit distance is not enough: it would suggest an unrelated short id. The score weighs, from strongest to weakest:
 * the same author, the shared words of the name (family words such as {@code claude}, {@code opus}, {@code gemini}
 * count more than version numbers), the edit distance of the name and of the whole id, and prefix/containment.
 * Only candidates of the same family (sharing the first word of the name) or with a close name qualify. Ties go
 * to the newest model, then the id, so the result is deterministic. Variant ids ({@code :free} ...) are only
 * suggested when the query has the same variant or the base id is not listed.
 */
public final class ModelSuggester {

    private ModelSuggester() {
    }

    /** Up to {@code max} known ids nearest to {@code unknownId}, best first. */
    public static List<String> suggest(ModelIndex index, String unknownId, int max) {
        if (unknownId == null || unknownId.isBlank() || max <= 0) return List.of();
        String q = ModelIndex.key(unknownId);
        Set<String> out = new LinkedHashSet<>();
        Optional<OpenRouterModelInfo> exact = index.find(q);
        exact.ifPresent(m -> out.add(m.id()));

        String qVariant = ModelIndex.variantOf(q);
        Parts query = Parts.of(qVariant == null ? q : ModelIndex.stripVariant(q));
        if (query.name.isEmpty()) return List.copyOf(out);

        List<Scored> scored = new ArrayList<>();
        for (OpenRouterModelInfo m : index.models()) {
            String id = ModelIndex.key(m.id());
            String cVariant = ModelIndex.variantOf(id);
            String base = cVariant == null ? id : ModelIndex.stripVariant(id);
            if (cVariant != null && !cVariant.equals(qVariant) && index.containsId(base)) continue;
            Parts cand = Parts.of(base);
            double s = score(query, cand);
            if (s < 0) continue;
            if (qVariant != null && qVariant.equals(cVariant)) s += 0.5;
            scored.add(new Scored(m, s));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(Scored::model, ModelIndex.NEWEST_FIRST));
        for (Scored s : scored) {
            if (out.size() >= max) break;
            out.add(s.model.id());
        }
        return List.copyOf(out);
    }

    /** The similarity of a candidate to the query, or -1 when it is not related enough to suggest. */
    static double score(Parts q, Parts c) {
        double nameSim = similarity(q.name, c.name);
        boolean sameFamily = q.family != null && c.tokens.contains(q.family);
        boolean contains = c.name.contains(q.name) || q.name.contains(c.name);
        if (!sameFamily && nameSim < 0.6 && !contains) return -1;

        double author = 0;
        if (q.author != null && c.author != null) {
            if (q.author.equals(c.author)) author = 1;
            else if (c.author.startsWith(q.author) || q.author.startsWith(c.author)) author = 0.5;
        }
        double tokens = sharedTokenWeight(q.tokens, c.tokens);
        double full = similarity(q.full, c.full);
        double prefix = c.name.startsWith(q.name) || q.name.startsWith(c.name) ? 1 : 0;
        return 3 * author + 2.5 * tokens + 1.5 * nameSim + 0.5 * full + 0.5 * prefix + (contains ? 0.25 : 0);
    }

    /**
     * Dice coefficient over weighted words: shared weight twice over the weight of both names, so extra words in
     * the candidate ({@code guard}, {@code fast}) count against it. A version that matches only in its major number
     * ({@code 3} and {@code 3.3}) counts half.
     */
    private static double sharedTokenWeight(List<String> query, List<String> candidate) {
        double total = 0;
        double shared = 0;
        for (String t : query) {
            double w = weight(t);
            total += w;
            if (candidate.contains(t)) {
                shared += w;
            } else if (Character.isDigit(t.charAt(0))) {
                for (String c : candidate) {
                    if (Character.isDigit(c.charAt(0)) && major(c).equals(major(t))) {
                        shared += w / 2;
                        break;
                    }
                }
            }
        }
        for (String t : candidate) {
            total += weight(t);
        }
        return total == 0 ? 0 : 2 * shared / total;
    }

    private static String major(String version) {
        int dot = version.indexOf('.');
        return dot < 0 ? version : version.substring(0, dot);
    }

    /** Words of the model family ({@code opus}, {@code gemini}) count twice as much as numbers and short tokens. */
    private static double weight(String token) {
        return token.length() >= 3 && Character.isLetter(token.charAt(0)) ? 2 : 1;
    }

    /** 1 for equal strings, 0 for entirely different ones (normalized Levenshtein distance). */
    static double similarity(String a, String b) {
        int longest = Math.max(a.length(), b.length());
        if (longest == 0) return 1;
        return 1.0 - (double) levenshtein(a, b) / longest;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private record Scored(OpenRouterModelInfo model, double score) {
    }

    /** An id split into author, name and the words of the name. */
    static final class Parts {
        final String full;
        final String author;
        final String name;
        final List<String> tokens;
        final String family;

        private Parts(String full, String author, String name) {
            this.full = full;
            this.author = author;
            this.name = name;
            this.tokens = tokenize(name);
            String fam = null;
            for (String t : tokens) {
                if (Character.isLetter(t.charAt(0))) {
                    fam = t;
                    break;
                }
            }
            this.family = fam;
        }

        static Parts of(String id) {
            String s = id.toLowerCase(Locale.ROOT);
            if (s.startsWith("~")) s = s.substring(1);
            int slash = s.indexOf('/');
            if (slash < 0) return new Parts(s, null, s);
            return new Parts(s, s.substring(0, slash), s.substring(slash + 1));
        }

        /**
         * Splits on separators, and a word that starts with letters before its first digit: {@code qwen3.6-plus}
         * gives qwen, 3.6, plus; {@code llama-3-70b} gives llama, 3, 70b (sizes and versions stay whole).
         */
        static List<String> tokenize(String name) {
            List<String> out = new ArrayList<>();
            for (String part : name.split("[-_:/~\\s]+")) {
                if (part.isEmpty()) continue;
                int firstDigit = -1;
                if (Character.isLetter(part.charAt(0))) {
                    for (int i = 1; i < part.length(); i++) {
                        if (Character.isDigit(part.charAt(i))) {
                            firstDigit = i;
                            break;
                        }
                    }
                }
                if (firstDigit > 0) {
                    out.add(part.substring(0, firstDigit));
                    out.add(part.substring(firstDigit));
                } else {
                    out.add(part);
                }
            }
            return out;
        }
    }
}
