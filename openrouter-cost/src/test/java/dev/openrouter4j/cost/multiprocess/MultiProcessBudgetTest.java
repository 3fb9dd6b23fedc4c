package dev.openrouter4j.cost.multiprocess;

import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.openrouter4j.cost.CallOutcome;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostListener;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.PriceTable;
import dev.openrouter4j.cost.budget.Admission;
import dev.openrouter4j.cost.budget.BudgetExceededException;
import dev.openrouter4j.cost.budget.BudgetGuard;
import dev.openrouter4j.cost.budget.JdbcBudgetStore;
import dev.openrouter4j.cost.pg.Postgres;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.cost.store.LedgerStore;
import dev.openrouter4j.langchain4j.OpenRouterChatModel;
import dev.openrouter4j.testkit.FakeOpenRouter;
import dev.openrouter4j.testkit.FakeResponse;
import dev.openrouter4j.testkit.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Budgets across processes, not threads: JVMs started from the test class path, each one application instance
 * ({@link BudgetChild}) with its own ledger and guard over one real PostgreSQL, all calling one fake OpenRouter.
 * <ol>
 *   <li>4 processes x 8 threads, sync and streaming calls on two models, some cancelled by the caller, some failed
 *   mid-stream by the fake, under one total and one per-model budget: every refused call was never sent, the
 *   budgets' spend equals the ledger's, and the overshoot stays below one call's worst case
 *   ({@code WHILE_REMAINING}); then again with {@code WORST_CASE_FITS}: no overshoot at all.</li>
 *   <li>{@code kill -9} of a process holding reservations for long streams: its reservations hold the budget until
 *   their lease ends, then another instance's calls are admitted again.</li>
 *   <li>A restarted process starts from the recorded spend: every call refused, nothing sent.</li>
 * </ol>
 */
class MultiProcessBudgetTest {

    /** The lease of the process that is killed: short, so the test need not wait long for its reservations to end. */
    private static final Duration LEASE = Duration.ofMillis(1500);
    /** The lease of the others: a starved machine (2 shared cores, 4 JVMs starting) can delay a renewal by seconds. */
    private static final Duration WORKER_LEASE = Duration.ofSeconds(6);
    private static final int MAX_TOKENS = 16;
    private static final BigDecimal TOTAL_LIMIT = new BigDecimal("0.0012");
    private static final BigDecimal MODEL_LIMIT = new BigDecimal("0.0006");
    private static final Path LOGS = Path.of("target", "multiprocess");

    /** A running child JVM and the lines it printed. */
    private static final class Child {
        final String name;
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Thread reader;

        Child(String name, Process process) {
            this.name = name;
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (IOException ignored) {
                    // the process was killed
                }
            }, "reader-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        Set<String> tags(String kind) {
            return lines.stream().filter(l -> l.startsWith(kind + " ")).map(l -> l.split(" ")[1])
                    .collect(Collectors.toSet());
        }

        boolean printed(String line) {
            return lines.contains(line);
        }

