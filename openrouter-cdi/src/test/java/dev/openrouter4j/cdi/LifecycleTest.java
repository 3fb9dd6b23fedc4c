package dev.openrouter4j.cdi;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.langchain4j.OpenRouterStreamingChatModel;
import dev.openrouter4j.testkit.FakeOpenRouter;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.proxy.WeldClientProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.UUID;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Models are closed with their beans; the jar registers its extension and ships beans.xml. */
@SuppressWarnings("try") // a TestConfig is registered for the try block and released after it
class LifecycleTest {

    final FakeOpenRouter fake = FakeOpenRouter.start();

    @AfterEach
    void tearDown() {
        fake.close();
    }

    TestConfig config() {
        return TestConfig.of(props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.max-retries", "0"));
    }

    @Dependent
    public static class Client {
        @Inject
        ChatModel chat;
    }

    @Test
    void container_shutdown_closes_the_models() {
        OpenRouterChatModel chat;
        OpenRouterStreamingChatModel streaming;
        try (TestConfig c = config(); WeldContainer weld = Containers.boot()) {
            ChatModel proxy = weld.select(ChatModel.class).get();
            proxy.chat("hi");
            chat = (OpenRouterChatModel) ((WeldClientProxy) proxy).getMetadata().getContextualInstance();
            streaming = (OpenRouterStreamingChatModel) ((WeldClientProxy) weld.select(StreamingChatModel.class).get())
                    .getMetadata().getContextualInstance();
        }
        assertThatThrownBy(() -> chat.chat("after shutdown")).isInstanceOf(RuntimeException.class);
        assertThat(fake.requests()).filteredOn(r -> r.path().endsWith("/chat/completions")).hasSize(1);
        assertThat(streaming).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void destroying_a_bean_instance_closes_its_model() {
        try (TestConfig c = config(); WeldContainer weld = Containers.boot()) {
            BeanManager bm = weld.getBeanManager();
            Bean<ChatModel> bean = (Bean<ChatModel>) bm.resolve(bm.getBeans(ChatModel.class));
            CreationalContext<ChatModel> cc = bm.createCreationalContext(bean);
            ChatModel model = bean.create(cc);
            model.chat("before");

            bean.destroy(model, cc);

            assertThatThrownBy(() -> model.chat("after")).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void the_jar_registers_the_extension_and_ships_annotated_beans_xml() throws Exception {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(OpenRouterExtension.class);
        try (InputStream in = OpenRouterExtension.class.getResourceAsStream("/META-INF/beans.xml")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("bean-discovery-mode=\"annotated\"").contains("version=\"4.0\"");
        }
    }

    @Test
    void with_discovery_on_the_extension_is_found_through_its_service_file() {
        try (TestConfig c = config();
             WeldContainer weld = new Weld("discovery-" + UUID.randomUUID()).addBeanClass(Client.class)
                     .initialize()) {
            weld.select(Client.class).get().chat.chat("hi");
            assertThat(fake.takeRequest().header("Authorization")).isEqualTo("Bearer " + CANARY);
            assertThat(weld.getBeanManager().getBeans(ChatModel.class)).hasSize(1);
        }
    }
}
