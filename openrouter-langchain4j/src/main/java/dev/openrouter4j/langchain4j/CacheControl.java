package dev.openrouter4j.langchain4j;

/**
 * Automatic prompt caching for providers that need it asked for (Anthropic, Vertex, Bedrock): the request's top-level
 * {@code cache_control}. OpenAI, DeepSeek and Gemini cache implicitly and need nothing.
 *
 * @param type always {@code ephemeral} today
 * @param ttl  {@code 5m} or {@code 1h}, or null for the provider's default
 */
public record CacheControl(String type, String ttl) {

    public CacheControl {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("cache_control.type is required (\"ephemeral\")");
        }
        if (ttl != null && !ttl.equals("5m") && !ttl.equals("1h")) {
            throw new IllegalArgumentException("cache_control.ttl must be \"5m\" or \"1h\", not \"" + ttl + "\"");
        }
    }

    /** Ephemeral caching with the provider's default lifetime. */
    public static CacheControl ephemeral() {
        return new CacheControl("ephemeral", null);
    }

    /** Ephemeral caching for {@code 5m} or {@code 1h}. */
    public static CacheControl ephemeral(String ttl) {
        return new CacheControl("ephemeral", ttl);
    }
}
