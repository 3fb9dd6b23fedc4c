package dev.openrouter4j.langchain4j;

import dev.openrouter4j.langchain4j.internal.http.HttpResources;

import java.net.http.HttpClient;
import java.util.concurrent.Executor;

/**
 * An HTTP client and thread pools that many models, catalogs and account clients share.
 * <p>
 * Without it every model owns its own JDK {@link HttpClient} (connection pool and selector thread), two HTTP threads,
 * a callback pool of up to 16 threads and a timer; an application with ten models holds ten of each. Models built with
 * {@link OpenRouterModelBuilder#transport(OpenRouterTransport) transport(shared)} use this one instead: the thread
 * count stays that of one model, and connections to OpenRouter are reused across models. Each model keeps its own
 * key, base URL, timeout, retries and headers.
 * <pre>{@code
 * OpenRouterTransport shared = OpenRouterTransport.builder().build();
 * OpenRouterChatModel fast = OpenRouterChatModel.builder().transport(shared).apiKey(key).modelName("openai/gpt-4o-mini").build();
 * OpenRouterStreamingChatModel smart = OpenRouterStreamingChatModel.builder().transport(shared).apiKey(key)
 *         .modelName("anthropic/claude-sonnet-4").build();
 * // ... at shutdown, after the models:
 * shared.close();
 * }</pre>
 * Closing a model does not close a shared transport; closing the transport makes the models using it refuse new
 * calls. Library threads run callbacks and listeners under the context class loader of the thread that built this
 * transport. Redirects are never followed (the key goes to the configured origin only), also with a client builder of
 * your own. Thread-safe.
 */
public final class OpenRouterTransport implements AutoCloseable {

    private final HttpResources resources;

    private OpenRouterTransport(Builder b) {
        this.resources = new HttpResources(b.httpClientBuilder, b.callbackExecutor);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the library's clients use. */
    HttpResources resources() {
        return resources;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return resources.isClosed();
    }

    /** Releases the threads (once idle) and, on Java 21+, the connections; models using it refuse new calls. */
    @Override
    public void close() {
        resources.close();
    }

    @Override
    public String toString() {
        return "OpenRouterTransport{closed=" + isClosed() + "}";
    }

    /** Configures an {@link OpenRouterTransport}. */
    public static final class Builder {

        private HttpClient.Builder httpClientBuilder;
        private Executor callbackExecutor;

        private Builder() {
        }

        /**
         * A JDK client builder for proxy, TLS (SSLContext), authenticator or executor. The library sets its redirect
         * policy (never follow) and uses its executor (or the JDK default) for the client's work.
         */
        public Builder httpClientBuilder(HttpClient.Builder httpClientBuilder) {
            this.httpClientBuilder = httpClientBuilder;
            return this;
        }

        /**
         * Where streaming callbacks and their listeners run (for example a virtual-thread executor on Java 21). By
         * default a pool of at most 16 library threads runs them, one stream's callbacks in order.
         */
        public Builder callbackExecutor(Executor callbackExecutor) {
            this.callbackExecutor = callbackExecutor;
            return this;
        }

        public OpenRouterTransport build() {
            return new OpenRouterTransport(this);
        }
    }
}
