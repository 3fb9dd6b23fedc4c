package dev.openrouter4j.benchmarks.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A minimal HTTP/1.1 responder on loopback that serves precomputed OpenRouter-shaped bodies: one selector thread,
 * keep-alive, no thread per connection, no per-request parsing beyond finding the end of the request. It runs in its
 * own process (started by the benchmark), so its CPU and memory never mix with the client's measurements.
 * <p>
 * The path before {@code /api/v1} chooses the reply:
 * <ul>
 *     <li>{@code /sync/api/v1/chat/completions}: the ~1 KB chat completion ({@code Content-Length});</li>
 *     <li>{@code /s/<n>/api/v1/chat/completions}: an event stream of n content chunks, usage and [DONE], written at
 *     once with a {@code Content-Length}, like a web server sending a canned file;</li>
 *     <li>{@code /drip/<ms>/<n>/api/v1/chat/completions}: the same stream as a live server sends it (chunked
 *     transfer encoding): the headers at once, then one chunk every {@code ms} milliseconds from the selector
 *     thread's timer queue;</li>
 *     <li>{@code /hold/<n>/api/v1/chat/completions}: headers and n content chunks at once, then nothing more: an
 *     open stream, for measuring the memory a client keeps per open stream;</li>
 *     <li>{@code GET .../models}: the recorded 356-model catalog.</li>
 * </ul>
 * Idle keep-alive connections are closed after 20 s. Run as a program it prints {@code PORT <n>} and serves until
 * its standard input closes (so it never outlives the benchmark).
 */
public final class LoopbackServer implements AutoCloseable {

    private static final long IDLE_CLOSE_NANOS = 20_000_000_000L;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread thread;
    private final PriorityQueue<Tick> ticks = new PriorityQueue<>();
    private final Map<String, Route> routes = new HashMap<>();
    private final List<Conn> conns = new ArrayList<>();
    private final byte[] completion = withHeaders("application/json", Bodies.completion());
    private final byte[] models = withHeaders("application/json", Bodies.models());
    private volatile boolean running = true;
    private long lastSweep = System.nanoTime();
    private long requests;

