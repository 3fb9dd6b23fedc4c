package dev.openrouter4j.jakartaee.app;

import dev.openrouter4j.cdi.CostRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Observes every {@link CostRecorded}, synchronously and asynchronously, as an application would, and notes in each
 * whether the application's own {@code microprofile-config.properties} is visible on the thread it runs on.
 */
@ApplicationScoped
public class CostEvents {

    static final String MARKER = "jakartaee-tests.marker";

    private final Set<String> sync = ConcurrentHashMap.newKeySet();
    private final Set<String> async = ConcurrentHashMap.newKeySet();
    private final Set<String> syncWithoutAppConfig = ConcurrentHashMap.newKeySet();
    private final Set<String> asyncWithoutAppConfig = ConcurrentHashMap.newKeySet();

    /** Ids of the entries the synchronous observer saw (a copy; read through the bean's client proxy). */
    public Set<String> sync() {
        return Set.copyOf(sync);
    }

    public Set<String> async() {
        return Set.copyOf(async);
    }

    public int syncWithoutAppConfig() {
        return syncWithoutAppConfig.size();
    }

    public int asyncWithoutAppConfig() {
        return asyncWithoutAppConfig.size();
    }

    void onCost(@Observes CostRecorded e) {
        sync.add(e.entry().id());
        if (!seesApplicationConfig()) syncWithoutAppConfig.add(e.entry().id());
    }

    void onCostAsync(@ObservesAsync CostRecorded e) {
        async.add(e.entry().id());
        if (!seesApplicationConfig()) asyncWithoutAppConfig.add(e.entry().id());
    }

    private static boolean seesApplicationConfig() {
        try {
            return ConfigProvider.getConfig().getOptionalValue(MARKER, String.class).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
