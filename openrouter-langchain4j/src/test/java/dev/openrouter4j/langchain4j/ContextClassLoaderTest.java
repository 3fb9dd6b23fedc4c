package dev.openrouter4j.langchain4j;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handlers and listeners that the library runs on its own threads see the context class loader of the thread that
 * built the model (or the shared transport), as an application server expects, not the loader of whichever thread
 * happened to start a pool thread or make the call; a callback that changes it does not leak the change to the next.
 */
class ContextClassLoaderTest {

    static final String KEY = OpenRouterAccountClientTest.KEY;

    private final ClassLoader appLoader = new URLClassLoader("app", new URL[0], getClass().getClassLoader());
    private final ClassLoader otherLoader = new URLClassLoader("other", new URL[0], getClass().getClassLoader());
    private FakeOpenRouter fake;
    private ExecutorService callers;

    @BeforeEach
    void start() {
        fake = FakeOpenRouter.start();
        // the calls come from threads with another loader, which also start the library's pool threads
        callers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "caller");
            t.setContextClassLoader(otherLoader);
            return t;
        });
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        fake.close();
    }

    @Test
    void stream_callbacks_and_listeners_see_the_loader_captured_where_the_model_was_built() throws Exception {
        LoaderSpy spy = new LoaderSpy();
        OpenRouterStreamingChatModel model = builtUnder(appLoader, () -> OpenRouterStreamingChatModel.builder()
                .apiKey(KEY).baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").listeners(spy).build());
        try (model) {
            streamFromCallers(model, spy);
        }
        assertThat(spy.seen).isNotEmpty().containsOnly(appLoader);
    }

    @Test
    void models_on_a_shared_transport_see_the_loader_captured_where_the_transport_was_built() throws Exception {
        LoaderSpy spy = new LoaderSpy();
        OpenRouterTransport shared = builtUnder(appLoader, () -> OpenRouterTransport.builder().build());
        // the model itself is built under another loader: the shared threads belong to the transport's creator
        OpenRouterStreamingChatModel model = builtUnder(otherLoader, () -> OpenRouterStreamingChatModel.builder()
                .transport(shared).apiKey(KEY).baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini")
                .listeners(spy).build());
        try (shared; model) {
            streamFromCallers(model, spy);
        }
        assertThat(spy.seen).isNotEmpty().containsOnly(appLoader);
    }

    @Test
    void a_callers_executor_runs_callbacks_under_the_captured_loader_too() throws Exception {
        LoaderSpy spy = new LoaderSpy();
        ExecutorService userPool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "user-callbacks");
            t.setContextClassLoader(otherLoader);
            return t;
        });
        OpenRouterStreamingChatModel model = builtUnder(appLoader, () -> OpenRouterStreamingChatModel.builder()
                .apiKey(KEY).baseUrl(fake.baseUrl()).modelName("openai/gpt-4o-mini").callbackExecutor(userPool)
                .listeners(spy).build());
        try (model) {
            streamFromCallers(model, spy);
        } finally {
            userPool.shutdownNow();
        }
        assertThat(spy.seen).isNotEmpty().containsOnly(appLoader);
    }

    private void streamFromCallers(OpenRouterStreamingChatModel model, LoaderSpy spy) throws Exception {
        fake.enqueue(FakeResponse.json(503, "{\"error\":{\"code\":503,\"message\":\"busy\"}}"));
        fake.enqueue(FakeResponse.badRequest("not this one"));
        List<CompletableFuture<Object>> outcomes = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 12; i++) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            callers.execute(() -> model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(),
                    spy.handler(outcome)));
        }
        for (CompletableFuture<Object> o : outcomes) {
            o.get(20, TimeUnit.SECONDS);
        }
        assertThat(spy.partials).as("partial callbacks seen").isGreaterThan(0);
    }

    private static <T> T builtUnder(ClassLoader loader, Supplier<T> build) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return build.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** Records the context class loader at every handler and listener call; a handler that changes it. */
    final class LoaderSpy implements ChatModelListener {
        final List<ClassLoader> seen = new CopyOnWriteArrayList<>();
        volatile int partials;

        StreamingChatResponseHandler handler(CompletableFuture<Object> outcome) {
            return new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(PartialResponse p, PartialResponseContext ctx) {
                    partials++;
                    seen.add(Thread.currentThread().getContextClassLoader());
                    Thread.currentThread().setContextClassLoader(otherLoader); // must not leak to the next callback
                }

                @Override
                public void onCompleteResponse(ChatResponse r) {
                    seen.add(Thread.currentThread().getContextClassLoader());
                    outcome.complete(r);
                }

                @Override
                public void onError(Throwable t) {
                    seen.add(Thread.currentThread().getContextClassLoader());
                    outcome.complete(t);
                }
            };
        }

        @Override
        public void onResponse(ChatModelResponseContext ctx) {
            seen.add(Thread.currentThread().getContextClassLoader());
        }

        @Override
        public void onError(ChatModelErrorContext ctx) {
            seen.add(Thread.currentThread().getContextClassLoader());
        }
    }
}
