package dev.openrouter4j.langchain4j.internal.http;

import dev.openrouter4j.langchain4j.internal.util.ContextClassLoaders;
import dev.openrouter4j.langchain4j.logging.Log;

import java.net.http.HttpClient;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What clients with the same connection settings can share: one JDK {@link HttpClient} (its connection pool and
 * selector thread) and the library's threads. One instance backs one model, or, through the public
 * {@code OpenRouterTransport}, any number of models, catalogs and account clients.
 * <p>
 * Threads (all daemon, named {@code openrouter4j-*}, idle ones expire after 30 s): {@code http-N} (2) run the JDK
 * client's asynchronous work and parse stream bytes; {@code callback-N} (at most 16) run streaming handlers and
 * listeners, one stream's callbacks in order; {@code timer-1} runs idle-timeout sweeps and retry delays. The JDK client
 * adds its own selector thread. None is held by an open stream. Every task runs under the context class loader
 * captured when this object was created (see {@link ContextClassLoaders}).
 * <p>
 * Redirects are never followed, on a builder the user passed in too: the API key goes to the configured origin only.
 */
public final class HttpResources implements AutoCloseable {

    private static final Log LOG = Log.named("dev.openrouter4j.langchain4j");
    private static final int HTTP_THREADS = 2;
    private static final int CALLBACK_THREADS = 16;

    private final ClassLoader loader;
    private final HttpClient client;
    private final ThreadPoolExecutor ownedHttpExecutor;
    private final ThreadPoolExecutor ownedCallbackPool;
    private final Executor callbackExecutor;
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean closed;

    /**
     * @param builder          the user's JDK client builder (proxy, TLS, executor), or null for the library's own
     * @param callbackExecutor where streaming callbacks run, or null for the library's pool
     */
    public HttpResources(HttpClient.Builder builder, Executor callbackExecutor) {
        ClassLoader captured = ContextClassLoaders.capture();
        this.loader = captured;
        this.timer = ContextClassLoaders.timer(captured);
        HttpClient.Builder b = builder;
        if (b == null) {
            ThreadPoolExecutor pool = ContextClassLoaders.pool("http", HTTP_THREADS, captured);
            this.ownedHttpExecutor = pool;
            // After close() the pool rejects work: run it inline so calls still in flight finish instead of hanging.
            // The lambda captures locals only: the JDK client holds its executor, and a reference back to this
            // object (and so to the client's facade) would keep a closed client alive on Java 17.
            b = HttpClient.newBuilder().executor(task -> {
                try {
                    pool.execute(task);
                } catch (RejectedExecutionException closedPool) {
                    ContextClassLoaders.run(captured, task);
                }
            });
        } else {
            this.ownedHttpExecutor = null;
        }
        // No connectTimeout: the request timeout already bounds connecting, and on JDK 17 a connect timeout keeps a
        // timer event that holds the exchange (and through its body handler the caller) for as long as the pooled
        // connection lives. NEVER follow redirects: ApiClient refuses them with a typed error.
        this.client = b.followRedirects(HttpClient.Redirect.NEVER).build();
        if (callbackExecutor != null) {
            this.ownedCallbackPool = null;
            this.callbackExecutor = ContextClassLoaders.wrap(callbackExecutor, captured);
        } else {
            this.ownedCallbackPool = ContextClassLoaders.pool("callback", CALLBACK_THREADS, captured);
            this.callbackExecutor = ownedCallbackPool;
        }
    }

    public HttpClient client() {
        return client;
    }

    /** Where streaming handlers and listeners run. */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /** Idle-timeout sweeps and retry delays. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** The context class loader the library's tasks run under. */
    public ClassLoader contextClassLoader() {
        return loader;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Lets the threads end once idle (calls still in flight finish on the calling threads) and, on Java 21+, closes
     * the HTTP client and its connections.
     */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        if (ownedCallbackPool != null) {
            ownedCallbackPool.shutdown();
        }
        if (ownedHttpExecutor != null) {
            ownedHttpExecutor.shutdown();
        }
        if (client instanceof AutoCloseable closeable) { // java.net.http.HttpClient is AutoCloseable from Java 21
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the HTTP client failed", e);
            }
        }
    }
}
