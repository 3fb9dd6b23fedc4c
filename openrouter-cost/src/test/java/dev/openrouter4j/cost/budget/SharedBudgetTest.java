package dev.openrouter4j.cost.budget;

import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.pg.Postgres;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.cost.store.JsonLinesLedgerStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Budgets over a durable ledger and a shared store on a real PostgreSQL: restarts, instances, leases, outages. */
class SharedBudgetTest {

    private static final String MODEL = "openai/gpt-4o-mini";
    private static HikariDataSource pg;

    @BeforeAll
    static void startPostgres() {
        pg = Postgres.pool(20);
    }

    @AfterAll
    static void stopPool() {
        pg.close();
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    /** One application instance: its own ledger, listener, store objects and guard over the shared database. */
    private record Instance(CostLedger ledger, JdbcLedgerStore ledgerStore, StubChatModel stub, BudgetGuard guard,
                            ChatModel model) {
        static Instance start(DataSource ds, String prefix, BigDecimal limit, Admission admission, Duration lease) {
            JdbcLedgerStore store = JdbcLedgerStore.builder().dataSource(ds).tablePrefix(prefix).build();
            CostLedger ledger = new CostLedger(store);
            StubChatModel stub = new StubChatModel(List.of(new CostListener(ledger, PriceTable.defaults())), MODEL,
                    500, 5);
            BudgetGuard guard = BudgetGuard.builder().budget(Budget.total("all", limit, BudgetPeriod.MONTH))
                    .ledger(ledger).store(JdbcBudgetStore.on(store)).admission(admission).leaseDuration(lease)
                    .build();
            return new Instance(ledger, store, stub, guard, guard.guard(stub));
        }
    }

    @ParameterizedTest
    @EnumSource(Admission.class)
    void two_instances_on_one_postgres_hold_one_budget(Admission admission) throws Exception {
        String prefix = Postgres.uniquePrefix("two");
        BigDecimal limit = new BigDecimal("0.01");
        List<Instance> instances = List.of(
                Instance.start(pg, prefix, limit, admission, Duration.ofSeconds(30)),
                Instance.start(pg, prefix, limit, admission, Duration.ofSeconds(30)));
        BigDecimal worstCase = instances.get(0).guard().worstCase(ChatRequest.builder()
                .messages(UserMessage.from("What is the capital of France?"))
                .parameters(instances.get(0).stub().defaultRequestParameters()).build());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> refusals = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            ChatModel model = instances.get(t % 2).model();
            refusals.add(pool.submit(() -> {
                start.await();
                while (true) {
                    try {
                        model.chat(ask("What is the capital of France?"));
                    } catch (BudgetExceededException e) {
                        return 1;
                    }
                }
            }));
        }
        start.countDown();
        for (Future<Integer> f : refusals) assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(1);
        pool.shutdown();

        JdbcLedgerStore shared = instances.get(0).ledgerStore();
        BigDecimal spent = shared.totalCost();
        BudgetStatus status = instances.get(1).guard().status("all", "*");
        assertThat(status.reserved()).as("nothing left reserved").isEqualByComparingTo("0");
        assertThat(status.spent()).as("the shared budget's spend equals the shared ledger's").isEqualByComparingTo(spent);
        int sent = instances.stream().mapToInt(i -> i.stub().calls.get()).sum();
        assertThat(shared.total(null, null).ok()).as("every call sent is recorded, refused ones were not sent")
                .isEqualTo(sent);
        assertThat(shared.total(null, null).refused()).isEqualTo(16);
        BigDecimal overshoot = spent.subtract(limit).max(BigDecimal.ZERO);
        System.out.printf("shared budget %s on PostgreSQL, 2 instances x 8 threads: limit $%s, worst case $%s,"
                + " spent $%s, overshoot $%s%n", admission, limit, worstCase, spent.toPlainString(), overshoot);
        if (admission == Admission.WHILE_REMAINING) {
            assertThat(overshoot).isLessThan(worstCase);
            assertThat(spent).isGreaterThanOrEqualTo(limit.subtract(worstCase));
        } else {
            assertThat(overshoot).isEqualByComparingTo("0");
        }
        instances.forEach(i -> i.guard().close());
    }

