package dev.openrouter4j.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link FakeOpenRouter} per test class, so tests need no set-up or tear-down
 * code of their own: it starts before the class's first test, {@link FakeOpenRouter#reset() resets} (script,
 * recorded requests, generations) before each test, and closes after the class.
 *
 * <p>Either register it on a static field and use {@link #fake()} / {@link #baseUrl()}:
 * <pre>{@code
 * @RegisterExtension
 * static final FakeOpenRouterExtension OPENROUTER = new FakeOpenRouterExtension();
 *
 * @Test
 * void retries_on_429() {
 *     OPENROUTER.fake().enqueue(FakeResponse.rateLimited(1));
 *     var client = MyClient.create(OPENROUTER.baseUrl(), "sk-or-v1-test");
 *     ...
 * }
 * }</pre>
 * or declare it with {@code @ExtendWith(FakeOpenRouterExtension.class)} and take a {@link FakeOpenRouter}
 * parameter in a constructor, a lifecycle method or a test method. Nested test classes share the outer class's
 * fake. Registered on an instance field, the fake lives for one test.
 */
public final class FakeOpenRouterExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeOpenRouterExtension.class);

    private FakeOpenRouter fake;
    private String ownerContextId;

    /** Creates the extension; the fake starts when the test class starts, or on first {@link #fake()}. */
    public FakeOpenRouterExtension() {
    }

    /** The running fake (started now if the extension has not started it yet). */
    public synchronized FakeOpenRouter fake() {
        if (fake == null) {
            fake = FakeOpenRouter.start();
        }
        return fake;
    }

    /** Shortcut for {@code fake().baseUrl()}: {@code http://127.0.0.1:<port>/api/v1}. */
    public String baseUrl() {
        return fake().baseUrl();
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (ownerContextId == null) {
            ownerContextId = context.getUniqueId();
            fake();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(ownerContextId)) {
            stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        boolean lifetimeIsThisTest;
        synchronized (this) {
            lifetimeIsThisTest = ownerContextId == null; // registered on an instance field: no beforeAll
            if (lifetimeIsThisTest) {
                ownerContextId = context.getUniqueId();
            }
        }
        FakeOpenRouter f = fake();
        f.reset();
        if (lifetimeIsThisTest) {
            context.getStore(NAMESPACE).put("fake", new Stopper(this));
        }
    }

    private synchronized void stop() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
        ownerContextId = null;
    }

    /** Closes a per-test fake when JUnit closes the test's store. */
    @SuppressWarnings("deprecation")
    private record Stopper(FakeOpenRouterExtension extension)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            extension.stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FakeOpenRouter.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return fake();
    }
}
