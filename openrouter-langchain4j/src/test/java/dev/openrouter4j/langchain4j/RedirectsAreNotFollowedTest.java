package dev.openrouter4j.langchain4j;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.openrouter4j.langchain4j.exception.OpenRouterFailure;
import dev.openrouter4j.langchain4j.exception.OpenRouterRedirectException;
import dev.openrouter4j.testkit.FakeOpenRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The key goes to the configured origin only: a server on the configured host (127.0.0.1) that redirects to another
 * host (localhost, a working fake OpenRouter) never gets the library to send the request, and so the
 * {@code Authorization} header, there, for sync, streamed, catalog and account calls, also with a client builder
 * that asks to follow redirects. The call fails with a typed error naming the status and the Location.
 */
class RedirectsAreNotFollowedTest {

    static final String KEY = OpenRouterAccountClientTest.KEY;

    private FakeOpenRouter otherHost;
    private HttpServer redirector;
    private final List<String> redirected = new CopyOnWriteArrayList<>();
    private int status;

    @BeforeEach
    void start() throws Exception {
        otherHost = FakeOpenRouter.start();
        redirector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirector.createContext("/", exchange -> {
            String target = "http://localhost:" + otherHost.port() + exchange.getRequestURI();
            redirected.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", target);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        redirector.start();
    }

    @AfterEach
    void stop() {
        redirector.stop(0);
        otherHost.close();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + redirector.getAddress().getPort() + "/api/v1";
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void a_sync_call_is_not_redirected_to_another_host(int status) {
        this.status = status;
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(baseUrl())
                .modelName("openai/gpt-4o-mini").maxRetries(2).build()) {
            assertRefused(catchThrowable(() -> model.chat(request())), status, "/api/v1/chat/completions");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void a_sync_call_is_not_redirected_even_when_the_users_client_builder_says_always(int status) {
        this.status = status;
        try (OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey(KEY).baseUrl(baseUrl())
                .httpClientBuilder(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS))
                .modelName("openai/gpt-4o-mini").build()) {
            assertRefused(catchThrowable(() -> model.chat(request())), status, "/api/v1/chat/completions");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void a_stream_is_not_redirected_to_another_host(int status) throws Exception {
        this.status = status;
        try (OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder().apiKey(KEY)
                .baseUrl(baseUrl()).modelName("openai/gpt-4o-mini").maxRetries(2).build()) {
            RecordingHandler h = new RecordingHandler();
            model.chat(request(), h);
            assertRefused(h.awaitError(Duration.ofSeconds(10)), status, "/api/v1/chat/completions");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void the_catalog_is_not_redirected_to_another_host(int status) {
        this.status = status;
        try (OpenRouterModelCatalog catalog = OpenRouterModelCatalog.builder().apiKey(KEY).baseUrl(baseUrl())
                .httpClientBuilder(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)).build()) {
            assertRefused(catchThrowable(catalog::models), status, "/api/v1/models");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void account_calls_are_not_redirected_to_another_host(int status) {
        this.status = status;
        try (OpenRouterAccountClient account = OpenRouterAccountClient.builder().apiKey(KEY).baseUrl(baseUrl())
                .build()) {
            assertRefused(catchThrowable(account::key), status, "/api/v1/key");
            redirected.clear();
            assertRefused(catchThrowable(() -> account.generation("gen-1")), status, "/api/v1/generation?id=gen-1");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void models_on_a_shared_transport_are_not_redirected_to_another_host(int status) throws Exception {
        this.status = status;
        try (OpenRouterTransport shared = OpenRouterTransport.builder()
                .httpClientBuilder(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS)).build();
             OpenRouterStreamingChatModel model = OpenRouterStreamingChatModel.builder().transport(shared).apiKey(KEY)
                     .baseUrl(baseUrl()).modelName("openai/gpt-4o-mini").build()) {
            RecordingHandler h = new RecordingHandler();
            model.chat(request(), h);
            assertRefused(h.awaitError(Duration.ofSeconds(10)), status, "/api/v1/chat/completions");
        }
    }

    private static ChatRequest request() {
        return ChatRequest.builder().messages(UserMessage.from("Hi")).build();
    }

    private void assertRefused(Throwable t, int status, String path) {
        assertThat(otherHost.requests()).as("requests that reached the other host").isEmpty();
        assertThat(redirected).as("one request, not retried").hasSize(1);
        assertThat(t).isInstanceOf(OpenRouterRedirectException.class)
                .hasMessageContaining("HTTP " + status)
                .hasMessageContaining("Location: http://localhost:" + otherHost.port() + path)
                .hasMessageNotContaining(KEY);
        assertThat(((OpenRouterFailure) t).details().httpStatus()).isEqualTo(status);
        assertThat(((OpenRouterRedirectException) t).location()).isEqualTo("http://localhost:" + otherHost.port() + path);
    }
}
