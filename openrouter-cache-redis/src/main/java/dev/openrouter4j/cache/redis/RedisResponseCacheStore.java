package dev.openrouter4j.cache.redis;

import dev.openrouter4j.langchain4j.cache.ResponseCacheStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ResponseCacheStore} in Redis (Lettuce), shared by every instance that points at the same server and key
 * prefix: an answer one instance paid for serves all of them, and with
 * {@code ResponseCache.Builder#coalesceAcrossInstances} identical calls on different instances share one request.
 * <pre>{@code
 * ResponseCache cache = ResponseCache.builder()
 *         .store(RedisResponseCacheStore.builder().uri("redis://cache.internal:6379/0").build())
 *         .coalesceAcrossInstances(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 * Layout: {@code <prefix>v1:<sha256>} holds an answer (the cache's compact, versioned bytes) with the entry's TTL as a
 * Redis expiry; {@code <prefix>lock:<sha256>} is a coordination lock ({@code SET NX PX}, released only by its owner
 * through a compare-and-delete script), which expires by itself.
 * <p>
 * Failures: the connection is opened on first use and re-opened after a failure (at most one attempt per second);
 * commands fail fast while Redis is unreachable (no queueing) and after {@link Builder#commandTimeout}; the cache then
 * logs a WARN and calls go through uncached, so Redis going away never fails a call. Thread-safe: one connection,
 * pipelined by Lettuce.
 */
public final class RedisResponseCacheStore implements ResponseCacheStore {

    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "openrouter4j:cache:";
    /** Default bound on one Redis command. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);

    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    private static final String UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final boolean ownsClient;
    private final RedisURI uri;
    private final String prefix;
    private final Map<String, byte[]> locks = new ConcurrentHashMap<>();
    private final Object connectLock = new Object();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile long lastConnectFailure;
    private volatile boolean closed;

    private RedisResponseCacheStore(Builder b) {
        this.uri = RedisURI.create(b.uri);
        this.uri.setTimeout(b.commandTimeout);
        this.prefix = b.prefix;
        this.ownsClient = b.client == null;
        this.client = b.client != null ? b.client : RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(b.commandTimeout))
                .build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public byte[] get(String key) {
        return commands().get(prefix + "v1:" + key);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        commands().set(prefix + "v1:" + key, value, SetArgs.Builder.px(Math.max(1, ttl.toMillis())));
    }

    @Override
    public boolean tryLock(String key, Duration ttl) {
        byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        String ok = commands().set(prefix + "lock:" + key, token, SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())));
        if ("OK".equals(ok)) {
            locks.put(key, token);
            return true;
        }
        return false;
    }

    @Override
    public void unlock(String key) {
        byte[] token = locks.remove(key);
        if (token != null) {
            commands().eval(UNLOCK, ScriptOutputType.INTEGER, new String[] {prefix + "lock:" + key}, token);
        }
    }

    @Override
    public boolean isShared() {
        return true;
    }

    private RedisCommands<String, byte[]> commands() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null && c.isOpen()) {
            return c.sync();
        }
        return connect().sync();
    }

    private StatefulRedisConnection<String, byte[]> connect() {
        synchronized (connectLock) {
            if (closed) {
                throw new IllegalStateException("the Redis response cache store was closed");
            }
            StatefulRedisConnection<String, byte[]> c = connection;
            if (c != null && c.isOpen()) {
                return c;
            }
            if (System.nanoTime() - lastConnectFailure < RECONNECT_PAUSE.toNanos() && lastConnectFailure != 0) {
                throw new IllegalStateException("Redis at " + where() + " is unreachable (retrying every "
                        + RECONNECT_PAUSE.toSeconds() + " s)");
            }
            try {
                if (c != null) {
                    c.closeAsync();
                }
                connection = c = client.connect(CODEC, uri);
                lastConnectFailure = 0;
                return c;
            } catch (RuntimeException e) {
                lastConnectFailure = System.nanoTime();
                throw e;
            }
        }
    }

    private String where() {
        return uri.getHost() + ":" + uri.getPort();
    }

    @Override
    public void close() {
        synchronized (connectLock) {
            closed = true;
            StatefulRedisConnection<String, byte[]> c = connection;
            connection = null;
            if (c != null) {
                c.close();
            }
        }
        if (ownsClient) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Where it stores, never a password. */
    @Override
    public String toString() {
        return "RedisResponseCacheStore{" + where() + "/" + uri.getDatabase() + ", prefix=" + prefix + '}';
    }

    /** Configures a {@link RedisResponseCacheStore}. */
    public static final class Builder {
        private String uri;
        private String prefix = DEFAULT_PREFIX;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private RedisClient client;

        private Builder() {
        }

        /** {@code redis://[password@]host[:port][/database]} or {@code rediss://...} for TLS (required). */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /** Prefix of every key; default {@value #DEFAULT_PREFIX}. Caches with different prefixes never meet. */
        public Builder keyPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Bound on each Redis command, after which the call goes through uncached; default 500 ms. */
        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        /** A Lettuce client to share (its resources); by default the store creates and closes its own. */
        public Builder client(RedisClient client) {
            this.client = client;
            return this;
        }

        public RedisResponseCacheStore build() {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("uri is required, e.g. redis://localhost:6379/0");
            }
            if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
                throw new IllegalArgumentException("uri must start with redis:// or rediss://, was \""
                        + uri.replaceAll("//[^@/]*@", "//***@") + "\"");
            }
            if (prefix == null) {
                throw new IllegalArgumentException("keyPrefix must not be null (use \"\" for none)");
            }
            if (commandTimeout == null || commandTimeout.isZero() || commandTimeout.isNegative()) {
                throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
            }
            try {
                RedisURI.create(uri);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("uri is not a valid Redis URI: " + e.getMessage(), e);
            }
            return new RedisResponseCacheStore(this);
        }
    }
}
