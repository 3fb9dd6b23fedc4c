package dev.openrouter4j.cache.redis;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A real redis-server (from embedded-redis' bundled binaries) on 127.0.0.1 and a free port, for the tests. */
final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private EmbeddedRedis(int port) {
        this.port = port;
    }

    static EmbeddedRedis start() {
        EmbeddedRedis r = new EmbeddedRedis(freePort());
        r.startServer();
        return r;
    }

    /** Starts again on a known port (after {@link #stop()}). */
    static EmbeddedRedis startOn(int port) {
        EmbeddedRedis r = new EmbeddedRedis(port);
        r.startServer();
        return r;
    }

    String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    int port() {
        return port;
    }

    void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = null;
    }

    private void startServer() {
        try {
            server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server on 127.0.0.1:" + port, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
