package dev.openrouter4j.cdi;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.langchain4j.OpenRouterTransport;
import dev.openrouter4j.testkit.FakeOpenRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;

/** Every model of a deployment shares one HTTP client and one set of library threads: one transport. */
@SuppressWarnings("try") // a TestConfig is registered for the try block and released after it
class SharedTransportTest {

    final FakeOpenRouter fake = FakeOpenRouter.start();

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Dependent
    static class Service {
        @Inject
        StreamingChatModel standard;
        @Inject
        @OpenRouterModel("fast")
        StreamingChatModel fast;
        @Inject
        @OpenRouterModel("smart")
        StreamingChatModel smart;
    }

    /** An application's own transport, e.g. for a proxy or its callback executor. */
    @ApplicationScoped
    static class ApplicationTransport {
        static final ExecutorService CALLBACKS = Executors.newCachedThreadPool(r -> new Thread(r, "app-callbacks"));

        @Produces
        @Singleton // a final class: not proxyable, as the library's own transport bean
        OpenRouterTransport transport() {
            return OpenRouterTransport.builder().callbackExecutor(CALLBACKS).build();
        }

        void close(@Disposes OpenRouterTransport t) {
            t.close();
        }
    }

    @Test
    void three_models_stream_on_one_transport_whose_threads_end_with_the_container() throws Exception {
        int timersBefore = timerThreads();
        try (TestConfig c = TestConfig.of(config());
             WeldContainer weld = Containers.boot(Service.class)) {
            Service s = weld.select(Service.class).get();
            for (StreamingChatModel m : List.of(s.standard, s.fast, s.smart)) {
                assertThat(stream(m).get(10, TimeUnit.SECONDS)).isInstanceOf(ChatResponse.class);
            }
            assertThat(weld.select(OpenRouterTransport.class).isResolvable()).isTrue();
            // each transport has one timer thread: three models, one timer
            assertThat(timerThreads() - timersBefore).isEqualTo(1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (timerThreads() > timersBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(timerThreads()).as("timer threads after the container stopped").isEqualTo(timersBefore);
    }

    @Test
    void an_applications_transport_bean_replaces_the_libraries() throws Exception {
        try (TestConfig c = TestConfig.of(config());
             WeldContainer weld = Containers.boot(Service.class, ApplicationTransport.class)) {
            Service s = weld.select(Service.class).get();
            CompletableFuture<String> thread = new CompletableFuture<>();
            s.smart.chat("hi", new StreamingChatResponseHandler() {
                @Override
                public void onCompleteResponse(ChatResponse r) {
                    thread.complete(Thread.currentThread().getName());
                }

                @Override
                public void onError(Throwable t) {
                    thread.completeExceptionally(t);
                }
            });
            assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("app-callbacks");
        }
    }

    private java.util.Map<String, String> config() {
        return props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.model-names", "fast, smart",
                "openrouter.models.fast.model", "google/gemini-2.5-flash",
                "openrouter.models.smart.model", "anthropic/claude-sonnet-4.5");
    }

    private static CompletableFuture<Object> stream(StreamingChatModel m) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        m.chat("hi", new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse r) {
                outcome.complete(r);
            }

            @Override
            public void onError(Throwable t) {
                outcome.complete(t);
            }
        });
        return outcome;
    }

    private static int timerThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("openrouter4j-timer-")) n++;
        }
        return n;
    }
}
