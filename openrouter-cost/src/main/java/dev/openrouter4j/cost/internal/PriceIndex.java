package dev.openrouter4j.cost.internal;

import dev.openrouter4j.cost.ModelPrice;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An immutable, case-insensitive index of prices by model id and by canonical slug. */
public final class PriceIndex {

    private final Map<String, ModelPrice> byId;
    private final Map<String, String> idBySlug;

    public PriceIndex(Map<String, ModelPrice> byId, Map<String, String> idBySlug) {
        Map<String, ModelPrice> ids = new LinkedHashMap<>();
        byId.forEach((k, v) -> ids.put(key(k), v));
        Map<String, String> slugs = new HashMap<>();
        idBySlug.forEach((k, v) -> slugs.put(key(k), v));
        this.byId = Collections.unmodifiableMap(ids);
        this.idBySlug = Collections.unmodifiableMap(slugs);
    }

    public static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** The price listed under exactly this id (case-insensitive), or null. */
    public ModelPrice byId(String id) {
        return byId.get(key(id));
    }

    /** The id whose canonical slug this is, or null. */
    public String idForSlug(String slug) {
        return idBySlug.get(key(slug));
    }

    public Collection<ModelPrice> prices() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }
}
