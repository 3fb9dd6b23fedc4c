package dev.openrouter4j.samples.chatapi;

import dev.openrouter4j.testkit.FakeOpenRouter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The AI Chat Platform's backend: a Jakarta REST application (Jersey on Grizzly) whose OpenRouter models, model
 * catalog and cost ledger are CDI beans (Weld SE) produced by {@code openrouter-cdi} from MicroProfile Config
 * (SmallRye Config).
 * <p>
 * {@link #main} listens on {@code PORT} (default 8080) and logs its URL. Without {@code OPENROUTER_API_KEY} it runs
 * offline: a {@link FakeOpenRouter} is started in-process and a high-ordinal config source points
 * {@code openrouter.base-url} and {@code openrouter.api-key} at it, so the same CDI wiring serves both modes.
 * <p>
 * Tests and embedders use {@link #start(Options)} and {@link #close()}. One server runs per JVM at a time: the
 * configuration is registered for the thread's context class loader, as MicroProfile Config looks it up.
 */
public final class ChatApiServer implements AutoCloseable {

    /** The largest request body accepted, in bytes (64 KiB); a larger one is answered with 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The key the offline mode gives the in-process fake (it accepts any key). */
    static final String OFFLINE_KEY = "sk-or-v1-offline-demo-key";

    private static final Logger LOG = LoggerFactory.getLogger(ChatApiServer.class);

    private final HttpServer http;
    private final WeldContainer container;
    private final Config config;
    private final FakeOpenRouter ownFake;
    private final URI uri;
    private final boolean offline;
    private volatile boolean closed;

    private ChatApiServer(HttpServer http, WeldContainer container, Config config, FakeOpenRouter ownFake, URI uri,
                          boolean offline) {
        this.http = http;
        this.container = container;
        this.config = config;
        this.ownFake = ownFake;
        this.uri = uri;
        this.offline = offline;
    }

    /**
     * Starts the server from the environment: {@code PORT} (default 8080), {@code HOST} (default 127.0.0.1, set
     * {@code 0.0.0.0} to accept other machines), {@code OPENROUTER_API_KEY} (unset: offline against the fake).
     * Runs until the JVM stops (Ctrl+C).
     */
    public static void main(String[] args) throws InterruptedException {
        Options options = Options.defaults()
                .port(portFrom(System.getenv("PORT")))
                .host(blankToNull(System.getenv("HOST")) == null ? "127.0.0.1" : System.getenv("HOST"))
                .apiKey(System.getenv("OPENROUTER_API_KEY"));
        ChatApiServer server = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chat-api-shutdown"));
        LOG.info("Chat API on {}", server.uri());
        Thread.currentThread().join();
    }

    /**
     * Boots the configuration, the CDI container and the HTTP server.
     *
     * @throws IllegalStateException when the port is taken or the deployment fails (the message says why)
     */
    public static ChatApiServer start(Options options) {
        Objects.requireNonNull(options, "options");
        routeLogsToSlf4j();
        FakeOpenRouter fake = null;
        Map<String, String> overrides = new LinkedHashMap<>(options.properties());
        String apiKey = blankToNull(options.apiKey());
        boolean offline = apiKey == null;
        if (offline) {
            fake = FakeOpenRouter.start().tokenDelay(options.offlineTokenDelay());
            overrides.put("openrouter.base-url", fake.baseUrl());
            overrides.put("openrouter.api-key", OFFLINE_KEY);
            LOG.info("Offline: OPENROUTER_API_KEY is not set, so a fake OpenRouter runs in-process at {}"
                    + " (set the key to talk to the real OpenRouter)", fake.baseUrl());
        } else {
            overrides.put("openrouter.api-key", apiKey);
            if (options.baseUrl() != null) {
                overrides.put("openrouter.base-url", options.baseUrl());
            }
        }
        Secrets.remember(overrides.get("openrouter.api-key"));

        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Config config = registerConfig(loader, overrides);
        WeldContainer container = null;
        HttpServer http = null;
        try {
            container = new Weld("chat-api-" + System.nanoTime()).skipShutdownHook().initialize(); // close() stops it
            URI requested = URI.create("http://" + options.host() + ":" + options.port() + "/");
            http = GrizzlyHttpServerFactory.createHttpServer(requested, new ChatApiApplication(), false);
            for (NetworkListener l : http.getListeners()) {
                l.registerAddOn(new IgnoreH2cUpgrade());
            }
            try {
                http.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot listen on " + options.host() + ":" + options.port()
                        + " (" + e.getMessage() + "): set PORT to a free port", e);
            }
            NetworkListener listener = http.getListeners().iterator().next();
            String shownHost = "127.0.0.1".equals(options.host()) || "0.0.0.0".equals(options.host())
                    ? "localhost" : options.host();
            URI uri = URI.create("http://" + shownHost + ":" + listener.getPort() + "/");
            if (!offline) {
                LOG.info("Live: talking to OpenRouter at {}",
                        config.getOptionalValue("openrouter.base-url", String.class)
                                .orElse("https://openrouter.ai/api/v1"));
            }
            return new ChatApiServer(http, container, config, fake, uri, offline);
        } catch (RuntimeException e) {
            if (http != null) http.shutdownNow();
            if (container != null && container.isRunning()) container.shutdown();
            ConfigProviderResolver.instance().releaseConfig(config);
            if (fake != null) fake.close();
            throw e;
        }
    }

    /** The server's root URL, e.g. {@code http://localhost:8080/}. */
    public URI uri() {
        return uri;
    }

    /** The port it listens on (the one picked when {@code PORT} was 0). */
    public int port() {
        return uri.getPort();
    }

    /** True when it runs against the in-process fake because no key was given. */
    public boolean offline() {
        return offline;
    }

    /** A bean of the running CDI container, e.g. the {@code CostLedger} (for tests and embedders). */
    public <T> T bean(Class<T> type) {
        return container.select(type).get();
    }

    /** Stops the HTTP server, the CDI container (closing the models), and the offline fake. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        http.shutdownNow();
        try {
            if (container.isRunning()) container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
            if (ownFake != null) ownFake.close();
        }
    }

    /**
     * Builds the MicroProfile Config the CDI extension reads: the usual sources (system properties, environment,
     * {@code META-INF/microprofile-config.properties}) plus this run's overrides at ordinal 500, above them all.
     */
    private static Config registerConfig(ClassLoader loader, Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(overrides, "chat-api settings", 500))
                .build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader)); // a config cached for this loader by an earlier run
        resolver.registerConfig(config, loader);
        return config;
    }

    private static void routeLogsToSlf4j() {
        // Weld and SmallRye log through JBoss Logging, Jersey and Grizzly through java.util.logging: both to slf4j.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    static int portFrom(String value) {
        if (blankToNull(value) == null) return 8080;
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number from 0 to 65535, not '" + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * How to start a server.
     *
     * @param host              the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port              the port, or 0 for any free one
     * @param apiKey            the OpenRouter key; null or blank: offline against an in-process fake
     * @param baseUrl           with a key, the OpenRouter base URL (null: the configured one, by default
     *                          OpenRouter's); ignored offline
     * @param properties        extra MicroProfile Config properties that override every other source, e.g.
     *                          {@code openrouter.max-retries}
     * @param offlineTokenDelay offline, the pause between streamed tokens of the fake (so streaming shows)
     */
    public record Options(String host, int port, String apiKey, String baseUrl, Map<String, String> properties,
                          Duration offlineTokenDelay) {

        /** Normalises null collections and values. */
        public Options {
            host = host == null ? "127.0.0.1" : host;
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            offlineTokenDelay = offlineTokenDelay == null ? Duration.ZERO : offlineTokenDelay;
        }

        /** 127.0.0.1:8080, offline, a 25 ms pause between the fake's tokens. */
        public static Options defaults() {
            return new Options("127.0.0.1", 8080, null, null, Map.of(), Duration.ofMillis(25));
        }

        /** A copy with this host. */
        public Options host(String host) {
            return new Options(host, port, apiKey, baseUrl, properties, offlineTokenDelay);
        }

        /** A copy with this port (0: any free port). */
        public Options port(int port) {
            return new Options(host, port, apiKey, baseUrl, properties, offlineTokenDelay);
        }

        /** A copy with this key (null: offline). */
        public Options apiKey(String apiKey) {
            return new Options(host, port, apiKey, baseUrl, properties, offlineTokenDelay);
        }

        /** A copy with this OpenRouter base URL (used with a key). */
        public Options baseUrl(String baseUrl) {
            return new Options(host, port, apiKey, baseUrl, properties, offlineTokenDelay);
        }

        /** A copy with one more config property. */
        public Options property(String name, String value) {
            Map<String, String> p = new LinkedHashMap<>(properties);
            p.put(name, value);
            return new Options(host, port, apiKey, baseUrl, p, offlineTokenDelay);
        }

        /** A copy with this pause between the offline fake's tokens. */
        public Options offlineTokenDelay(Duration delay) {
            return new Options(host, port, apiKey, baseUrl, properties, delay);
        }
    }
}
