package dev.openrouter4j.cdi;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import dev.openrouter4j.testkit.RecordedRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;

/** The one-line setup: a key and {@code openrouter.model}, then {@code @Inject ChatModel}. Runs on weld-junit5. */
@EnableWeld
class DefaultModelTest {

    final FakeOpenRouter fake = FakeOpenRouter.start();
    final TestConfig config = TestConfig.of(props(
            "openrouter.api-key", CANARY,
            "openrouter.base-url", fake.baseUrl(),
            "openrouter.model", "openai/gpt-4o-mini",
            "openrouter.app-title", "cdi-test"));

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new OpenRouterExtension())
            .addBeanClasses(Client.class)).build();

    @Inject
    ChatModel chat;

    @Inject
    StreamingChatModel streaming;

    @Inject
    Client client;

    @Inject
    BeanManager beanManager;

    @ApplicationScoped
    static class Client {
        @Inject
        ChatModel model;

        String ask(String q) {
            return model.chat(q);
        }
    }

    @AfterEach
    void tearDown() {
        config.close();
        fake.close();
    }

    @Test
    void injected_chat_model_calls_openrouter_with_the_configured_key_model_and_title() {
        fake.enqueue(FakeResponse.text("Hello from the fake"));

        assertThat(client.ask("Hi")).isEqualTo("Hello from the fake");

        RecordedRequest r = fake.takeRequest();
        assertThat(r.path()).endsWith("/chat/completions");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + CANARY);
        assertThat(r.json().get("model").asText()).isEqualTo("openai/gpt-4o-mini");
        assertThat(r.header("X-Title")).isEqualTo("cdi-test");
    }

    @Test
    void injected_streaming_model_streams() throws Exception {
        fake.enqueue(FakeResponse.streamText("one two three"));
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        streaming.chat("Count", new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("one two three");
        assertThat(fake.takeRequest().json().get("stream").asBoolean()).isTrue();
    }

    @Test
    void beans_are_application_scoped_default_with_interface_types_only() {
        Bean<?> chatBean = beanManager.resolve(beanManager.getBeans(ChatModel.class));
        Bean<?> streamingBean = beanManager.resolve(beanManager.getBeans(StreamingChatModel.class));

        assertThat(chatBean.getTypes()).containsExactlyInAnyOrder((Type) ChatModel.class, Object.class);
        assertThat(streamingBean.getTypes()).containsExactlyInAnyOrder((Type) StreamingChatModel.class, Object.class);
        assertThat(chatBean.getScope()).isEqualTo(ApplicationScoped.class);
        assertThat(chatBean.getQualifiers()).containsExactlyInAnyOrder(Default.Literal.INSTANCE, Any.Literal.INSTANCE);
        assertThat(beanManager.getBeans(OpenRouterChatModel.class)).isEmpty();
        // a client proxy of the interface, not the model class
        assertThat(chat).isNotInstanceOf(OpenRouterChatModel.class);
    }

    @Test
    void catalog_bean_uses_the_configured_base_url_and_is_suggested_from() {
        Set<Bean<?>> catalogs = beanManager.getBeans(OpenRouterModelCatalog.class);
        assertThat(catalogs).hasSize(1);
        OpenRouterModelCatalog catalog = weld.select(OpenRouterModelCatalog.class).get();
        assertThat(catalog.find("openai/gpt-4o-mini")).isPresent(); // served by the fake's /models
        assertThat(catalog.toString()).doesNotContain(CANARY);
    }
}
