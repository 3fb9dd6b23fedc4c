package dev.openrouter4j.cost.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL (the zonky embedded binaries from Maven Central, on a free port) for the tests of this JVM,
 * started on first use and stopped when the JVM ends. Each test takes its own table prefix, so tests never see each
 * other's rows.
 */
public final class Postgres {

    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {
    }

    /** The running server (started on first call). */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return server;
    }

    /** The JDBC URL of the {@code postgres} database. */
    public static String jdbcUrl() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /** A pooled data source on the server (close it after the test). */
    public static HikariDataSource pool(int size) {
        return pool(jdbcUrl(), size);
    }

    /** A pooled data source on a JDBC URL (used by the child processes of the multi-process test too). */
    public static HikariDataSource pool(String jdbcUrl, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("postgres");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    /** A table prefix no other test of this JVM uses. */
    public static String uniquePrefix(String base) {
        return base + "_" + PREFIXES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }
}
