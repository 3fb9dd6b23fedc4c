package dev.openrouter4j.reliability;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On every test class of the suite: captures {@code System.err} (where the library logs) before the class, and fails
 * the class if any log line, exception or {@code toString()} it produced held the canary key.
 */
final class SecretScan implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        LogCapture.install();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LogCapture log = LogCapture.install();
        assertThat(log.linesWithKey()).as("log lines holding the canary key").isZero();
        assertThat(Canary.leaks()).as("texts holding the canary key").isEmpty();
    }
}
