package dev.openrouter4j.langchain4j.internal.cache;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.langchain4j.OpenRouterCache;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;
import dev.openrouter4j.langchain4j.internal.http.RequestBody;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * OpenRouter's response cache on the wire: the request headers that turn it on ({@code X-OpenRouter-Cache},
 * {@code X-OpenRouter-Cache-TTL}) and the response header that says what it did ({@code X-OpenRouter-Cache-Status:
 * HIT|MISS}), read into {@link OpenRouterChatResponseMetadata#cacheStatus()}. One place for the sync and the
 * streaming path (and embeddings when they come).
 */
public final class OpenRouterCacheHeaders {

    public static final String CACHE = "X-OpenRouter-Cache";
    public static final String TTL = "X-OpenRouter-Cache-TTL";
    public static final String STATUS = "X-OpenRouter-Cache-Status";

    private OpenRouterCacheHeaders() {
    }

    /** The request headers for this setting (none when it is null or off). */
    public static Map<String, String> requestHeaders(OpenRouterCache cache) {
        if (cache == null || !cache.enabled()) {
            return Map.of();
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CACHE, "true");
        if (cache.ttl() != null) {
            h.put(TTL, Long.toString(cache.ttl().toSeconds()));
        }
        return h;
    }

    /** A JSON request body carrying the cache headers of this setting. */
    public static RequestBody body(byte[] json, OpenRouterCache cache) {
        return RequestBody.json(json).withHeaders(requestHeaders(cache));
    }

    /** The status a {@code X-OpenRouter-Cache-Status} value means, or null when there is none. */
    public static ResponseCacheStatus statusOf(String header) {
        if (header == null) {
            return null;
        }
        return switch (header.trim().toUpperCase(Locale.ROOT)) {
            case "HIT" -> ResponseCacheStatus.OPENROUTER_HIT;
            case "MISS" -> ResponseCacheStatus.OPENROUTER_MISS;
            default -> null;
        };
    }

    /** The response with the status of OpenRouter's cache in its metadata (unchanged when the header is absent). */
    public static ChatResponse apply(ChatResponse response, String header) {
        ResponseCacheStatus status = statusOf(header);
        if (status == null || !(response.metadata() instanceof OpenRouterChatResponseMetadata md)) {
            return response;
        }
        return ChatResponse.builder().aiMessage(response.aiMessage())
                .metadata(md.toBuilder().cacheStatus(status).build()).build();
    }
}
