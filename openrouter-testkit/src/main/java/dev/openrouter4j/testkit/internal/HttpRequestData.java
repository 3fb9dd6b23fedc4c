package dev.openrouter4j.testkit.internal;

import java.util.List;
import java.util.Locale;

/**
 * One parsed HTTP request as it came off the wire.
 *
 * @param method         request method, as sent
 * @param target         request target in origin form (path and query), as sent
 * @param version        {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers        header fields in arrival order, each {@code [name, value]}
 * @param body           decoded body (chunked transfer coding removed)
 * @param connectionId   0-based number of the connection it arrived on, in accept order
 * @param sequenceNumber 0-based index of this request on its connection
 */
public record HttpRequestData(String method, String target, String version, List<String[]> headers, byte[] body,
        int connectionId, int sequenceNumber) {

    /** First value of the named header (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    /** Path without the query string. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** Whether the client asked for the connection to be closed after this exchange. */
    public boolean wantsClose() {
        String connection = header("Connection");
        boolean close = connection != null && hasToken(connection, "close");
        if ("HTTP/1.0".equals(version)) {
            return !(connection != null && hasToken(connection, "keep-alive"));
        }
        return close;
    }

    static boolean hasToken(String headerValue, String token) {
        for (String part : headerValue.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }
}
