package dev.openrouter4j.testkit.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenRouter's response cache (beta, "Response Caching") as the fake plays it: a request with
 * {@code X-OpenRouter-Cache: true} is looked up by the exact request body, the key and the path (the body holds
 * the streaming mode); a miss is answered and stored for {@code X-OpenRouter-Cache-TTL} seconds (1 to 86400,
 * default 300); a hit replays the stored answer with a new generation id and creation time and every usage counter
 * at 0, streamed when the request streams. Only successful answers are stored: the engine's error replies never
 * reach {@link #store}. Identical requests in flight are not coalesced, as on OpenRouter.
 * {@code X-OpenRouter-Cache-Clear: true} skips the lookup and stores the fresh answer. Thread-safe.
 */
public final class ResponseCacheSim {

    /** Request header that turns the cache on for one request. */
    public static final String CACHE = "X-OpenRouter-Cache";
    /** Request (and response) header with the entry's lifetime in seconds. */
    public static final String TTL = "X-OpenRouter-Cache-TTL";
    /** Request header that forces a refresh. */
    public static final String CLEAR = "X-OpenRouter-Cache-Clear";
    /** Response header: {@code HIT} or {@code MISS}. */
    public static final String STATUS = "X-OpenRouter-Cache-Status";

    public static final int DEFAULT_TTL_SECONDS = 300;
    public static final int MAX_TTL_SECONDS = 86_400;

    /** A cache-enabled request: its key and TTL, or the error to answer when its headers are invalid. */
    public record Lookup(String key, int ttlSeconds, boolean clear, Reply error) {
    }

    private record Entry(Answer answer, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The lookup a request asks for, or {@code null} when it does not ask for the cache. */
    public static Lookup lookupOf(ChatCall call) {
        HttpRequestData r = call.request();
        String on = r.header(CACHE);
        if (on == null || !on.trim().toLowerCase(Locale.ROOT).equals("true")) {
            return null;
        }
        int ttl = DEFAULT_TTL_SECONDS;
        String ttlHeader = r.header(TTL);
        if (ttlHeader != null) {
            try {
                ttl = Integer.parseInt(ttlHeader.trim());
            } catch (NumberFormatException e) {
                ttl = -1;
            }
            if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
                return new Lookup(null, 0, false, Errors.badRequest(
                        TTL + " must be a whole number of seconds from 1 to " + MAX_TTL_SECONDS + ", was \""
                                + ttlHeader + "\""));
            }
        }
        String clear = r.header(CLEAR);
        return new Lookup(key(ChatCall.bearer(r), r.path(), r.body()), ttl,
                clear != null && clear.trim().equalsIgnoreCase("true"), null);
    }

    /** A hit: a copy of the stored answer with a new generation id and zeroed usage; or {@code null}. */
    public Answer hit(Lookup lookup) {
        if (lookup.clear()) {
            return null;
        }
        Entry e = entries.get(lookup.key());
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.expiresAtNanos() >= 0) {
            entries.remove(lookup.key(), e);
            return null;
        }
        return replayOf(e.answer());
    }

    /** Stores a successful answer for the lookup's TTL. */
    public void store(Lookup lookup, Answer answer) {
        entries.put(lookup.key(), new Entry(answer,
                System.nanoTime() + lookup.ttlSeconds() * 1_000_000_000L));
    }

    /** Adds the cache's response headers. */
    public static Reply withHeaders(Reply reply, Lookup lookup, boolean hit) {
        return reply.header(STATUS, hit ? "HIT" : "MISS").header(TTL, String.valueOf(lookup.ttlSeconds()));
    }

    public void clear() {
        entries.clear();
    }

    private static Answer replayOf(Answer a) {
        Answer c = new Answer();
        c.id = ChatEngine.newGenerationId();
        c.created = Instant.now().getEpochSecond();
        c.model = a.model;
        c.provider = a.provider;
        c.price = a.price;
        c.content = a.content;
        c.pieces = new ArrayList<>(a.pieces);
        c.toolCallId = a.toolCallId;
        c.toolName = a.toolName;
        c.toolArguments = a.toolArguments;
        c.finishReason = a.finishReason;
        c.nativeFinishReason = a.nativeFinishReason;
        c.promptTokens = 0;
        c.completionTokens = 0;
        c.promptCost = BigDecimal.ZERO;
        c.completionCost = BigDecimal.ZERO;
        c.cost = BigDecimal.ZERO;
        return c;
    }

    private static String key(String bearer, String path, byte[] body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(String.valueOf(bearer).getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(path.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(body);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
