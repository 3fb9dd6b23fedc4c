package dev.openrouter4j.cdi.support;

import dev.openrouter4j.cdi.OpenRouterConfigException;
import dev.openrouter4j.cdi.OpenRouterExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Weld SE containers with the extension and the given bean classes (discovery off). */
public final class Containers {

    private Containers() {
    }

    public static Weld weld(Class<?>... beanClasses) {
        return new Weld("openrouter-cdi-test-" + UUID.randomUUID()).disableDiscovery()
                .addExtension(new OpenRouterExtension()).addBeanClasses(beanClasses);
    }

    public static WeldContainer boot(Class<?>... beanClasses) {
        return weld(beanClasses).initialize();
    }

    /**
     * Boots, expects the deployment to fail, and returns the {@link OpenRouterConfigException} it failed with;
     * asserts that the canary key appears in no message of the whole chain.
     */
    public static OpenRouterConfigException failure(Class<?>... beanClasses) {
        Throwable thrown = null;
        try {
            WeldContainer c = boot(beanClasses);
            c.shutdown();
        } catch (Throwable t) {
            thrown = t;
        }
        assertThat(thrown).as("the deployment should fail").isNotNull();
        String all = allMessages(thrown);
        assertThat(all).doesNotContain(TestConfig.CANARY).doesNotContain(TestConfig.CANARY.substring(13));
        OpenRouterConfigException e = find(thrown);
        assertThat(e).as("an OpenRouterConfigException in %s", thrown).isNotNull();
        return e;
    }

    private static OpenRouterConfigException find(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(t));
        while (!todo.isEmpty()) {
            Throwable x = todo.remove(0);
            if (x == null || !seen.add(x)) continue;
            if (x instanceof OpenRouterConfigException e) return e;
            todo.add(x.getCause());
            todo.addAll(List.of(x.getSuppressed()));
        }
        return null;
    }

    /** Every message and toString of the throwable, its causes and suppressed ones. */
    public static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(t));
        while (!todo.isEmpty()) {
            Throwable x = todo.remove(0);
            if (x == null || !seen.add(x)) continue;
            sb.append(x).append('\n').append(x.getMessage()).append('\n');
            todo.add(x.getCause());
            todo.addAll(List.of(x.getSuppressed()));
        }
        return sb.toString();
    }
}
