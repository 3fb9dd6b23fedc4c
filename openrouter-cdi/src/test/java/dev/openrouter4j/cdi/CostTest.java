package dev.openrouter4j.cdi;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.openrouter4j.cdi.support.Containers;
import dev.openrouter4j.cdi.support.TestConfig;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.CostSource;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.budget.Budget;
import dev.openrouter4j.cost.budget.BudgetExceededException;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.cost.budget.JdbcBudgetStore;
import dev.openrouter4j.cost.budget.BudgetPeriod;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterModelCatalog;
import dev.openrouter4j.testkit.FakeOpenRouter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.h2.jdbcx.JdbcDataSource;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.openrouter4j.cdi.support.TestConfig.CANARY;
import static dev.openrouter4j.cdi.support.TestConfig.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger, price table and catalog beans, cost events, durable ledgers and budgets. */
@SuppressWarnings("try") // a TestConfig is registered for the try block and released after it
class CostTest {

    static final List<CostRecorded> SYNC = new CopyOnWriteArrayList<>();
    static final List<CostRecorded> ASYNC = new CopyOnWriteArrayList<>();

    final FakeOpenRouter fake = FakeOpenRouter.start();

    @BeforeEach
    void reset() {
        SYNC.clear();
        ASYNC.clear();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @ApplicationScoped
    public static class CostObserver {
        void onCost(@Observes CostRecorded e) {
            SYNC.add(e);
        }

        void onCostAsync(@ObservesAsync CostRecorded e) {
            ASYNC.add(e);
        }
    }

    @Dependent
    public static class AppLedger {
        static final CostLedger LEDGER = new CostLedger();

        @Produces
        @Singleton
        CostLedger ledger() {
            return LEDGER;
        }
    }

    @Dependent
    public static class AppPricesAndCatalog {
        static final PriceTable PRICES = PriceTable.builder().snapshot(false).build();
        static final OpenRouterModelCatalog CATALOG = OpenRouterModelCatalog.fromModels(List.of());

        @Produces
        @Singleton
        PriceTable prices() {
            return PRICES;
        }

        @Produces
        @Singleton
        OpenRouterModelCatalog catalog() {
            return CATALOG;
        }
    }

    @Dependent
    public static class H2 {
        static final String URL = "jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

        @Produces
        @Singleton
        DataSource dataSource() {
            return h2(URL);
        }
    }

    static DataSource h2(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }

    /** A database of its own, for a test whose budgets must start from nothing. */
    @Dependent
    public static class FreshH2 {
        static final String URL = "jdbc:h2:mem:budgets-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

        @Produces
        @Singleton
        DataSource dataSource() {
            return h2(URL);
        }
    }

    @Dependent
    public static class AppBudget {
        @Produces
        @Singleton
        BudgetGuard guard(CostLedger ledger) {
            return BudgetGuard.builder().ledger(ledger)
                    .budget(Budget.total("app", new BigDecimal("0.00000001"), BudgetPeriod.DAY)).build();
        }
    }

    Map<String, String> base(String... more) {
        Map<String, String> m = props(
                "openrouter.api-key", CANARY,
                "openrouter.base-url", fake.baseUrl(),
                "openrouter.model", "openai/gpt-4o-mini");
        m.putAll(props(more));
        return m;
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out");
            Thread.sleep(10);
        }
    }

    @Test
    void cost_is_recorded_in_the_injected_ledger_and_fired_as_events() throws Exception {
        try (TestConfig c = TestConfig.of(base());
             WeldContainer weld = Containers.boot(CostObserver.class)) {
            CostLedger ledger = weld.select(CostLedger.class).get();

            weld.select(ChatModel.class).get().chat("hi");

            assertThat(ledger.entries()).hasSize(1);
            CostEntry entry = ledger.entries().get(0);
            assertThat(entry.model()).isEqualTo("openai/gpt-4o-mini");
            assertThat(entry.cost()).isPositive();
            assertThat(ledger.totalCost()).isEqualByComparingTo(entry.cost());
            assertThat(SYNC).singleElement().satisfies(e -> {
                assertThat(e.entry()).isEqualTo(entry);
                assertThat(e.isSettlement()).isFalse();
            });
            await(() -> ASYNC.size() == 1);
            assertThat(ASYNC.get(0).entry()).isEqualTo(entry);
        }
    }

