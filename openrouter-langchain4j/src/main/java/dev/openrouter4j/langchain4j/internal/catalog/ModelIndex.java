package dev.openrouter4j.langchain4j.internal.catalog;

import dev.openrouter4j.langchain4j.OpenRouterModelInfo;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable lookup over one fetched list of models: resolves what callers and responses call a model to the
 * catalog entry.
 * <p>
 * Callers write ids ({@code openai/gpt-5-mini}), responses name dated canonical slugs
 * ({@code openai/gpt-5-mini-2025-08-07}), and ids carry variant suffixes ({@code :free}, {@code :nitro}, ...). The
 * lookup is case-insensitive and tries, in order: the exact id, the canonical slug, the id without a known variant
 * suffix (only when the suffixed id is not listed), and the id or slug without a trailing date
 * ({@code -YYYY-MM-DD} or {@code -YYYYMMDD}).
 */
public final class ModelIndex {

    /** OpenRouter's model variants, which select routing rather than a different model. */
    public static final Set<String> VARIANT_SUFFIXES =
            Set.of("free", "thinking", "nitro", "floor", "exacto", "extended", "online");

    private static final Pattern DATE_SUFFIX = Pattern.compile("-(?:\\d{4}-\\d{2}-\\d{2}|\\d{8})$");

    private final List<OpenRouterModelInfo> models;
    private final Map<String, OpenRouterModelInfo> byId;
    private final Map<String, OpenRouterModelInfo> bySlug;
    private final Map<String, OpenRouterModelInfo> byUndatedSlug;

    public ModelIndex(List<OpenRouterModelInfo> models) {
        this.models = List.copyOf(models);
        this.byId = new HashMap<>(models.size() * 2);
        this.bySlug = new HashMap<>(models.size() * 2);
        this.byUndatedSlug = new HashMap<>(models.size() * 2);
        for (OpenRouterModelInfo m : this.models) {
            byId.putIfAbsent(key(m.id()), m);
        }
        // Several ids can share a slug (a model and its :free variant): the one without a suffix wins, then the
        // first listed (OpenRouter lists newest first).
        for (OpenRouterModelInfo m : this.models) {
            if (m.canonicalSlug() == null || m.canonicalSlug().isBlank()) continue;
            String slug = key(m.canonicalSlug());
            bySlug.merge(slug, m, ModelIndex::preferUnsuffixed);
            String undated = stripDate(slug);
            if (undated != null) byUndatedSlug.merge(undated, m, ModelIndex::preferUnsuffixed);
        }
    }

    /** The models, in the order of the response. */
    public List<OpenRouterModelInfo> models() {
        return models;
    }

    /** True when this exact id (case-insensitive) is listed. */
    public boolean containsId(String id) {
        return id != null && byId.containsKey(key(id));
    }

    /** Resolves an id, slug, variant or dated name; see the class comment for the order. */
    public Optional<OpenRouterModelInfo> find(String idOrSlug) {
        if (idOrSlug == null || idOrSlug.isBlank()) return Optional.empty();
        String k = key(idOrSlug);
        OpenRouterModelInfo hit = direct(k);
        if (hit == null) {
            String base = stripVariant(k);
            if (base != null) hit = direct(base);
            if (hit == null) hit = undated(base != null ? base : k);
        }
        return Optional.ofNullable(hit);
    }

    private OpenRouterModelInfo direct(String k) {
        OpenRouterModelInfo m = byId.get(k);
        return m != null ? m : bySlug.get(k);
    }

    private OpenRouterModelInfo undated(String k) {
        String undated = stripDate(k);
        if (undated == null) return null;
        OpenRouterModelInfo m = byId.get(undated);
        if (m == null) m = byUndatedSlug.get(undated);
        return m;
    }

    static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** The id without a known variant suffix, or null when it has none. */
    public static String stripVariant(String id) {
        int colon = id.lastIndexOf(':');
        if (colon <= 0 || colon < id.lastIndexOf('/')) return null;
        String suffix = id.substring(colon + 1).toLowerCase(Locale.ROOT);
        return VARIANT_SUFFIXES.contains(suffix) ? id.substring(0, colon) : null;
    }

    /** The variant suffix of an id ({@code free} for {@code x/y:free}), or null. */
    public static String variantOf(String id) {
        String base = stripVariant(id);
        return base == null ? null : id.substring(base.length() + 1).toLowerCase(Locale.ROOT);
    }

    /** The name without a trailing {@code -YYYY-MM-DD} or {@code -YYYYMMDD}, or null when it has none. */
    public static String stripDate(String name) {
        Matcher m = DATE_SUFFIX.matcher(name);
        if (!m.find() || m.start() == 0) return null;
        String rest = name.substring(0, m.start());
        return rest.endsWith("/") ? null : rest;
    }

    private static OpenRouterModelInfo preferUnsuffixed(OpenRouterModelInfo existing, OpenRouterModelInfo candidate) {
        boolean existingPlain = stripVariant(existing.id()) == null;
        boolean candidatePlain = stripVariant(candidate.id()) == null;
        return !existingPlain && candidatePlain ? candidate : existing;
    }

    /** Orders newest first (null dates last), then by id: the deterministic tie-break of suggestions. */
    static final Comparator<OpenRouterModelInfo> NEWEST_FIRST = Comparator
            .comparing(OpenRouterModelInfo::created, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(OpenRouterModelInfo::id);
}
