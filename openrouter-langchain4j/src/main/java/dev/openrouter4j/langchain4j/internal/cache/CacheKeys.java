package dev.openrouter4j.langchain4j.internal.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The client cache's key: SHA-256 (hex) of the key format's version, the tenant extra, the base URL, the endpoint
 * and the canonical request body (which holds the model, messages, tools, response format, sampling and routing
 * parameters, and never the API key, which travels in a header). The body is written with its {@code stream} flag
 * false, so a streamed call and a sync call of the same request share one entry.
 */
public final class CacheKeys {

    private static final byte[] VERSION = "openrouter4j-cache-key-v1".getBytes(StandardCharsets.UTF_8);

    private CacheKeys() {
    }

    public static String of(String extra, String baseUrl, String endpoint, byte[] canonicalBody) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        d.update(VERSION);
        field(d, extra == null ? "" : extra);
        field(d, baseUrl);
        field(d, endpoint);
        d.update(canonicalBody);
        return HexFormat.of().formatHex(d.digest());
    }

    private static void field(MessageDigest d, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        d.update((byte) 0);
        d.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII)); // length-prefixed: no ambiguity
        d.update((byte) ':');
        d.update(b);
    }
}