    public LoopbackServer(int port) throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port), 16384);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = new Thread(this::loop, "bench-loopback-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        LoopbackServer s = new LoopbackServer(port);
        System.out.println("PORT " + s.port());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // serve until the parent closes our stdin (or dies)
        }
        s.close();
        System.exit(0);
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
            server.close();
            selector.close();
        } catch (Exception ignored) {
            // closing
        }
    }

    // ---- the selector loop ----

    private void loop() {
        try {
            while (running) {
                long now = System.nanoTime();
                runDueTicks(now);
                Tick next = ticks.peek();
                if (next == null) {
                    selector.select(1000);
                } else {
                    long waitMs = (next.due - System.nanoTime()) / 1_000_000L;
                    if (waitMs <= 0) {
                        selector.selectNow();
                    } else {
                        selector.select(waitMs);
                    }
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (!k.isValid()) continue;
                    if (k.isAcceptable()) {
                        accept();
                        continue;
                    }
                    Conn c = (Conn) k.attachment();
                    try {
                        if (k.isValid() && k.isWritable()) flush(c);
                        if (k.isValid() && k.isReadable()) read(c);
                    } catch (IOException e) {
                        close(c);
                    }
                }
                if (System.nanoTime() - lastSweep > 1_000_000_000L) {
                    sweepIdle();
                }
            }
        } catch (IOException e) {
            if (running) e.printStackTrace();
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Conn c = new Conn(ch);
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
            conns.add(c);
        }
    }

    private void sweepIdle() {
        long now = System.nanoTime();
        lastSweep = now;
        conns.removeIf(c -> c.closed);
        for (Conn c : List.copyOf(conns)) {
            if (!c.streaming && c.out.isEmpty() && now - c.lastActive > IDLE_CLOSE_NANOS) {
                close(c);
            }
        }
        conns.removeIf(c -> c.closed);
    }

    private void close(Conn c) {
        if (c.closed) return;
        c.closed = true;
        c.key.cancel();
        try {
            c.ch.close();
        } catch (IOException ignored) {
            // gone
        }
    }

    private void read(Conn c) throws IOException {
        int n = c.ch.read(c.in);
        if (n < 0) {
            close(c);
            return;
        }
        c.lastActive = System.nanoTime();
        while (!c.closed && !c.streaming) {
            int consumed = tryRequest(c);
            if (consumed <= 0) break;
            c.in.flip();
            c.in.position(consumed);
            c.in.compact();
        }
        if (!c.in.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(c.in.capacity() * 2);
            c.in.flip();
            bigger.put(c.in);
            c.in = bigger;
        }
    }

    /** Handles one complete request at the start of the input buffer; returns the bytes it used, or 0. */
    private int tryRequest(Conn c) throws IOException {
        byte[] b = c.in.array();
        int len = c.in.position();
        int headerEnd = indexOf(b, 0, len, CRLFCRLF);
        if (headerEnd < 0) return 0;
        int bodyStart = headerEnd + 4;
        String head = new String(b, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int contentLength = 0;
        boolean chunked = false;
        boolean close = false;
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        int end;
        if (chunked) {
            int t = indexOf(b, bodyStart - 2, len, REQUEST_BODY_END);
            if (t < 0) return 0;
            end = t + REQUEST_BODY_END.length;
        } else {
            end = bodyStart + contentLength;
            if (len < end) return 0;
        }
        String requestLine = lines[0];
        int sp1 = requestLine.indexOf(' ');
        int sp2 = requestLine.indexOf(' ', sp1 + 1);
        String method = requestLine.substring(0, sp1);
        String path = requestLine.substring(sp1 + 1, sp2);
        requests++;
        c.closeAfter = close;
        respond(c, method, path);
        return end;
    }

    private void respond(Conn c, String method, String path) throws IOException {
        if (method.equals("GET") && path.endsWith("/models")) {
            send(c, models);
            return;
        }
        Route r = route(path);
        switch (r.kind) {
            case SYNC -> send(c, completion);
            case CANNED -> send(c, r.canned);
            case DRIP -> {
                c.streaming = true;
                c.events = r.chunkedEvents;
                c.next = 1;
                c.intervalNanos = r.intervalNanos;
                send(c, SSE_CHUNKED_HEAD, r.chunkedEvents[0]);
                ticks.add(new Tick(System.nanoTime() + c.intervalNanos, c));
            }
            case HOLD -> {
                c.streaming = true;
                ByteBuffer[] parts = new ByteBuffer[r.holdCount + 2];
                parts[0] = ByteBuffer.wrap(SSE_CHUNKED_HEAD);
                for (int i = 0; i <= r.holdCount; i++) {
                    parts[i + 1] = ByteBuffer.wrap(r.chunkedEvents[i]);
                }
                for (ByteBuffer p : parts) c.out.add(p);
                flush(c);
            }
            default -> send(c, NOT_FOUND);
        }
    }

    private Route route(String path) {
        int api = path.indexOf("/api/v1");
        String prefix = api < 0 ? path : path.substring(0, api);
        Route cached = routes.get(prefix);
        if (cached != null) return cached;
        String[] p = prefix.split("/");
        Route r;
        try {
            if (prefix.equals("/sync")) {
                r = new Route(Kind.SYNC);
            } else if (p.length == 3 && p[1].equals("s")) {
                r = new Route(Kind.CANNED);
                int n = Integer.parseInt(p[2]);
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                for (byte[] e : Bodies.events(n)) body.writeBytes(e);
                r.canned = withHeaders("text/event-stream", body.toByteArray());
            } else if (p.length == 4 && p[1].equals("drip")) {
                r = new Route(Kind.DRIP);
                r.intervalNanos = Long.parseLong(p[2]) * 1_000_000L;
                r.chunkedEvents = chunked(Bodies.events(Integer.parseInt(p[3])));
            } else if (p.length == 3 && p[1].equals("hold")) {
                r = new Route(Kind.HOLD);
                r.holdCount = Integer.parseInt(p[2]);
                r.chunkedEvents = chunked(Bodies.events(r.holdCount));
            } else {
                r = new Route(Kind.NONE);
            }
        } catch (RuntimeException e) {
            r = new Route(Kind.NONE);
        }
        routes.put(prefix, r);
        return r;
    }

    private void runDueTicks(long now) {
        Tick t;
        while ((t = ticks.peek()) != null && t.due <= now) {
            ticks.poll();
            Conn c = t.conn;
            if (c.closed) continue;
            try {
                c.out.add(ByteBuffer.wrap(c.events[c.next]));
                if (c.next == c.events.length - 4) {
                    // after the last content chunk: finish chunk, usage chunk, [DONE] and the last HTTP chunk
                    c.out.add(ByteBuffer.wrap(c.events[c.next + 1]));
                    c.out.add(ByteBuffer.wrap(c.events[c.next + 2]));
                    c.out.add(ByteBuffer.wrap(c.events[c.next + 3]));
                    c.out.add(ByteBuffer.wrap(LAST_CHUNK));
                    c.streaming = false;
                    c.events = null;
                } else {
                    c.next++;
                    t.due += c.intervalNanos;
                    ticks.add(t);
                }
                c.lastActive = now;
                flush(c);
            } catch (IOException e) {
                close(c);
            }
        }
    }

    private void send(Conn c, byte[]... parts) throws IOException {
        for (byte[] p : parts) c.out.add(ByteBuffer.wrap(p));
        flush(c);
    }

    private void flush(Conn c) throws IOException {
        while (!c.out.isEmpty()) {
            ByteBuffer head = c.out.peek();
            c.ch.write(head);
            if (head.hasRemaining()) {
                if ((c.key.interestOps() & SelectionKey.OP_WRITE) == 0) {
                    c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
                return;
            }
            c.out.poll();
        }
        if ((c.key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            c.key.interestOps(SelectionKey.OP_READ);
        }
        if (c.closeAfter && !c.streaming) {
            close(c);
        }
    }

    // ---- precomputed bytes ----

    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REQUEST_BODY_END = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SSE_CHUNKED_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_FOUND = ("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
            + "Content-Length: 58\r\n\r\n{\"error\":{\"code\":404,\"message\":\"no such benchmark route\"}}")
            .getBytes(StandardCharsets.US_ASCII);

    private static byte[] withHeaders(String contentType, byte[] body) {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Each event as one HTTP chunk: size, CRLF, the event, CRLF. */
    private static byte[][] chunked(List<byte[]> events) {
        byte[][] out = new byte[events.size()][];
        for (int i = 0; i < events.size(); i++) {
            byte[] e = events.get(i);
            byte[] size = (Integer.toHexString(e.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[size.length + e.length + 2];
            System.arraycopy(size, 0, all, 0, size.length);
            System.arraycopy(e, 0, all, size.length, e.length);
            all[all.length - 2] = '\r';
            all[all.length - 1] = '\n';
            out[i] = all;
        }
        return out;
    }

    private static int indexOf(byte[] b, int from, int to, byte[] what) {
        outer:
        for (int i = Math.max(0, from); i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private enum Kind { SYNC, CANNED, DRIP, HOLD, NONE }

    private static final class Route {
        final Kind kind;
        byte[] canned;
        byte[][] chunkedEvents;
        long intervalNanos;
        int holdCount;

        Route(Kind kind) {
            this.kind = kind;
        }
    }

    private static final class Conn {
        final SocketChannel ch;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        long lastActive = System.nanoTime();
        boolean streaming;
        boolean closeAfter;
        boolean closed;
        byte[][] events;
        int next;
        long intervalNanos;

        Conn(SocketChannel ch) {
            this.ch = ch;
        }
    }

    private static final class Tick implements Comparable<Tick> {
        long due;
        final Conn conn;

        Tick(long due, Conn conn) {
            this.due = due;
            this.conn = conn;
        }

        @Override
        public int compareTo(Tick o) {
            return Long.compare(due, o.due);
        }
    }
}