    /** The report: a monthly budget over a file ledger must not start again from zero after a restart. */
    @Test
    void a_restarted_guard_goes_on_from_the_spend_the_file_ledger_holds(@TempDir Path dir) {
        Path file = dir.resolve("costs.jsonl");
        BigDecimal limit = new BigDecimal("0.001");
        int admittedFirst = run(file, limit, 40);
        BigDecimal recorded;
        try (CostLedger reloaded = new CostLedger(JsonLinesLedgerStore.open(file))) {
            recorded = reloaded.totalCost();
        }
        assertThat(admittedFirst).isPositive();
        assertThat(recorded).isGreaterThanOrEqualTo(limit);

        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file))) {
            StubChatModel stub = new StubChatModel(List.of(new CostListener(ledger, PriceTable.defaults())), MODEL,
                    500, 0);
            BudgetGuard guard = BudgetGuard.builder().budget(Budget.total("monthly", limit, BudgetPeriod.MONTH))
                    .ledger(ledger).build();
            assertThat(guard.status("monthly", "*").spent()).as("starts from the recorded spend")
                    .isEqualByComparingTo(recorded);
            ChatModel model = guard.guard(stub);
            for (int i = 0; i < 40; i++) {
                assertThatThrownBy(() -> model.chat(ask("hello"))).isInstanceOf(BudgetExceededException.class);
            }
            assertThat(stub.calls.get()).as("nothing sent after the restart").isZero();
        }
    }

    private static int run(Path file, BigDecimal limit, int calls) {
        try (CostLedger ledger = new CostLedger(JsonLinesLedgerStore.open(file))) {
            StubChatModel stub = new StubChatModel(List.of(new CostListener(ledger, PriceTable.defaults())), MODEL,
                    500, 0);
            BudgetGuard guard = BudgetGuard.builder().budget(Budget.total("monthly", limit, BudgetPeriod.MONTH))
                    .ledger(ledger).build();
            ChatModel model = guard.guard(stub);
            for (int i = 0; i < calls; i++) {
                try {
                    model.chat(ask("hello"));
                } catch (BudgetExceededException expected) {
                    // refused
                }
            }
            return stub.calls.get();
        }
    }

    /** Per key: each tenant's budget restarts from that tenant's recorded spend (a JDBC ledger, in-process budgets). */
    @Test
    void a_restarted_guard_starts_each_key_from_its_recorded_spend() {
        String prefix = Postgres.uniquePrefix("keys");
        Budget perTenant = Budget.perAttribute("tenant", "tenant", new BigDecimal("1"), BudgetPeriod.DAY);
        CostLedger first = new CostLedger(JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix).build());
        StubChatModel stub = new StubChatModel(List.of(new CostListener(first, PriceTable.defaults())), MODEL, 500, 0);
        ChatModel model = BudgetGuard.builder().budget(perTenant).ledger(first).build().guard(stub);
        dev.openrouter4j.cost.CostContext.with("tenant", "acme").run(() -> model.chat(ask("a")));
        dev.openrouter4j.cost.CostContext.with("tenant", "acme").run(() -> model.chat(ask("b")));
        dev.openrouter4j.cost.CostContext.with("tenant", "globex").run(() -> model.chat(ask("c")));

        CostLedger second = new CostLedger(JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix).build());
        BudgetGuard restarted = BudgetGuard.builder().budget(perTenant).ledger(second).build();
        assertThat(restarted.status("tenant", "tenant=acme").spent())
                .isEqualByComparingTo(second.byAttribute("tenant").get("acme").cost());
        assertThat(restarted.status("tenant", "tenant=globex").spent())
                .isEqualByComparingTo(second.byAttribute("tenant").get("globex").cost());
        assertThat(restarted.status("tenant", "tenant=acme").spent()).isPositive();
    }

    @Test
    void reservations_of_a_guard_that_stopped_renewing_expire_and_renewed_ones_do_not() throws Exception {
        String prefix = Postgres.uniquePrefix("lease");
        Duration lease = Duration.ofMillis(900);
        CountDownLatch release = new CountDownLatch(1);
        JdbcLedgerStore store = JdbcLedgerStore.builder().dataSource(pg).tablePrefix(prefix).build();
        CostLedger ledger = new CostLedger(store);
        ChatModel blocking = new StubChatModel(List.of(new CostListener(ledger, PriceTable.defaults())), MODEL, 500, 0) {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.doChat(request);
            }
        };
        Budget budget = Budget.total("all", new BigDecimal("5"), BudgetPeriod.DAY);
        BudgetGuard holder = BudgetGuard.builder().budget(budget).ledger(ledger).store(JdbcBudgetStore.on(store))
                .leaseDuration(lease).build();
        BudgetGuard observer = BudgetGuard.builder().budget(budget).store(JdbcBudgetStore.on(store)).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<ChatResponse> call = pool.submit(() -> holder.guard(blocking).chat(ask("long")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (observer.status("all", "*").reserved().signum() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        BigDecimal reserved = observer.status("all", "*").reserved();
        assertThat(reserved).as("the other instance sees the reservation").isPositive();
        Thread.sleep(lease.toMillis() * 3);
        assertThat(observer.status("all", "*").reserved()).as("renewed while the call runs")
                .isEqualByComparingTo(reserved);

        holder.close(); // stops renewing, as if the process had died
        Thread.sleep(lease.toMillis() * 2);
        assertThat(observer.status("all", "*").reserved()).as("expired with its lease").isEqualByComparingTo("0");

        release.countDown();
        call.get(10, TimeUnit.SECONDS);
        assertThat(observer.status("all", "*").spent()).as("a late settlement still counts its cost")
                .isEqualByComparingTo(store.totalCost()).isPositive();
        pool.shutdown();
    }

    @Test
    void an_unreachable_store_refuses_by_default_and_says_so_or_admits_when_told() {
        DataSource down = new Unreachable();
        JdbcBudgetStore store = JdbcBudgetStore.builder().dataSource(down).createTables(false).build();
        StubChatModel stub = new StubChatModel(List.of(), MODEL, 100, 0);
        Budget budget = Budget.total("all", new BigDecimal("5"), BudgetPeriod.DAY);
        BudgetGuard refusing = BudgetGuard.builder().budget(budget).store(store).build();
        assertThatThrownBy(() -> refusing.guard(stub).chat(ask("hi")))
                .isInstanceOf(BudgetUnavailableException.class)
                .hasMessageContaining("budget store could not be reached")
                .hasMessageContaining("policy REFUSE")
                .hasMessageContaining("onStoreFailure");
        assertThat(stub.calls.get()).isZero();

        BudgetGuard admitting = BudgetGuard.builder().budget(budget).store(store)
                .onStoreFailure(StoreFailurePolicy.ADMIT).build();
        admitting.guard(stub).chat(ask("hi"));
        assertThat(stub.calls.get()).isEqualTo(1);
        refusing.close();
        admitting.close();
    }

    /** A database that cannot be reached. */
    private static final class Unreachable implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("Connection to 127.0.0.1:1 refused", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