    @Test
    void streaming_calls_are_recorded_too() throws Exception {
        try (TestConfig c = TestConfig.of(base());
             WeldContainer weld = Containers.boot(CostObserver.class)) {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            weld.select(StreamingChatModel.class).get().chat("hi", new StreamingChatResponseHandler() {
                @Override
                public void onCompleteResponse(ChatResponse r) {
                    done.complete(r);
                }

                @Override
                public void onError(Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            done.get(10, TimeUnit.SECONDS);
            await(() -> SYNC.size() == 1);
            assertThat(SYNC.get(0).entry().streaming()).isTrue();
            assertThat(weld.select(CostLedger.class).get().entries()).hasSize(1);
            await(() -> ASYNC.size() == 1);
        }
    }

    @Test
    void an_application_ledger_bean_replaces_the_librarys_without_ambiguity() throws Exception {
        try (TestConfig c = TestConfig.of(base());
             WeldContainer weld = Containers.boot(AppLedger.class, CostObserver.class)) {
            assertThat(weld.getBeanManager().getBeans(CostLedger.class)).hasSize(1);
            assertThat(weld.select(CostLedger.class).get()).isSameAs(AppLedger.LEDGER);
            long before = AppLedger.LEDGER.entries().size();

            weld.select(ChatModel.class).get().chat("hi");

            assertThat(AppLedger.LEDGER.entries()).hasSize((int) before + 1);
            assertThat(SYNC).hasSize(1);
            await(() -> ASYNC.size() == 1);
        }
        // the application's ledger is the application's to close; its event bridge is detached
        AppLedger.LEDGER.record(CostEntry.builder().id("x-" + UUID.randomUUID()).cost(BigDecimal.ONE)
                .source(CostSource.ESTIMATED).build());
        assertThat(SYNC).hasSize(1);
    }

    @Test
    void application_price_table_and_catalog_beans_replace_the_librarys() {
        try (TestConfig c = TestConfig.of(base());
             WeldContainer weld = Containers.boot(AppPricesAndCatalog.class)) {
            assertThat(weld.getBeanManager().getBeans(PriceTable.class)).hasSize(1);
            assertThat(weld.getBeanManager().getBeans(OpenRouterModelCatalog.class)).hasSize(1);
            assertThat(weld.select(PriceTable.class).get()).isSameAs(AppPricesAndCatalog.PRICES);
            assertThat(weld.select(OpenRouterModelCatalog.class).get()).isSameAs(AppPricesAndCatalog.CATALOG);
        }
    }

    @Test
    void cost_accounting_can_be_turned_off() {
        try (TestConfig c = TestConfig.of(base("openrouter.cost.enabled", "false"));
             WeldContainer weld = Containers.boot(CostObserver.class)) {
            ChatModel chat = weld.select(ChatModel.class).get();
            chat.chat("hi");

            assertThat(weld.select(CostLedger.class).isResolvable()).isFalse();
            assertThat(chat.listeners()).noneMatch(CostListener.class::isInstance);
            assertThat(SYNC).isEmpty();
            assertThat(weld.select(PriceTable.class).isResolvable()).isTrue();
        }
    }

    @Test
    void file_ledger_is_written_and_reloaded(@TempDir Path dir) {
        Path file = dir.resolve("sub/ledger.jsonl");
        BigDecimal total;
        try (TestConfig c = TestConfig.of(base("openrouter.cost.ledger", "file:" + file))) {
            try (WeldContainer weld = Containers.boot()) {
                weld.select(ChatModel.class).get().chat("hi");
                total = weld.select(CostLedger.class).get().totalCost();
            }
            assertThat(file).exists();
            try (WeldContainer weld = Containers.boot()) {
                CostLedger reloaded = weld.select(CostLedger.class).get();
                assertThat(reloaded.totalCost()).isEqualByComparingTo(total).isPositive();
                assertThat(reloaded.store()).isNotNull();
            }
        }
    }

    @Test
    void budgets_over_a_jdbc_ledger_are_shared_by_every_instance_on_its_database() {
        Map<String, String> config = base("openrouter.cost.ledger", "jdbc",
                "openrouter.cost.budget.total", "0.00000001",
                "openrouter.cost.budget.on-store-failure", "admit");
        try (TestConfig c = TestConfig.of(config); WeldContainer first = Containers.boot(FreshH2.class)) {
            BudgetGuard guard = first.select(BudgetGuard.class).get();
            assertThat(guard.store()).isInstanceOf(JdbcBudgetStore.class);
            first.select(ChatModel.class).get().chat("first");
        }
        // a second instance (here: a restart) on the same database goes on from the recorded spend
        try (TestConfig c = TestConfig.of(config); WeldContainer second = Containers.boot(FreshH2.class)) {
            assertThatThrownBy(() -> second.select(ChatModel.class).get().chat("second"))
                    .isInstanceOf(BudgetExceededException.class);
            assertThat(fake.requests()).filteredOn(r -> r.path().endsWith("/chat/completions")).hasSize(1);
        }
    }

    @Test
    void jdbc_ledger_uses_the_applications_data_source_bean_in_java_se() {
        try (TestConfig c = TestConfig.of(base("openrouter.cost.ledger", "jdbc:java:comp/env/jdbc/ledger"));
             WeldContainer weld = Containers.boot(H2.class)) {
            weld.select(ChatModel.class).get().chat("hi");
            CostLedger ledger = weld.select(CostLedger.class).get();
            assertThat(ledger.store()).isInstanceOf(JdbcLedgerStore.class);
            assertThat(((JdbcLedgerStore) ledger.store()).totalCost()).isEqualByComparingTo(ledger.totalCost())
                    .isPositive();
        }
    }

    @Test
    void a_ledger_that_cannot_be_opened_stops_the_deployment() {
        try (TestConfig c = TestConfig.of(base("openrouter.cost.ledger", "jdbc"))) {
            OpenRouterConfigException e = Containers.failure();
            assertThat(e.getMessage()).contains("openrouter.cost.ledger (env OPENROUTER_COST_LEDGER), from test-config")
                    .contains("could not be opened");
            assertThat(Containers.allMessages(e)).contains("there is no DataSource bean");
        }
    }

    @Test
    void budgets_from_configuration_refuse_calls_once_spent() throws Exception {
        try (TestConfig c = TestConfig.of(base(
                "openrouter.cost.budget.total", "0.00000001",
                "openrouter.cost.budget.period", "day"));
             WeldContainer weld = Containers.boot(CostObserver.class)) {
            ChatModel chat = weld.select(ChatModel.class).get();
            chat.chat("first");

            assertThatThrownBy(() -> chat.chat("second")).isInstanceOf(BudgetExceededException.class);
            assertThat(fake.requests()).filteredOn(r -> r.path().endsWith("/chat/completions")).hasSize(1);
            BudgetGuard guard = weld.select(BudgetGuard.class).get();
            assertThat(guard.budgets()).extracting(Budget::period).containsExactly(BudgetPeriod.DAY);
            assertThat(SYNC).extracting(e -> e.entry().outcome()).containsExactly(CallOutcome.OK, CallOutcome.REFUSED);
            await(() -> ASYNC.size() == 2);
        }
    }

    @Test
    void an_application_budget_guard_bean_guards_the_models() {
        try (TestConfig c = TestConfig.of(base("openrouter.model-names", "fast",
                "openrouter.models.fast.model", "google/gemini-2.5-flash"));
             WeldContainer weld = Containers.boot(AppBudget.class)) {
            weld.select(ChatModel.class, OpenRouterModel.Literal.of("fast")).get().chat("first");
            ChatModel standard = weld.select(ChatModel.class).get();
            assertThatThrownBy(() -> standard.chat("second")).isInstanceOf(BudgetExceededException.class);
            List<ChatModelListener> listeners = standard.listeners();
            assertThat(listeners).filteredOn(CostListener.class::isInstance).hasSize(1);
        }
    }

    @Test
    void a_settlement_is_fired_as_an_event_too() throws Exception {
        try (TestConfig c = TestConfig.of(base());
             WeldContainer weld = Containers.boot(CostObserver.class)) {
            CostLedger ledger = weld.select(CostLedger.class).get();
            CostEntry unknown = CostEntry.builder().id("gen-cancelled").generationId("gen-cancelled")
                    .source(CostSource.UNKNOWN).outcome(CallOutcome.CANCELLED).build();
            ledger.record(unknown);
            ledger.settle(CostSettlement.of("gen-cancelled", new BigDecimal("0.002"), CostSource.REPORTED, "test"));

            assertThat(SYNC).hasSize(2);
            assertThat(SYNC.get(0).isSettlement()).isFalse();
            assertThat(SYNC.get(1).isSettlement()).isTrue();
            assertThat(SYNC.get(1).previous()).isEqualTo(unknown);
            assertThat(SYNC.get(1).entry().cost()).isEqualByComparingTo("0.002");
            await(() -> ASYNC.size() == 2);
        }
    }

    @Test
    void ledger_file_is_plain_json_lines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("l.jsonl");
        try (TestConfig c = TestConfig.of(base("openrouter.cost.ledger", "file:" + file));
             WeldContainer weld = Containers.boot()) {
            weld.select(ChatModel.class).get().chat("hi");
        }
        assertThat(Files.readAllLines(file)).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{"));
    }
}
