package dev.openrouter4j.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Incremental HTTP/1.1 request parser over a connection's receive buffer. It is fed the whole unconsumed
 * buffer each time more bytes arrive and remembers how far it got, so a 10 MB body arriving in 64 KB
 * pieces costs linear time.
 */
final class RequestParser {

    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;

    /** Thrown for a request the parser cannot make sense of; the connection is answered 400 and closed. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** A complete request and how many bytes of the buffer it used. */
    record Parsed(String method, String target, String version, List<String[]> headers, byte[] body, int consumed) {
    }

    private int scanFrom;
    private boolean headersDone;
    private int bodyStart;
    private String method;
    private String target;
    private String version;
    private List<String[]> headers;
    private long contentLength;
    private boolean chunked;
    private int chunkPos;
    private ByteArrayOutputStream chunkedBody;
    private boolean expectContinue;

    RequestParser() {
        reset();
    }

    void reset() {
        scanFrom = 0;
        headersDone = false;
        bodyStart = 0;
        method = null;
        target = null;
        version = null;
        headers = null;
        contentLength = 0;
        chunked = false;
        chunkPos = 0;
        chunkedBody = null;
        expectContinue = false;
    }

    /** Whether the headers of the request in progress are parsed and asked for {@code 100 Continue}. */
    boolean wantsContinue() {
        return headersDone && expectContinue;
    }

    /** Marks the {@code 100 Continue} as sent. */
    void continueSent() {
        expectContinue = false;
    }

    /** Whether some bytes of a request have been seen. */
    boolean inProgress(int len) {
        return headersDone || len > 0;
    }

    /** Tries to complete a request from {@code buf[0, len)}; {@code null} means more bytes are needed. */
    Parsed parse(byte[] buf, int len) throws BadRequest {
        if (!headersDone) {
            // Skip blank lines before a request line (RFC 9112 section 2.2).
            int start = 0;
            while (start < len && (buf[start] == '\r' || buf[start] == '\n')) {
                start++;
            }
            int end = findHeaderEnd(buf, Math.max(start, scanFrom), len);
            if (end < 0) {
                scanFrom = Math.max(start, len - 3);
                if (len - start > MAX_HEADER_BYTES) {
                    throw new BadRequest(431, "request header too large");
                }
                return null;
            }
            parseHead(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
            headersDone = true;
            bodyStart = end;
            chunkPos = end;
        }
        if (chunked) {
            return parseChunked(buf, len);
        }
        if (len - bodyStart < contentLength) {
            return null;
        }
        int total = (int) (bodyStart + contentLength);
        byte[] body = new byte[(int) contentLength];
        System.arraycopy(buf, bodyStart, body, 0, body.length);
        Parsed parsed = new Parsed(method, target, version, headers, body, total);
        reset();
        return parsed;
    }

    /** Index just past the blank line ending the head, or -1. Accepts CRLF CRLF and bare LF LF. */
    private static int findHeaderEnd(byte[] buf, int from, int len) {
        for (int i = from; i < len; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < len && buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private void parseHead(String head) throws BadRequest {
        String[] lines = head.split("\r?\n");
        String[] requestLine = lines[0].trim().split(" +");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            throw new BadRequest(400, "malformed request line: " + lines[0]);
        }
        method = requestLine[0];
        target = originForm(requestLine[1]);
        version = requestLine[2];
        headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + line.trim(); // obsolete line folding
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "malformed header line: " + line);
            }
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        String te = null;
        String cl = null;
        for (String[] h : headers) {
            String name = h[0].toLowerCase(Locale.ROOT);
            if (name.equals("transfer-encoding")) {
                te = h[1];
            } else if (name.equals("content-length")) {
                cl = h[1];
            } else if (name.equals("expect") && h[1].equalsIgnoreCase("100-continue")) {
                expectContinue = true;
            }
        }
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            chunked = true;
            chunkedBody = new ByteArrayOutputStream();
        } else if (cl != null) {
            try {
                contentLength = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "bad Content-Length: " + cl);
            }
            if (contentLength < 0) {
                throw new BadRequest(400, "bad Content-Length: " + cl);
            }
            if (contentLength > MAX_BODY_BYTES) {
                throw new BadRequest(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
        }
        if (chunked || contentLength > 0) {
            return;
        }
        expectContinue = false; // nothing to continue with
    }

    private static String originForm(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return target;
    }

    private Parsed parseChunked(byte[] buf, int len) throws BadRequest {
        while (true) {
            int lineEnd = indexOfLf(buf, chunkPos, len);
            if (lineEnd < 0) {
                return null;
            }
            String sizeLine = new String(buf, chunkPos, lineEnd - chunkPos, StandardCharsets.ISO_8859_1).trim();
            int semi = sizeLine.indexOf(';');
            if (semi >= 0) {
                sizeLine = sizeLine.substring(0, semi).trim();
            }
            long size;
            try {
                size = Long.parseLong(sizeLine, 16);
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "bad chunk size: " + sizeLine);
            }
            if (size < 0 || chunkedBody.size() + size > MAX_BODY_BYTES) {
                throw new BadRequest(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            int dataStart = lineEnd + 1;
            if (size == 0) {
                // trailer section: lines until an empty one
                int pos = dataStart;
                while (true) {
                    int end = indexOfLf(buf, pos, len);
                    if (end < 0) {
                        return null;
                    }
                    boolean empty = end == pos || (end == pos + 1 && buf[pos] == '\r');
                    pos = end + 1;
                    if (empty) {
                        break;
                    }
                }
                Parsed parsed = new Parsed(method, target, version, headers, chunkedBody.toByteArray(), pos);
                reset();
                return parsed;
            }
            int dataEnd = (int) (dataStart + size);
            if (len < dataEnd + 1) {
                return null;
            }
            int after = dataEnd;
            if (buf[after] == '\r') {
                if (len < after + 2) {
                    return null;
                }
                after++;
            }
            if (buf[after] != '\n') {
                throw new BadRequest(400, "chunk not followed by CRLF");
            }
            chunkedBody.write(buf, dataStart, (int) size);
            chunkPos = after + 1;
        }
    }

    private static int indexOfLf(byte[] buf, int from, int len) {
        for (int i = from; i < len; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
