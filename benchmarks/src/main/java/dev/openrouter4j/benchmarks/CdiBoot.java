package dev.openrouter4j.benchmarks;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.openrouter4j.cdi.OpenRouterExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.lang.management.ManagementFactory;

/**
 * Item 7, run in a fresh JVM per boot: Weld SE with the openrouter-cdi extension and one application bean that
 * injects the default {@link ChatModel}, configured by system properties read through SmallRye Config. Prints the
 * JVM's start-up until {@code main}, Weld's boot, the first injected model, and its first call to the loopback server.
 */
public final class CdiBoot {

    /** The application: a bean that injects the model. */
    @ApplicationScoped
    public static class App {
        @Inject
        ChatModel chat;

        ChatModel chat() {
            return chat;
        }
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        System.setProperty("openrouter.api-key", "sk-or-v1-0000000000000000000000000000000000000000000000000000000000bench");
        System.setProperty("openrouter.model", "openai/gpt-4o-mini");
        System.setProperty("openrouter.base-url", "http://127.0.0.1:" + args[0] + "/sync/api/v1");
        Weld weld = new Weld("openrouter4j-benchmark").disableDiscovery()
                .addExtension(new OpenRouterExtension()).addBeanClasses(App.class);
        WeldContainer container = weld.initialize();
        long booted = System.nanoTime();
        ChatModel model = container.select(App.class).get().chat();
        model.provider(); // through the client proxy to the model instance: created here
        long injected = System.nanoTime();
        String text = model.chat(ChatRequest.builder().messages(UserMessage.from("Hi")).build()).aiMessage().text();
        long called = System.nanoTime();
        if (text == null || text.isEmpty()) throw new IllegalStateException("empty answer");
        container.shutdown();
        long jvmToMainMs = ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("CDI %d %.1f %.1f %.1f%n", jvmToMainMs, (booted - t0) / 1e6, (injected - t0) / 1e6,
                (called - t0) / 1e6);
        System.exit(0);
    }
}
