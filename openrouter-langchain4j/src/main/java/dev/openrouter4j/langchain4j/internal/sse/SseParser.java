package dev.openrouter4j.langchain4j.internal.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental Server-Sent Events parser over raw bytes, as the HTTP client delivers them: lines may be split across
 * buffers anywhere (even inside a multi-byte character), and end in LF, CR or CRLF. Comment lines ({@code :
 * OPENROUTER PROCESSING}) are skipped; {@code id:} and {@code retry:} are ignored; several {@code data:} lines join
 * with a newline. It keeps only the current line and event, so its memory does not grow with the stream.
 */
public final class SseParser {

    /** Receives complete events. The byte range is valid only during the call. */
    public interface Listener {
        /**
         * @param event the {@code event:} name, or null for the default ({@code message})
         * @param data  the data bytes (UTF-8, possibly invalid)
         * @param off   offset of the data in {@code data}
         * @param len   length of the data
         */
        void onEvent(String event, byte[] data, int off, int len);
    }

    private byte[] line = new byte[512];
    private int lineLen;
    private boolean lastWasCr;

    private byte[] data = new byte[512];
    private int dataLen;
    private boolean hasData;
    private String eventName;

    /** Feeds the bytes of one buffer; complete events go to the listener before it returns. */
    public void feed(ByteBuffer buf, Listener listener) {
        if (buf.hasArray()) {
            byte[] a = buf.array();
            int start = buf.arrayOffset() + buf.position();
            int end = buf.arrayOffset() + buf.limit();
            feed(a, start, end, listener);
            buf.position(buf.limit());
        } else {
            int n = buf.remaining();
            byte[] copy = new byte[n];
            buf.get(copy);
            feed(copy, 0, n, listener);
        }
    }

    /** Feeds {@code bytes[start, end)}. */
    public void feed(byte[] bytes, int start, int end, Listener listener) {
        int i = start;
        while (i < end) {
            byte b = bytes[i];
            if (lastWasCr) {
                lastWasCr = false;
                if (b == '\n') {
                    i++;
                    continue;
                }
            }
            // scan to the next line terminator
            int j = i;
            while (j < end && bytes[j] != '\n' && bytes[j] != '\r') {
                j++;
            }
            append(bytes, i, j - i);
            if (j == end) {
                return;
            }
            lastWasCr = bytes[j] == '\r';
            processLine(listener);
            i = j + 1;
        }
    }

    /** The stream ended: an event still pending (no blank line after it) is dispatched. */
    public void finish(Listener listener) {
        if (lineLen > 0) {
            processLine(listener);
        }
        dispatch(listener);
    }

    private void append(byte[] src, int off, int len) {
        if (len == 0) return;
        if (lineLen + len > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + len));
        }
        System.arraycopy(src, off, line, lineLen, len);
        lineLen += len;
    }

    private void processLine(Listener listener) {
        int len = lineLen;
        lineLen = 0;
        if (len == 0) {
            dispatch(listener);
            return;
        }
        if (line[0] == ':') {
            return; // comment
        }
        int colon = -1;
        for (int k = 0; k < len; k++) {
            if (line[k] == ':') {
                colon = k;
                break;
            }
        }
        int nameLen = colon < 0 ? len : colon;
        int valueStart = colon < 0 ? len : colon + 1;
        if (valueStart < len && line[valueStart] == ' ') {
            valueStart++;
        }
        if (is(line, nameLen, "data")) {
            int vlen = len - valueStart;
            int needed = dataLen + (hasData ? 1 : 0) + vlen;
            if (needed > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, needed));
            }
            if (hasData) {
                data[dataLen++] = '\n';
            }
            System.arraycopy(line, valueStart, data, dataLen, vlen);
            dataLen += vlen;
            hasData = true;
        } else if (is(line, nameLen, "event")) {
            eventName = new String(line, valueStart, len - valueStart, StandardCharsets.UTF_8);
        }
        // id, retry and unknown fields are ignored
    }

    private void dispatch(Listener listener) {
        if (hasData) {
            String ev = eventName;
            int len = dataLen;
            hasData = false;
            dataLen = 0;
            eventName = null;
            listener.onEvent(ev, data, 0, len);
            if (data.length > 1 << 16) {
                data = new byte[512]; // do not keep a huge buffer for the rest of the stream
            }
        } else {
            eventName = null;
        }
        if (line.length > 1 << 16) {
            line = new byte[512];
        }
    }

    private static boolean is(byte[] b, int len, String name) {
        if (len != name.length()) return false;
        for (int k = 0; k < len; k++) {
            if (b[k] != name.charAt(k)) return false;
        }
        return true;
    }
}
