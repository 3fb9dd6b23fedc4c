package dev.openrouter4j.cdi;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.cost.CostContext;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.langchain4j.OpenRouterChatResponseMetadata;
import dev.openrouter4j.langchain4j.ResponseCache;
import dev.openrouter4j.langchain4j.ResponseCacheStatus;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code openrouter.cache.*}: both caches from configuration, and bad values failing the deployment by name. */
@SuppressWarnings("try")
class CacheTest {

    static final String SOURCE = "from test-config,";
    final FakeOpenRouter fake = FakeOpenRouter.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    Map<String, String> config(String... more) {
        Map<String, String> m = props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.temperature", "0");
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    static ResponseCacheStatus status(ChatResponse r) {
        return ((OpenRouterChatResponseMetadata) r.metadata()).cacheStatus();
    }

    @Test
    void a_memory_cache_serves_repeated_calls_and_the_ledger_counts_them_as_cached() {
        try (TestConfig c = TestConfig.of(config("openrouter.cache.enabled", "true",
                "openrouter.cache.max-size", "16mb", "openrouter.cache.ttl", "10m"));
             WeldContainer weld = Containers.boot()) {
            ChatModel model = weld.select(ChatModel.class).get();
            model.chat(ask("Configured cache"));
            ChatResponse hit = model.chat(ask("Configured cache"));

            assertThat(status(hit)).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(weld.select(ResponseCache.class).get().stats().hits()).isEqualTo(1);
            List<CostEntry> entries = weld.select(CostLedger.class).get().entries();
            assertThat(entries).extracting(CostEntry::source).containsExactly(CostSource.REPORTED, CostSource.CACHED);
            assertThat(entries.get(1).savedCost()).isEqualByComparingTo(entries.get(0).cost());
        }
    }

    @Test
    void without_the_setting_there_is_no_cache() {
        try (TestConfig c = TestConfig.of(config()); WeldContainer weld = Containers.boot()) {
            ChatModel model = weld.select(ChatModel.class).get();
            model.chat(ask("Uncached"));
            assertThat(status(model.chat(ask("Uncached")))).isEqualTo(ResponseCacheStatus.NONE);
            assertThat(weld.select(ResponseCache.class).isResolvable()).isFalse();
        }
    }

    @Test
    void tenants_are_kept_apart_by_a_cost_context_attribute() {
        try (TestConfig c = TestConfig.of(config("openrouter.cache.enabled", "true",
                "openrouter.cache.tenant-attribute", "tenant"));
             WeldContainer weld = Containers.boot()) {
            ChatModel model = weld.select(ChatModel.class).get();
            CostContext.with("tenant", "acme").run(() -> model.chat(ask("Tenant data")));
            ChatResponse other = CostContext.with("tenant", "globex").get(() -> model.chat(ask("Tenant data")));
            ChatResponse same = CostContext.with("tenant", "acme").get(() -> model.chat(ask("Tenant data")));

            assertThat(status(other)).isEqualTo(ResponseCacheStatus.MISS);
            assertThat(status(same)).isEqualTo(ResponseCacheStatus.HIT);
        }
    }

    @Test
    void open_routers_cache_from_configuration() {
        try (TestConfig c = TestConfig.of(config("openrouter.cache.openrouter.enabled", "true",
                "openrouter.cache.openrouter.ttl", "2h"));
             WeldContainer weld = Containers.boot()) {
            ChatModel model = weld.select(ChatModel.class).get();
            model.chat(ask("OpenRouter side"));
            ChatResponse hit = model.chat(ask("OpenRouter side"));

            assertThat(status(hit)).isEqualTo(ResponseCacheStatus.OPENROUTER_HIT);
            assertThat(fake.takeRequest().header("X-OpenRouter-Cache-TTL")).isEqualTo("7200");
        }
    }

    @Test
    void a_redis_store_from_a_uri() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        try (TestConfig c = TestConfig.of(config("openrouter.cache.enabled", "true",
                "openrouter.cache.store", "redis://127.0.0.1:" + port + "/0",
                "openrouter.cache.coalesce-across-instances", "5s"));
             WeldContainer weld = Containers.boot()) {
            ChatModel model = weld.select(ChatModel.class).get();
            model.chat(ask("Through Redis"));
            assertThat(status(model.chat(ask("Through Redis")))).isEqualTo(ResponseCacheStatus.HIT);
            assertThat(weld.select(ResponseCache.class).get().store().toString()).contains("Redis");
        } finally {
            redis.stop();
        }
    }

    @Test
    void bad_values_fail_the_deployment_naming_the_property() {
        OpenRouterConfigException e;
        try (TestConfig c = TestConfig.of(config("openrouter.cache.enabled", "yes please",
                "openrouter.cache.store", "memcached://localhost",
                "openrouter.cache.ttl", "forever",
                "openrouter.cache.max-size", "-3",
                "openrouter.cache.coalesce-across-instances", "5s",
                "openrouter.cache.openrouter.enabled", "true",
                "openrouter.cache.openrouter.ttl", "3d"))) {
            e = Containers.failure();
        }
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "openrouter.cache.enabled (env OPENROUTER_CACHE_ENABLED), " + SOURCE
                        + " is not a boolean: use true or false",
                "openrouter.cache.store (env OPENROUTER_CACHE_STORE), " + SOURCE
                        + " is not memory or a redis://host:port[/db] (or rediss://) URI",
                "openrouter.cache.ttl (env OPENROUTER_CACHE_TTL), " + SOURCE
                        + " is not a duration: use 500ms, 30s, 2m, 1h or ISO-8601 such as PT30S",
                "openrouter.cache.max-size (env OPENROUTER_CACHE_MAX_SIZE), " + SOURCE
                        + " is not a positive number of entries (10000) or of bytes (512kb, 64mb, 1gb)",
                "openrouter.cache.coalesce-across-instances (env OPENROUTER_CACHE_COALESCE_ACROSS_INSTANCES), "
                        + SOURCE + " needs a shared store: set openrouter.cache.store to a redis:// URI",
                "openrouter.cache.openrouter.ttl (env OPENROUTER_CACHE_OPENROUTER_TTL), " + SOURCE
                        + " must be whole seconds from 1s to 86400s (1 day), as OpenRouter accepts");
        assertThat(e.getMessage()).doesNotContain("memcached", "forever", CANARY);
    }
}
