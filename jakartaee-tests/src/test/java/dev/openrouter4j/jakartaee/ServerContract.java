package dev.openrouter4j.jakartaee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.openrouter4j.jakartaee.server.AppServer;
import dev.openrouter4j.jakartaee.server.Threads;
import dev.openrouter4j.jakartaee.server.Wait;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What openrouter-cdi must do on a real Jakarta EE server, asserted against one server per subclass: the test
 * application ({@code src/main}, built into {@code target/app.war}) is deployed at boot, configured by environment
 * variables, against a fake OpenRouter in this JVM. The tests run in order: the undeployment comes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ServerContract {

    static final String KEY = "sk-or-v1-test" + "5e1f".repeat(13);
    static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(3);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private FakeOpenRouter fake;
    private AppServer server;
    private long started;

    /** The server under test, not started yet. */
    abstract AppServer server(Path work);

    /** A short name for the work directory and the timings file. */
    abstract String name();

    @BeforeAll
    void boot() {
        started = System.nanoTime();
        fake = FakeOpenRouter.start();
        server = server(Path.of("target", "servers", "work", name()).toAbsolutePath());
        Map<String, String> env = new HashMap<>();
        env.put("OPENROUTER_API_KEY", KEY);
        env.put("OPENROUTER_BASE_URL", fake.baseUrl());
        env.put("OPENROUTER_MODEL", "openai/gpt-4o-mini");
        env.put("OPENROUTER_MODEL_NAMES", "fast");
        env.put("OPENROUTER_MODELS_FAST_MODEL", "google/gemini-2.5-flash");
        server.start(env, war());
        assertThat(server.awaitDeployment("app", DEPLOY_TIMEOUT)).as("app deployed on %s\n%s",
                server.description(), Wait.tail(server.log(), 80)).isTrue();
        // a server may report the application started before its HTTP listener accepts connections (Liberty does)
        Wait.until("the HTTP port of " + name() + " to answer", Duration.ofSeconds(60), this::answersHttp,
                () -> Wait.tail(server.log(), 60));
        Timings.booted(name(), server.description(), System.nanoTime() - started);
        started = System.nanoTime();
    }

    @AfterAll
    void stop() {
        try {
            if (server != null) server.close();
        } finally {
            if (fake != null) fake.close();
            Timings.tested(name(), System.nanoTime() - started);
        }
    }

    @Test
    @Order(10)
    void default_named_and_streamed_calls_reach_openrouter_with_their_models() throws Exception {
        assertThat(get("/app/api/chat?q=hello")).isNotBlank();
        assertThat(fake.takeRequest().json().get("model").asText()).isEqualTo("openai/gpt-4o-mini");

        assertThat(get("/app/api/chat/fast?q=hello")).isNotBlank();
        RecordedRequest fast = fake.takeRequest();
        assertThat(fast.json().get("model").asText()).isEqualTo("google/gemini-2.5-flash");
        assertThat(fast.header("Authorization")).isEqualTo("Bearer " + KEY);

        String streamed = get("/app/api/chat/stream?q=count%20to%20ten");
        assertThat(streamed).startsWith("parts=");
        int parts = Integer.parseInt(streamed.substring("parts=".length(), streamed.indexOf('\n')));
        assertThat(parts).as("partial responses").isGreaterThan(1);
        RecordedRequest stream = fake.takeRequest();
        assertThat(stream.json().get("stream").asBoolean()).isTrue();
        assertThat(stream.json().get("model").asText()).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    @Order(20)
    void json_binding_stays_json_b() throws Exception {
        JsonNode reply = JSON.readTree(get("/app/api/chat/json?q=hello"));
        assertThat(reply.has("model_id")).as("@JsonbProperty honoured: %s", reply).isTrue();
        assertThat(reply.get("text").asText()).isNotBlank();
    }

    /**
     * Every entry the ledger records reaches the synchronous and the asynchronous observers, each seeing the
     * application's configuration, repeatedly; the ledger's total is what OpenRouter (the fake) charged.
     */
    @Test
    @Order(30)
    void every_cost_event_is_delivered_sync_and_async_and_the_ledger_adds_up() throws Exception {
        int repetitions = Integer.getInteger("jakartaee.event.repetitions", 20);
        List<String> failures = new ArrayList<>();
        for (int i = 1; i <= repetitions; i++) {
            get("/app/api/chat?q=round%20" + i);
            get("/app/api/chat/fast?q=round%20" + i);
            get("/app/api/chat/stream?q=round%20" + i);
            // once an event was lost, don't wait long for the others: the run reports how many repetitions lost one
            Map<String, String> ledger = awaitEventsSettled(Duration.ofSeconds(failures.isEmpty() ? 10 : 2));
            if (!ledger.get("missingSync").equals("0") || !ledger.get("missingAsync").equals("0")
                    || !ledger.get("syncWithoutAppConfig").equals("0")
                    || !ledger.get("asyncWithoutAppConfig").equals("0")) {
                failures.add("repetition " + i + ": " + ledger);
            }
        }
        Map<String, String> ledger = ledger();
        Timings.events(name(), repetitions - failures.size(), repetitions);
        assertThat(failures).as("repetitions with an event lost or without the application's config\n%s",
                Wait.tail(server.log(), 40)).isEmpty();
        assertThat(Integer.parseInt(ledger.get("entries"))).isEqualTo(fake.requests().stream()
                .filter(r -> r.path().endsWith("/chat/completions")).count());
        assertThat(new BigDecimal(ledger.get("total"))).isGreaterThan(BigDecimal.ZERO)
                .isEqualByComparingTo(keyUsage());
    }

    private Map<String, String> awaitEventsSettled(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> ledger = ledger();
        while (System.nanoTime() < deadline && !(ledger.get("missingSync").equals("0")
                && ledger.get("missingAsync").equals("0"))) {
            Thread.sleep(50);
            ledger = ledger();
        }
        return ledger;
    }

    @Test
    @Order(40)
    void the_librarys_log_lines_reach_the_server_log() {
        String log = server.log();
        assertThat(log).as("the startup summary (INFO)").contains("OpenRouter: models {@Default=openai/gpt-4o-mini,"
                + " @OpenRouterModel(\"fast\")=google/gemini-2.5-flash}; cost ledger memory; base URL "
                + fake.baseUrl());
        assertThat(log).as("the unlisted model's WARN").contains(
                "openrouter.models.ghost.* is set, but 'ghost' is not listed in openrouter.model-names");
        assertThat(log).as("the key is never logged").doesNotContain(KEY).doesNotContain(KEY.substring(13));
    }

    @Test
    @Order(50)
    void a_bad_property_fails_the_deployment_with_the_librarys_message() throws Exception {
        Path bad = WarCopy.changing(war(), workFile("bad.war"), WarCopy.CONFIG,
                config -> config + "\nopenrouter.timeout=banana\n");
        server.deploy(bad);
        assertThat(server.awaitDeployment("bad", DEPLOY_TIMEOUT)).as("bad deployed").isFalse();
        Wait.until("the library's message in the log", Duration.ofSeconds(30),
                () -> server.log().contains("openrouter.timeout (env OPENROUTER_TIMEOUT)"),
                () -> Wait.tail(server.log(), 80));
        String log = server.log();
        assertThat(log).contains("The OpenRouter configuration has 1 problem")
                .contains("is not a duration").doesNotContain(KEY);
        assertThat(status("/bad/api/chat?q=hi")).isNotEqualTo(200);
        assertThat(get("/app/api/chat?q=still%20there")).as("the good application is unaffected").isNotBlank();
    }

    @Test
    @Order(60)
    void undeploying_leaves_no_library_thread() {
        assertThat(libraryThreads()).as("library threads while deployed (else this test proves nothing)")
                .isNotEmpty();
        server.undeploy("app");
        Wait.until("every openrouter4j-* thread to end", Duration.ofSeconds(30), () -> libraryThreads().isEmpty(),
                () -> "still running: " + libraryThreads());
    }

    /** The test application, as the build made it. */
    static Path war() {
        return Path.of(System.getProperty("jakartaee.war"));
    }

    /** A file in this server's scratch directory (next to its work directory). */
    Path workFile(String file) {
        return Path.of("target", "servers", "work", name() + "-files", file).toAbsolutePath();
    }

    AppServer server() {
        return server;
    }

    private List<String> libraryThreads() {
        return Threads.of(server).stream().filter(n -> n.startsWith("openrouter4j-")).toList();
    }

    // ------------------------------------------------------------------ HTTP

    private Map<String, String> ledger() throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String line : get("/app/api/ledger").split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) out.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
        return out;
    }

    private BigDecimal keyUsage() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/key"))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("data").get("usage").decimalValue();
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s answered %s\n%s", path, r.body(), Wait.tail(server.log(), 40))
                .isEqualTo(200);
        return r.body();
    }

    private boolean answersHttp() {
        try {
            status("/app/");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private int status(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(60)).build();
    }
}
