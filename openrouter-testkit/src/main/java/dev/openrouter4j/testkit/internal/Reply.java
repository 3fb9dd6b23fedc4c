package dev.openrouter4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the server does for one request: an optional head (status and headers), body pieces, pauses and
 * transport faults, in order. The server turns it into wire bytes ({@link #toWire}); nothing here does I/O.
 */
public final class Reply {

    /** How the body is delimited on the wire. */
    public enum Framing {
        /** {@code Content-Length}: the sum of the body pieces, or {@link #declaredLength} when set. */
        LENGTH,
        /** {@code Transfer-Encoding: chunked}: every body piece becomes one HTTP chunk. */
        CHUNKED
    }

    /** One thing to do. */
    public sealed interface Step permits Data, Pause, Reset, Close {
    }

    /** Bytes to send (framed as one chunk under {@link Framing#CHUNKED}). */
    public record Data(byte[] bytes) implements Step {
    }

    /** Send nothing for a while; no thread waits meanwhile. */
    public record Pause(long nanos) implements Step {
    }

    /** Abort the connection with a TCP RST (SO_LINGER 0), discarding anything unsent. Terminal. */
    public record Reset() implements Step {
    }

    /** Close the connection (FIN) without finishing the response. Terminal. */
    public record Close() implements Step {
    }

    private int status = 200;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Framing framing = Framing.LENGTH;
    private long declaredLength = -1;
    private boolean headless;
    private boolean closeAfter;
    private final List<Step> before = new ArrayList<>();
    private final List<Step> body = new ArrayList<>();

    public static Reply status(int status) {
        Reply r = new Reply();
        r.status = status;
        return r;
    }

    /** A complete JSON response with {@code Content-Length}. */
    public static Reply json(int status, byte[] body) {
        return status(status).header("Content-Type", "application/json").data(body);
    }

    /** A reply that sends no head at all, only the given steps (for faults before the status line). */
    public static Reply headless(Step... steps) {
        Reply r = new Reply();
        r.headless = true;
        r.before.addAll(List.of(steps));
        return r;
    }

    public int status() {
        return status;
    }

    public Framing framing() {
        return framing;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public List<Step> body() {
        return body;
    }

    public Reply header(String name, String value) {
        headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
        headers.put(name, value);
        return this;
    }

    public Reply chunked() {
        framing = Framing.CHUNKED;
        return this;
    }

    /** Content-Length to announce instead of the real body size (to cut a body short on purpose). */
    public Reply declaredLength(long length) {
        declaredLength = length;
        return this;
    }

    public Reply closeAfter() {
        closeAfter = true;
        return this;
    }

    public Reply data(byte[] bytes) {
        body.add(new Data(bytes));
        return this;
    }

    public Reply data(String text) {
        return data(text.getBytes(StandardCharsets.UTF_8));
    }

    public Reply pause(Duration d) {
        if (d != null && !d.isZero() && !d.isNegative()) {
            body.add(new Pause(d.toNanos()));
        }
        return this;
    }

    public Reply reset() {
        body.add(new Reset());
        return this;
    }

    public Reply close() {
        body.add(new Close());
        return this;
    }

    /** Waits before anything, the status line included, is sent. */
    public Reply delayBefore(Duration d) {
        if (d != null && !d.isZero() && !d.isNegative()) {
            before.add(0, new Pause(d.toNanos()));
        }
        return this;
    }

    /**
     * The wire plan: byte arrays, {@link Pause}s, and at most one terminal {@link Reset} or {@link Close}.
     * A plan that ends without a terminal step completed its response; the connection then stays open
     * unless {@code closeConnection} (asked by the client) or the reply itself says otherwise, in which case
     * a {@link Close} is appended.
     */
    public List<Object> toWire(boolean clientWantsClose) {
        List<Object> wire = new ArrayList<>();
        for (Step s : before) {
            wire.add(s);
            if (s instanceof Reset || s instanceof Close) {
                return wire;
            }
        }
        if (headless) {
            wire.add(new Close());
            return wire;
        }
        boolean close = clientWantsClose || closeAfter;
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        head.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals("connection")) {
                continue; // framing is ours
            }
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (framing == Framing.CHUNKED) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            long length = declaredLength;
            if (length < 0) {
                length = 0;
                for (Step s : body) {
                    if (s instanceof Data d) {
                        length += d.bytes().length;
                    }
                }
            }
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append("Connection: ").append(close ? "close" : "keep-alive").append("\r\n\r\n");
        wire.add(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (Step s : body) {
            if (s instanceof Data d) {
                if (framing == Framing.CHUNKED) {
                    if (d.bytes().length == 0) {
                        continue; // a zero-size chunk would end the body
                    }
                    wire.add((Integer.toHexString(d.bytes().length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    wire.add(d.bytes());
                    wire.add(CRLF);
                } else {
                    wire.add(d.bytes());
                }
            } else {
                wire.add(s);
                if (s instanceof Reset || s instanceof Close) {
                    return wire;
                }
            }
        }
        if (framing == Framing.CHUNKED) {
            wire.add(LAST_CHUNK);
        }
        if (close) {
            wire.add(new Close());
        }
        return wire;
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 524 -> "A Timeout Occurred";
            case 529 -> "Site is overloaded";
            default -> "Status " + status;
        };
    }
}
