package dev.openrouter4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs small fixture classes through the JUnit launcher and checks the fakes' lifecycle from the outside. */
class ExtensionTest {

    /** Fakes seen by the fixtures; set only while a fixture runs through {@link #run}. */
    static final List<FakeOpenRouter> SEEN = new CopyOnWriteArrayList<>();
    static volatile boolean running;

    private static TestExecutionSummary run(Class<?> fixture) {
        SEEN.clear();
        running = true;
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(fixture)).build();
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            return listener.getSummary();
        } finally {
            running = false;
        }
    }

    private static void assertAllPassed(TestExecutionSummary summary, int tests) {
        summary.getFailures().forEach(f -> {
            throw new AssertionError("fixture test failed: " + f.getTestIdentifier().getDisplayName(),
                    f.getException());
        });
        assertThat(summary.getTestsSucceededCount()).isEqualTo(tests);
    }

    private static void assertClosed(FakeOpenRouter fake) {
        assertThat(Http.threadsOf(fake)).as("threads of " + fake).isEmpty();
        assertThat(fake.openConnections()).isZero();
    }

    @Test
    void static_field_registration() {
        assertAllPassed(run(StaticFieldFixture.class), 3);
        assertThat(SEEN).hasSize(3);
        assertThat(SEEN).allMatch(f -> f == SEEN.get(0)); // one fake per class, shared with @Nested
        assertClosed(SEEN.get(0));
    }

    @Test
    void extend_with_and_parameter_injection() {
        assertAllPassed(run(ExtendWithFixture.class), 2);
        assertThat(SEEN).hasSize(5).allMatch(f -> f == SEEN.get(0));
        assertClosed(SEEN.get(0));
    }

    @Test
    void instance_field_registration_gives_each_test_its_own_fake() {
        assertAllPassed(run(InstanceFieldFixture.class), 2);
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
        SEEN.forEach(ExtensionTest::assertClosed);
    }

    // ------------------------------------------------------------------ fixtures (only run through run())

    static class StaticFieldFixture {
        @RegisterExtension
        static final FakeOpenRouterExtension OPENROUTER = new FakeOpenRouterExtension();

        @BeforeAll
        static void onlyFromTheLauncher() {
            Assumptions.assumeTrue(running);
        }

        @Test
        void a_first_test_scripts_a_failure() {
            SEEN.add(OPENROUTER.fake());
            OPENROUTER.fake().enqueue(FakeResponse.serverError()); // must not leak into the next test
            assertThat(OPENROUTER.baseUrl()).isEqualTo(OPENROUTER.fake().baseUrl());
            assertThat(Http.chat(OPENROUTER.fake(), Http.request("openai/gpt-4", "x", false)).statusCode())
                    .isEqualTo(500);
            OPENROUTER.fake().enqueue(FakeResponse.serverError());
        }

        @Test
        void a_second_test_sees_none_of_it() {
            SEEN.add(OPENROUTER.fake());
            assertThat(OPENROUTER.fake().requests()).isEmpty();
            assertThat(Http.chat(OPENROUTER.fake(), Http.request("openai/gpt-4", "x", false)).statusCode())
                    .isEqualTo(200);
        }

        @Nested
        class Inner {
            @Test
            void shares_the_outer_fake(FakeOpenRouter fake) {
                SEEN.add(fake);
                assertThat(fake).isSameAs(OPENROUTER.fake());
                assertThat(Http.threadsOf(fake)).isNotEmpty();
            }
        }
    }

    @ExtendWith(FakeOpenRouterExtension.class)
    @TestInstance(TestInstance.Lifecycle.PER_METHOD)
    static class ExtendWithFixture {
        private final FakeOpenRouter fromConstructor;

        ExtendWithFixture(FakeOpenRouter fake) {
            this.fromConstructor = fake;
        }

        @BeforeAll
        static void beforeAll(FakeOpenRouter fake) {
            Assumptions.assumeTrue(running);
            SEEN.add(fake);
        }

        @Test
        void method_parameter(FakeOpenRouter fake) {
            SEEN.add(fake);
            SEEN.add(fromConstructor);
            assertThat(fake.requests()).isEmpty();
            Http.get(fake, "/models", false);
        }

        @Test
        void another_test(FakeOpenRouter fake) {
            SEEN.add(fake);
            SEEN.add(fromConstructor);
            assertThat(fake.requests()).isEmpty();
            Http.get(fake, "/models", false);
        }
    }

    static class InstanceFieldFixture {
        @RegisterExtension
        final FakeOpenRouterExtension openRouter = new FakeOpenRouterExtension();

        @BeforeAll
        static void onlyFromTheLauncher() {
            Assumptions.assumeTrue(running);
        }

        @Test
        void one_test_gets_a_fake() {
            SEEN.add(openRouter.fake());
            assertThat(Http.get(openRouter.fake(), "/models", false).statusCode()).isEqualTo(200);
        }

        @Test
        void another_test_gets_its_own_fake(FakeOpenRouter fake) {
            SEEN.add(fake);
            assertThat(fake).isSameAs(openRouter.fake());
        }
    }
}
