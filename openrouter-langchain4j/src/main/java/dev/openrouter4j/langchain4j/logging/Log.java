package dev.openrouter4j.langchain4j.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The log of every openrouter4j module (models, cost, CDI, cache): SLF4J when the application has an SLF4J provider,
 * else the JDK's {@link System.Logger}. It is public so that the other modules share this one class; applications
 * have no need for it.
 *
 * <p>It exists because Payara, GlassFish and Open Liberty ship no SLF4J provider: there SLF4J drops every line,
 * warnings included, while {@code System.Logger} (java.util.logging by default) reaches every server's log. Call
 * sites keep SLF4J's {@code {}} placeholders and trailing-throwable convention. The choice is made once, the first
 * time a logger is asked for.
 */
public final class Log {

    private static final boolean SLF4J_BOUND = !(LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory);

    private final Logger slf4j;
    private final System.Logger jdk;

    private Log(String name) {
        this.slf4j = SLF4J_BOUND ? LoggerFactory.getLogger(name) : null;
        this.jdk = SLF4J_BOUND ? null : System.getLogger(name);
    }

    /** The log named after {@code owner}'s class name. */
    public static Log of(Class<?> owner) {
        return new Log(owner.getName());
    }

    /** The log with this name. */
    public static Log named(String name) {
        return new Log(name);
    }

    public boolean isInfoEnabled() {
        return slf4j != null ? slf4j.isInfoEnabled() : jdk.isLoggable(System.Logger.Level.INFO);
    }

    public boolean isDebugEnabled() {
        return slf4j != null ? slf4j.isDebugEnabled() : jdk.isLoggable(System.Logger.Level.DEBUG);
    }

    public void debug(String format, Object... args) {
        if (slf4j != null) slf4j.debug(format, args); else jdk(System.Logger.Level.DEBUG, format, args);
    }

    public void info(String format, Object... args) {
        if (slf4j != null) slf4j.info(format, args); else jdk(System.Logger.Level.INFO, format, args);
    }

    public void warn(String format, Object... args) {
        if (slf4j != null) slf4j.warn(format, args); else jdk(System.Logger.Level.WARNING, format, args);
    }

    public void error(String format, Object... args) {
        if (slf4j != null) slf4j.error(format, args); else jdk(System.Logger.Level.ERROR, format, args);
    }

    private void jdk(System.Logger.Level level, String format, Object[] args) {
        if (!jdk.isLoggable(level)) return;
        FormattingTuple t = MessageFormatter.arrayFormat(format, args);
        if (t.getThrowable() != null) {
            jdk.log(level, t.getMessage(), t.getThrowable());
        } else {
            jdk.log(level, t.getMessage());
        }
    }
}