        void awaitSuccess() throws Exception {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(name + " ends").isTrue();
            reader.join(5_000);
            assertThat(process.exitValue()).as(name + " exit code; see " + LOGS.resolve(name + ".log")).isZero();
            assertThat(lines).as(name).contains("DONE");
        }
    }

    private static Child start(String name, String jdbcUrl, FakeOpenRouter fake, String prefix, int threads,
                               int calls, BigDecimal total, BigDecimal model, int maxTokens, String suffix,
                               String mode, Duration lease, Admission admission) throws IOException {
        Files.createDirectories(LOGS);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), BudgetChild.class.getName(),
                jdbcUrl, fake.baseUrl(), prefix, name, Integer.toString(threads), Integer.toString(calls),
                total.toPlainString(), model.toPlainString(), Long.toString(lease.toMillis()),
                Integer.toString(maxTokens), suffix, mode, admission.name());
        Process p = new ProcessBuilder(command).redirectError(LOGS.resolve(name + ".log").toFile()).start();
        return new Child(name, p);
    }

    @Test
    void four_processes_hold_one_budget_survive_a_kill_and_a_restart() throws Exception {
        String jdbcUrl = Postgres.jdbcUrl();
        String prefix = Postgres.uniquePrefix("mp");
        try (HikariDataSource ds = Postgres.pool(4); FakeOpenRouter fake = FakeOpenRouter.start()) {
            JdbcLedgerStore store = JdbcLedgerStore.builder().dataSource(ds).tablePrefix(prefix).build();
            JdbcBudgetStore budgets = JdbcBudgetStore.on(store); // the schema exists before the children start
            BudgetGuard observer = BudgetChild.guard("", TOTAL_LIMIT, MODEL_LIMIT).store(budgets).build();

            Phase a = fourProcesses(jdbcUrl, fake, prefix, store, observer, Admission.WHILE_REMAINING);
            // the same with WORST_CASE_FITS, on a ledger of its own: no overshoot at all
            JdbcLedgerStore fitsStore = JdbcLedgerStore.builder().dataSource(ds).tablePrefix(prefix + "w").build();
            BudgetGuard fitsObserver = BudgetChild.guard("", TOTAL_LIMIT, MODEL_LIMIT)
                    .store(JdbcBudgetStore.on(fitsStore)).build();
            fake.reset();
            fourProcesses(jdbcUrl, fake, prefix + "w", fitsStore, fitsObserver, Admission.WORST_CASE_FITS);
            fitsObserver.close();
            // a ledger of its own: a new budget over the first ledger would start from the spend it holds
            JdbcLedgerStore killStore = JdbcLedgerStore.builder().dataSource(ds).tablePrefix(prefix + "k").build();
            killedProcess(jdbcUrl, fake, prefix + "k", killStore, JdbcBudgetStore.on(killStore));
            restartedProcess(jdbcUrl, fake, prefix, a, observer);
            observer.close();
        }
    }

    /** What phase 1 left: the budgets' spend. */
    private record Phase(BigDecimal totalSpent, BigDecimal modelSpent) {
    }

    private Phase fourProcesses(String jdbcUrl, FakeOpenRouter fake, String prefix, JdbcLedgerStore store,
                                BudgetGuard observer, Admission admission) throws Exception {
        fake.tokenDelay(Duration.ofMillis(15));
        List<Child> children = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            children.add(start("p" + i, jdbcUrl, fake, prefix, 8, 12, TOTAL_LIMIT, MODEL_LIMIT, MAX_TOKENS, "",
                    "mixed", WORKER_LEASE, admission));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        Thread faults = new Thread(() -> { // streams that fail mid-way, picked up by whichever call comes next
            while (running.get() && !children.stream().allMatch(c -> c.printed("STARTED") || !c.process.isAlive())) {
                try {
                    Thread.sleep(20); // no faults piling up while the JVMs start
                } catch (InterruptedException e) {
                    return;
                }
            }
            while (running.get()) {
                fake.enqueue(FakeResponse.midStreamError("The answer"));
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        faults.start();
        try {
            for (Child c : children) c.awaitSuccess();
        } finally {
            running.set(false);
            faults.join();
        }

        Map<String, Long> failures = children.stream().flatMap(c -> c.lines.stream())
                .filter(l -> l.startsWith("FAILED ")).collect(Collectors.groupingBy(l -> l.split(" ")[2],
                        java.util.TreeMap::new, Collectors.counting()));
        assertThat(failures.keySet()).as("failures are the injected ones, never an unreachable budget store")
                .doesNotContain("BudgetUnavailableException");
        Set<String> refused = new java.util.HashSet<>();
        Set<String> failed = new java.util.HashSet<>();
        int ok = 0;
        for (Child c : children) {
            refused.addAll(c.tags("REFUSED"));
            failed.addAll(c.tags("FAILED"));
            ok += c.tags("OK").size();
        }
        List<String> bodies = fake.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                .map(RecordedRequest::body).toList();
        assertThat(refused).as("some calls were refused").isNotEmpty();
        assertThat(ok).as("some calls were admitted").isPositive();
        assertThat(failed).as("some streams failed mid-way").isNotEmpty();
        for (String body : bodies) {
            for (String tag : refused) {
                assertThat(body).as("a refused call was never sent").doesNotContain(tag + " ");
            }
        }

        List<CostEntry> entries = entries(store);
        long recordedSent = entries.stream().filter(e -> e.outcome() != CallOutcome.REFUSED).count();
        assertThat(recordedSent).as("every request the fake saw is in the ledger").isEqualTo(bodies.size());
        assertThat(entries.stream().filter(e -> e.outcome() == CallOutcome.REFUSED).count()).isEqualTo(refused.size());
        assertThat(entries).as("some streams were cancelled").anyMatch(e -> e.outcome() == CallOutcome.CANCELLED);
        assertThat(bodies.size() + refused.size()).isEqualTo(4 * 8 * 12);

        // the budgets' spend is the ledger's: known costs, and the worst case of calls whose cost stays unknown
        BigDecimal worstA = worstCase(observer, BudgetChild.MODEL_A);
        BigDecimal worstB = worstCase(observer, BudgetChild.MODEL_B);
        BigDecimal ledgerTotal = BigDecimal.ZERO;
        BigDecimal ledgerModelA = BigDecimal.ZERO;
        for (CostEntry e : entries) {
            if (e.outcome() == CallOutcome.REFUSED) continue;
            boolean a = BudgetChild.MODEL_A.equals(e.requestedModel());
            BigDecimal charged = e.outcome() == CallOutcome.CANCELLED || e.cost() == null ? (a ? worstA : worstB)
                    : e.cost();
            ledgerTotal = ledgerTotal.add(charged);
            if (a) ledgerModelA = ledgerModelA.add(charged);
        }
        var total = observer.status(BudgetChild.TOTAL, "*");
        var modelA = observer.status(BudgetChild.PER_MODEL, BudgetChild.MODEL_A);
        assertThat(total.reserved()).as("nothing left reserved").isEqualByComparingTo("0");
        assertThat(modelA.reserved()).isEqualByComparingTo("0");
        assertThat(total.spent()).as("total budget spend == ledger").isEqualByComparingTo(ledgerTotal);
        assertThat(modelA.spent()).as("per-model budget spend == ledger").isEqualByComparingTo(ledgerModelA);

        BigDecimal totalOvershoot = total.spent().subtract(TOTAL_LIMIT).max(BigDecimal.ZERO);
        BigDecimal modelOvershoot = modelA.spent().subtract(MODEL_LIMIT).max(BigDecimal.ZERO);
        System.out.printf("%s: 4 processes x 8 threads, %d calls: %d sent (failed: %s), %d refused; total budget $%s spent $%s"
                        + " (overshoot $%s); per-model budget $%s spent $%s (overshoot $%s); worst case per call $%s%n",
                admission, 4 * 8 * 12, bodies.size(), failures, refused.size(), TOTAL_LIMIT, total.spent().toPlainString(),
                totalOvershoot.toPlainString(), MODEL_LIMIT, modelA.spent().toPlainString(),
                modelOvershoot.toPlainString(), worstA.toPlainString());
        BigDecimal bound = worstA.max(worstB);
        if (admission == Admission.WORST_CASE_FITS) {
            assertThat(totalOvershoot).as("no overshoot with WORST_CASE_FITS").isEqualByComparingTo("0");
            assertThat(modelOvershoot).isEqualByComparingTo("0");
            // calls refused while others held their worst case may leave more unused: only check it was spent
            assertThat(total.spent()).as("the total budget was used").isGreaterThan(TOTAL_LIMIT.divide(new BigDecimal(2)));
            assertThat(modelA.spent()).as("the per-model budget was used").isGreaterThan(MODEL_LIMIT.divide(new BigDecimal(2)));
            return new Phase(total.spent(), modelA.spent());
        } else {
            assertThat(totalOvershoot).as("overshoot below the worst case of the call admitted last").isLessThan(bound);
            assertThat(modelOvershoot).isLessThan(worstA);
        }
        // a thread refused while up to 31 others held their worst case may stop early; they settle below it
        BigDecimal inFlight = new BigDecimal(32);
        assertThat(total.spent()).as("the total budget was used").isGreaterThan(
                TOTAL_LIMIT.subtract(bound.multiply(inFlight)));
        assertThat(modelA.spent()).as("the per-model budget was used").isGreaterThan(
                MODEL_LIMIT.subtract(worstA.multiply(inFlight)));
        return new Phase(total.spent(), modelA.spent());
    }

    /** kill -9 of a process in the middle of long streams; its reservations expire with their lease. */
    private void killedProcess(String jdbcUrl, FakeOpenRouter fake, String prefix, JdbcLedgerStore store,
                               JdbcBudgetStore budgets) throws Exception {
        fake.reset(); // drops the faults phase 1 left in the script
        fake.tokenDelay(Duration.ofMillis(300)); // 100 tokens: 30 s streams, far longer than the lease
        BigDecimal limit = new BigDecimal("0.0001");
        Child victim = start("victim", jdbcUrl, fake, prefix, 8, 1, limit, limit, 100, "-kill", "streams", LEASE,
                Admission.WHILE_REMAINING);
        BudgetGuard other = BudgetChild.guard("-kill", limit, limit).store(budgets).leaseDuration(LEASE).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // wait until every thread of the victim was admitted or refused: the budget is then held by its streams
        while (victim.tags("REFUSED").size() + reserved(other) < 8 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        BigDecimal held = other.status(BudgetChild.TOTAL + "-kill", "*").reserved();
        assertThat(held).as("the victim holds reservations").isPositive();
        assertThat(held).as("enough to exhaust the budget").isGreaterThanOrEqualTo(limit);
        victim.process.destroyForcibly();
        assertThat(victim.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long killedAt = System.nanoTime();

        CostLedger ledger = new CostLedger(store);
        OpenRouterChatModel model = OpenRouterChatModel.builder().apiKey("sk-or-v1-test").baseUrl(fake.baseUrl())
                .modelName(BudgetChild.MODEL_B).maxTokens(8).maxRetries(0)
                .listeners(List.of(new CostListener(ledger, PriceTable.defaults()))).build();
        ChatRequest ask = ChatRequest.builder().messages(UserMessage.from(BudgetChild.prompt("other"))).build();
        assertThatThrownBy(() -> other.guard(model).chat(ask)).as("the dead process's reservations still count")
                .isInstanceOf(BudgetExceededException.class);

        while (other.status(BudgetChild.TOTAL + "-kill", "*").reserved().signum() > 0
                && System.nanoTime() - killedAt < LEASE.toNanos() * 4) {
            Thread.sleep(50);
        }
        long expiredAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertThat(other.status(BudgetChild.TOTAL + "-kill", "*").reserved()).as("expired after the lease")
                .isEqualByComparingTo("0");
        fake.tokenDelay(Duration.ZERO);
        assertThat(other.guard(model).chat(ask).aiMessage().text()).as("the others carry on").isNotBlank();
        System.out.printf("kill -9 of a process holding $%s of reservations: they expired %d ms after the kill"
                + " (lease %d ms)%n", held.toPlainString(), expiredAfter, LEASE.toMillis());
        other.close();
    }

    private static int reserved(BudgetGuard guard) {
        // how many of the victim's calls are in flight: its reservations over one call's worst case, at least
        BigDecimal r = guard.status(BudgetChild.TOTAL + "-kill", "*").reserved();
        return r.signum() == 0 ? 0 : r.compareTo(new BigDecimal("0.0001")) >= 0 ? 8 : 0;
    }

    /** A restarted process starts from the spend recorded: every call is refused and nothing reaches the fake. */
    private void restartedProcess(String jdbcUrl, FakeOpenRouter fake, String prefix, Phase a, BudgetGuard observer)
            throws Exception {
        int before = (int) fake.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count();
        Child restarted = start("p1", jdbcUrl, fake, prefix, 2, 5, TOTAL_LIMIT, MODEL_LIMIT, MAX_TOKENS, "", "mixed",
                WORKER_LEASE, Admission.WHILE_REMAINING);
        restarted.awaitSuccess();
        Map<String, BigDecimal> status = new HashMap<>();
        for (String line : restarted.lines) {
            if (line.startsWith("STATUS ")) {
                String[] p = line.split(" ");
                status.put(p[1] + " " + p[2], new BigDecimal(p[3]));
            }
        }
        assertThat(status.get(BudgetChild.TOTAL + " *")).as("starts from the recorded total spend")
                .isEqualByComparingTo(a.totalSpent());
        assertThat(status.get(BudgetChild.PER_MODEL + " " + BudgetChild.MODEL_A))
                .as("and the per-model spend").isEqualByComparingTo(a.modelSpent());
        int after = (int) fake.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count();
        int admitted = restarted.tags("OK").size() + restarted.tags("FAILED").size();
        assertThat(after - before).as("only admitted calls were sent").isEqualTo(admitted);
        if (a.totalSpent().compareTo(TOTAL_LIMIT) >= 0) {
            assertThat(restarted.tags("REFUSED")).as("the budget was spent: every call refused").hasSize(10);
            assertThat(after).as("nothing sent after the restart").isEqualTo(before);
        } else {
            // phase 1 ended a little under the limit (reservations settled below their worst case): the restarted
            // process may take what is left, and no more
            BigDecimal bound = worstCase(observer, BudgetChild.MODEL_A).max(worstCase(observer, BudgetChild.MODEL_B));
            assertThat(observer.status(BudgetChild.TOTAL, "*").spent()).isLessThan(TOTAL_LIMIT.add(bound));
        }
    }

    private static BigDecimal worstCase(BudgetGuard guard, String model) {
        return guard.worstCase(ChatRequest.builder().messages(UserMessage.from(BudgetChild.prompt("x")))
                .parameters(dev.langchain4j.model.chat.request.ChatRequestParameters.builder().modelName(model)
                        .maxOutputTokens(MAX_TOKENS).build()).build());
    }

    private static List<CostEntry> entries(LedgerStore store) {
        Map<String, CostEntry> byId = new java.util.LinkedHashMap<>();
        store.load(new LedgerStore.Visitor() {
            @Override
            public void entry(CostEntry entry) {
                byId.put(entry.id(), entry);
            }

            @Override
            public void settlement(CostSettlement settlement) {
                byId.computeIfPresent(settlement.entryId(), (k, e) -> e.settledWith(settlement));
            }
        });
        return new ArrayList<>(byId.values());
    }

}
