package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.OpenRouterCache;
import dev.openrouter4j.langchain4j.ResponseCache;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed {@code openrouter.cache.*} settings: the client-side response cache (a {@link ResponseCache} bean given
 * to every produced model) and OpenRouter's own response cache (headers on every call).
 *
 * @param enabled          whether the produced models use a client-side cache
 * @param redisUri         the Redis URI when the store is Redis, else null (memory)
 * @param ttl              how long an answer stays cached
 * @param maxEntries       bound of the memory store in entries, or null
 * @param maxBytes         bound of the memory store in bytes, or null
 * @param allRequests      cache every call, not only deterministic ones
 * @param lockTimeout      cross-instance coalescing lock timeout (Redis only), or null for off
 * @param keyPrefix        Redis key prefix, or null for the default
 * @param tenantAttribute  a CostContext attribute whose value is part of every key, or null
 * @param openRouter       OpenRouter's own cache for every call, or null (off)
 */
public record CacheSettings(boolean enabled, String redisUri, Duration ttl, Long maxEntries, Long maxBytes,
                            boolean allRequests, Duration lockTimeout, String keyPrefix, String tenantAttribute,
                            OpenRouterCache openRouter) {

    /** The prefix of every cache property. */
    public static final String PREFIX = SettingsParser.PREFIX + "cache.";
    /** The Redis store's class, present when {@code openrouter-cache-redis} is on the class path. */
    static final String REDIS_STORE = "dev.openrouter4j.cache.redis.RedisResponseCacheStore";

    /** No cache of either kind. */
    public static final CacheSettings OFF = new CacheSettings(false, null, ResponseCache.DEFAULT_TTL, null, null, false,
            null, null, null, null);

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(kb|mb|gb|b)?", Pattern.CASE_INSENSITIVE);

    /** Reads the {@code openrouter.cache.*} properties, recording every problem with the property's name. */
    static CacheSettings read(PropertyReader in) {
        boolean enabled = Boolean.TRUE.equals(in.bool(in.read(PREFIX + "enabled")));
        Value store = in.read(PREFIX + "store");
        String redis = null;
        if (store != null) {
            String lower = store.text().toLowerCase(Locale.ROOT);
            if (lower.startsWith("redis://") || lower.startsWith("rediss://")) {
                redis = store.text();
                if (!redisModulePresent()) {
                    in.problems().add(store.describe() + " asks for Redis, but dev.openrouter4j:openrouter-cache-redis"
                            + " is not on the class path: add it to the application");
                }
            } else if (!lower.equals("memory")) {
                in.problems().add(store.describe() + " is not memory or a redis://host:port[/db] (or rediss://) URI");
            }
        }
        Duration ttl = in.duration(in.read(PREFIX + "ttl"));
        Value size = in.read(PREFIX + "max-size");
        Long maxEntries = null;
        Long maxBytes = null;
        if (size != null) {
            Matcher m = SIZE.matcher(size.text().strip());
            long n = m.matches() ? parse(m.group(1)) : -1;
            if (n < 1) {
                in.problems().add(size.describe() + " is not a positive number of entries (10000) or of bytes"
                        + " (512kb, 64mb, 1gb)");
            } else if (m.group(2) == null) {
                maxEntries = n;
            } else {
                maxBytes = n * switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "kb" -> 1024L;
                    case "mb" -> 1024L * 1024;
                    case "gb" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
            }
            if (redis != null) {
                in.problems().add(size.describe() + " bounds the memory store; a Redis store is bounded by Redis"
                        + " (maxmemory): remove it or use openrouter.cache.store=memory");
            }
        }
        Boolean all = in.bool(in.read(PREFIX + "all-requests"));
        Value lock = in.read(PREFIX + "coalesce-across-instances");
        Duration lockTimeout = in.duration(lock);
        if (lock != null && redis == null) {
            in.problems().add(lock.describe() + " needs a shared store: set openrouter.cache.store to a redis:// URI");
        }
        Value prefix = in.read(PREFIX + "key-prefix");
        Value tenant = in.read(PREFIX + "tenant-attribute");
        return new CacheSettings(enabled, redis, ttl == null ? ResponseCache.DEFAULT_TTL : ttl, maxEntries, maxBytes,
                Boolean.TRUE.equals(all), lockTimeout, prefix == null ? null : prefix.text(),
                tenant == null ? null : tenant.text(), openRouter(in));
    }

    private static OpenRouterCache openRouter(PropertyReader in) {
        Boolean on = in.bool(in.read(PREFIX + "openrouter.enabled"));
        Value ttlValue = in.read(PREFIX + "openrouter.ttl");
        Duration ttl = in.duration(ttlValue);
        if (ttl != null && (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(OpenRouterCache.MAX_TTL) > 0
                || ttl.toNanos() % 1_000_000_000L != 0)) {
            in.problems().add(ttlValue.describe() + " must be whole seconds from 1s to 86400s (1 day), as OpenRouter"
                    + " accepts");
            ttl = null;
        }
        if (!Boolean.TRUE.equals(on)) {
            if (ttlValue != null && on == null) {
                in.problems().add(ttlValue.describe() + " is set but " + PropertyReader.describe(
                        PREFIX + "openrouter.enabled") + " is not true: set it to use OpenRouter's cache");
            }
            return null;
        }
        return ttl == null ? OpenRouterCache.on() : OpenRouterCache.withTtl(ttl);
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean redisModulePresent() {
        try {
            Class.forName(REDIS_STORE, false, CacheSettings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
