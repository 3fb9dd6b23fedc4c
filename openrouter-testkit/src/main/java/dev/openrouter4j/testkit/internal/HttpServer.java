package dev.openrouter4j.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on loopback that owns its sockets, so it can misbehave on purpose.
 *
 * <p>Threads: one I/O thread ({@code fake-openrouter-io-<port>}) accepts connections, reads and parses
 * requests, writes responses and runs timers; a few worker threads ({@code fake-openrouter-worker-<port>-<n>})
 * compute replies. Sockets are non-blocking, so an idle keep-alive connection or a stream waiting for its
 * next token costs no thread: 500 slow streams run on the same handful of threads as one.
 */
public final class HttpServer implements AutoCloseable {

    /** Decides what to answer. */
    public interface Handler {
        /**
         * Called on the I/O thread, in arrival order, once a request is complete; must be quick. Returns the
         * work that computes the reply, which runs on a worker thread.
         */
        Supplier<Reply> accept(HttpRequestData request);
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final int WORKERS = 4;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final Handler handler;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final int port;
    private final Thread ioThread;
    private final List<Thread> workerThreads = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timer::due).thenComparingLong(Timer::seq));
    private final Set<Conn> connections = new HashSet<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private volatile boolean stopping;
    private int nextConnectionId;
    private long timerSeq;

    private record Timer(long due, long seq, Runnable action) {
    }

    /** Per-connection state; touched by the I/O thread only. */
    private static final class Conn {
        final int id;
        final SocketChannel channel;
        SelectionKey key;
        byte[] in = new byte[8192];
        int inLen;
        final RequestParser parser = new RequestParser();
        int requests;
        boolean busy;
        boolean closed;
        final ArrayDeque<Object> out = new ArrayDeque<>();
        ByteBuffer writing;

        Conn(int id, SocketChannel channel) {
            this.id = id;
            this.channel = channel;
        }
    }

    private HttpServer(Handler handler) throws IOException {
        this.handler = handler;
        this.server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 4096);
        server.configureBlocking(false);
        this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.ioThread = new Thread(this::loop, "fake-openrouter-io-" + port);
        ioThread.setDaemon(true);
        for (int i = 0; i < WORKERS; i++) {
            Thread t = new Thread(this::workLoop, "fake-openrouter-worker-" + port + "-" + i);
            t.setDaemon(true);
            workerThreads.add(t);
        }
    }

    /** Binds 127.0.0.1 on a free port and starts serving. */
    public static HttpServer start(Handler handler) throws IOException {
        HttpServer s = new HttpServer(handler);
        s.ioThread.start();
        s.workerThreads.forEach(Thread::start);
        return s;
    }

    public int port() {
        return port;
    }

    /** Connections accepted and not yet closed. */
    public int openConnections() {
        return open.get();
    }

    /** Stops: closes the listening socket and every connection, and waits for all threads to end. */
    @Override
    public void close() {
        if (stopping) {
            joinAll();
            return;
        }
        stopping = true;
        selector.wakeup();
        for (Thread t : workerThreads) {
            t.interrupt();
        }
        joinAll();
    }

    private void joinAll() {
        Thread self = Thread.currentThread();
        List<Thread> all = new ArrayList<>(workerThreads);
        all.add(ioThread);
        for (Thread t : all) {
            if (t == self) {
                continue;
            }
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ workers

    private void workLoop() {
        while (!stopping) {
            Runnable r;
            try {
                r = work.take();
            } catch (InterruptedException e) {
                break;
            }
            try {
                r.run();
            } catch (Throwable t) {
                LOG.warn("fake OpenRouter worker task failed", t);
            }
        }
    }

    /** Runs {@code r} on the I/O thread. */
    private void onLoop(Runnable r) {
        if (stopping) {
            return;
        }
        tasks.add(r);
        selector.wakeup();
    }

    /** Schedules {@code r} on the I/O thread after {@code nanos}; must be called on the I/O thread. */
    private void schedule(long nanos, Runnable r) {
        timers.add(new Timer(System.nanoTime() + nanos, timerSeq++, r));
    }

    // ------------------------------------------------------------------ I/O loop

    private void loop() {
        try {
            while (!stopping) {
                Timer next = timers.peek();
                if (next == null) {
                    selector.select();
                } else {
                    long waitNanos = next.due() - System.nanoTime();
                    if (waitNanos <= 0) {
                        selector.selectNow();
                    } else {
                        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
                    }
                }
                if (stopping) {
                    break;
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    handleKey(key);
                }
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    runSafely(task);
                }
                long now = System.nanoTime();
                while (!timers.isEmpty() && timers.peek().due() - now <= 0) {
                    runSafely(timers.poll().action());
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!stopping) {
                LOG.error("fake OpenRouter I/O loop failed", e);
            }
        } finally {
            for (Conn c : new ArrayList<>(connections)) {
                closeConn(c, false);
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            timers.clear();
            tasks.clear();
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("fake OpenRouter I/O task failed", e);
        }
    }

    private void handleKey(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.attachment() == null) {
            if (key.isAcceptable()) {
                acceptAll();
            }
            return;
        }
        Conn c = (Conn) key.attachment();
        try {
            if (key.isWritable()) {
                key.interestOps(0);
                pump(c);
            } else if (key.isReadable()) {
                read(c);
            }
        } catch (java.nio.channels.CancelledKeyException e) {
            closeConn(c, false);
        }
    }

    private void acceptAll() {
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                LOG.debug("accept failed", e);
                return;
            }
            if (ch == null) {
                return;
            }
            Conn c = new Conn(nextConnectionId++, ch);
            open.incrementAndGet();
            connections.add(c);
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
            } catch (IOException e) {
                closeConn(c, false);
            }
        }
    }

    private void read(Conn c) {
        int total = 0;
        while (true) {
            readBuffer.clear();
            int n;
            try {
                n = c.channel.read(readBuffer);
            } catch (IOException e) {
                closeConn(c, false);
                return;
            }
            if (n < 0) {
                closeConn(c, false);
                return;
            }
            if (n == 0) {
                break;
            }
            readBuffer.flip();
            ensureCapacity(c, n);
            readBuffer.get(c.in, c.inLen, n);
            c.inLen += n;
            total += n;
            if (total > 4 * 1024 * 1024) {
                break; // let other connections have a turn
            }
        }
        if (!c.busy) {
            tryParse(c);
        }
    }

    private static void ensureCapacity(Conn c, int more) {
        if (c.inLen + more > c.in.length) {
            int size = c.in.length;
            while (size < c.inLen + more) {
                size *= 2;
            }
            byte[] bigger = new byte[size];
            System.arraycopy(c.in, 0, bigger, 0, c.inLen);
            c.in = bigger;
        }
    }

    private void tryParse(Conn c) {
        if (c.closed || c.busy) {
            return;
        }
        RequestParser.Parsed p;
        try {
            p = c.parser.parse(c.in, c.inLen);
            if (p == null && c.parser.wantsContinue()) {
                c.parser.continueSent();
                c.channel.write(ByteBuffer.wrap(CONTINUE));
            }
        } catch (RequestParser.BadRequest e) {
            LOG.debug("bad request on connection {}: {}", c.id, e.getMessage());
            c.busy = true;
            c.key.interestOps(0);
            String body = "{\"error\":{\"code\":" + e.status + ",\"message\":\"" + e.getMessage().replace("\"", "'")
                    + "\"}}";
            startResponse(c, Reply.json(e.status, body.getBytes(StandardCharsets.UTF_8)).closeAfter(), true);
            return;
        } catch (IOException e) {
            closeConn(c, false);
            return;
        }
        if (p == null) {
            return;
        }
        // consume the request's bytes, keep any pipelined rest
        int rest = c.inLen - p.consumed();
        System.arraycopy(c.in, p.consumed(), c.in, 0, rest);
        c.inLen = rest;
        if (c.in.length > 1024 * 1024 && rest < 8192) {
            byte[] small = new byte[8192];
            System.arraycopy(c.in, 0, small, 0, rest);
            c.in = small;
        }
        HttpRequestData request = new HttpRequestData(p.method(), p.target(), p.version(), p.headers(), p.body(),
                c.id, c.requests++);
        c.busy = true;
        c.key.interestOps(0);
        Supplier<Reply> job;
        try {
            job = handler.accept(request);
        } catch (RuntimeException e) {
            LOG.warn("fake OpenRouter handler failed", e);
            job = () -> internalError(e);
        }
        Supplier<Reply> finalJob = job;
        boolean clientWantsClose = request.wantsClose();
        work.add(() -> {
            Reply reply;
            try {
                reply = finalJob.get();
            } catch (RuntimeException e) {
                LOG.warn("fake OpenRouter handler failed", e);
                reply = internalError(e);
            }
            Reply r = reply;
            onLoop(() -> startResponse(c, r, clientWantsClose));
        });
    }

    private static Reply internalError(Exception e) {
        String body = "{\"error\":{\"code\":500,\"message\":\"fake OpenRouter failed: "
                + String.valueOf(e).replace("\\", "/").replace("\"", "'") + "\"}}";
        return Reply.json(500, body.getBytes(StandardCharsets.UTF_8));
    }

    private void startResponse(Conn c, Reply reply, boolean clientWantsClose) {
        if (c.closed) {
            return;
        }
        c.out.clear();
        // coalesce adjacent byte arrays into one write
        List<Object> wire = reply.toWire(clientWantsClose);
        java.io.ByteArrayOutputStream pending = null;
        for (Object o : wire) {
            if (o instanceof byte[] b) {
                if (pending == null) {
                    pending = new java.io.ByteArrayOutputStream(Math.max(256, b.length));
                }
                pending.write(b, 0, b.length);
            } else {
                if (pending != null) {
                    c.out.add(ByteBuffer.wrap(pending.toByteArray()));
                    pending = null;
                }
                c.out.add(o);
            }
        }
        if (pending != null) {
            c.out.add(ByteBuffer.wrap(pending.toByteArray()));
        }
        pump(c);
    }

    /** Writes as far as the socket takes it without blocking; resumes on writability or a timer. */
    private void pump(Conn c) {
        while (!c.closed) {
            if (c.writing != null) {
                try {
                    c.channel.write(c.writing);
                } catch (IOException e) {
                    LOG.debug("write failed on connection {}: {}", c.id, e.toString());
                    closeConn(c, false);
                    return;
                }
                if (c.writing.hasRemaining()) {
                    c.key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
                c.writing = null;
            }
            Object next = c.out.poll();
            if (next == null) {
                // response complete, connection stays open for the next request
                c.busy = false;
                c.key.interestOps(SelectionKey.OP_READ);
                tryParse(c);
                return;
            }
            if (next instanceof ByteBuffer b) {
                c.writing = b;
            } else if (next instanceof Reply.Pause p) {
                schedule(p.nanos(), () -> pump(c));
                return;
            } else if (next instanceof Reply.Reset) {
                closeConn(c, true);
                return;
            } else if (next instanceof Reply.Close) {
                closeConn(c, false);
                return;
            }
        }
    }

    private void closeConn(Conn c, boolean reset) {
        if (c.closed) {
            return;
        }
        c.closed = true;
        connections.remove(c);
        if (c.key != null) {
            c.key.cancel();
        }
        try {
            if (reset) {
                c.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            c.channel.close();
        } catch (IOException e) {
            LOG.debug("close failed on connection {}", c.id, e);
        }
        open.decrementAndGet();
    }
}
