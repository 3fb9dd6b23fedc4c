package dev.openrouter4j.cdi;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.testkit.FakeOpenRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;

/** Every ChatModelListener bean of the application on every produced model, exactly once. */
@SuppressWarnings("try") // a TestConfig is registered for the try block and released after it
class ListenersTest {

    static final AtomicInteger APP_SCOPED = new AtomicInteger();
    static final AtomicInteger DEPENDENT = new AtomicInteger();
    static final AtomicInteger PRODUCED = new AtomicInteger();

    final FakeOpenRouter fake = FakeOpenRouter.start();

    @BeforeEach
    void reset() {
        APP_SCOPED.set(0);
        DEPENDENT.set(0);
        PRODUCED.set(0);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @ApplicationScoped
    public static class AppScopedListener implements ChatModelListener {
        @Override
        public void onRequest(ChatModelRequestContext context) {
            APP_SCOPED.incrementAndGet();
        }
    }

    @Dependent
    public static class DependentListener implements ChatModelListener {
        @Override
        public void onRequest(ChatModelRequestContext context) {
            DEPENDENT.incrementAndGet();
        }
    }

    @Dependent
    public static class ListenerProducer {
        @Produces
        @Named("produced")
        ChatModelListener produced() {
            return new ChatModelListener() {
                @Override
                public void onRequest(ChatModelRequestContext context) {
                    PRODUCED.incrementAndGet();
                }
            };
        }
    }

    /** The application records cost itself, into the library's ledger. */
    @Dependent
    public static class OwnCostListener {
        @Produces
        @Dependent
        CostListener costListener(CostLedger ledger, PriceTable prices) {
            return new CostListener(ledger, prices);
        }
    }

    TestConfig config() {
        return TestConfig.of(props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model", "openai/gpt-4o-mini",
                "openrouter.model-names", "fast",
                "openrouter.models.fast.model", "google/gemini-2.5-flash"));
    }

    @Test
    void every_listener_bean_is_attached_to_every_model_once() {
        try (TestConfig c = config();
             WeldContainer weld = Containers.boot(AppScopedListener.class, DependentListener.class,
                     ListenerProducer.class)) {
            ChatModel standard = weld.select(ChatModel.class).get();
            ChatModel fast = weld.select(ChatModel.class, OpenRouterModel.Literal.of("fast")).get();
            StreamingChatModel streaming = weld.select(StreamingChatModel.class).get();

            standard.chat("a");
            fast.chat("b");

            assertThat(APP_SCOPED).hasValue(2);
            assertThat(DEPENDENT).hasValue(2);
            assertThat(PRODUCED).hasValue(2);
            for (List<ChatModelListener> listeners : List.of(standard.listeners(), fast.listeners(),
                    streaming.listeners())) {
                assertThat(listeners).hasSize(4);
                assertThat(listeners).filteredOn(CostListener.class::isInstance).hasSize(1);
                assertThat(listeners).filteredOn(l -> l.getClass().getName().contains("DependentListener")).hasSize(1);
                assertThat(listeners).doesNotHaveDuplicates();
            }
            assertThat(weld.select(CostLedger.class).get().entries()).hasSize(2);
        }
    }

    @Test
    void the_librarys_cost_listener_is_not_added_when_the_applications_records_into_the_same_ledger() {
        try (TestConfig c = config();
             WeldContainer weld = Containers.boot(OwnCostListener.class)) {
            ChatModel standard = weld.select(ChatModel.class).get();
            standard.chat("a");

            assertThat(standard.listeners()).hasSize(1).allMatch(CostListener.class::isInstance);
            assertThat(weld.select(CostLedger.class).get().entries()).hasSize(1);
        }
    }
}
