package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.logging.Log;
import dev.openrouter4j.cost.CostLedger;
import dev.openrouter4j.cost.store.JdbcLedgerStore;
import dev.openrouter4j.cost.store.JsonLinesLedgerStore;
import jakarta.enterprise.inject.Instance;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;
import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creates the library's {@link CostLedger} from {@code openrouter.cost.ledger}. */
public final class LedgerFactory {

    private static final Log LOG = Log.of(LedgerFactory.class);
    private static final String PROPERTY = PropertyReader.describe(SettingsParser.PREFIX + "cost.ledger");

    private LedgerFactory() {
    }

    /**
     * The ledger: in memory; over a JSON-lines file (its folder is created when missing); or over a table reached
     * through the {@code DataSource} bound at a JNDI name, or, where there is no naming service (Java SE) or no name
     * was given, through the application's {@code DataSource} bean.
     *
     * @throws IllegalStateException when the store cannot be opened; the message names the property, not its value
     */
    public static CostLedger create(CostSettings cost, Instance<Object> beans) {
        return switch (cost.ledger()) {
            case MEMORY -> new CostLedger();
            case FILE -> new CostLedger(JsonLinesLedgerStore.open(file(cost.ledgerTarget())));
            case JDBC -> new CostLedger(JdbcLedgerStore.create(dataSource(cost.ledgerTarget(), beans)));
        };
    }

    private static Path file(String target) {
        Path path = Path.of(target);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the folder of the ledger file named by " + PROPERTY, e);
            }
        }
        return path;
    }

    private static DataSource dataSource(String jndiName, Instance<Object> beans) {
        if (jndiName != null) {
            try {
                Object bound = new InitialContext().lookup(jndiName);
                if (bound instanceof DataSource ds) {
                    LOG.info("OpenRouter cost ledger: a database table through the DataSource named by {}", PROPERTY);
                    return ds;
                }
                throw new IllegalStateException("the JNDI name given by " + PROPERTY + " is bound to a "
                        + (bound == null ? "null" : bound.getClass().getName()) + ", not a javax.sql.DataSource");
            } catch (NoInitialContextException e) {
                // Java SE: no naming service; use the application's DataSource bean below
                LOG.debug("No JNDI naming service; looking for a DataSource bean for the cost ledger");
            } catch (NamingException e) {
                throw new IllegalStateException("no DataSource is bound at the JNDI name given by " + PROPERTY
                        + " (" + e.getClass().getSimpleName() + "); check the server's data source configuration", e);
            }
        }
        Instance<DataSource> bean = beans.select(DataSource.class);
        if (bean.isResolvable()) {
            LOG.info("OpenRouter cost ledger: a database table through the application's DataSource bean");
            return bean.get();
        }
        throw new IllegalStateException(PROPERTY + " asks for a database ledger, but "
                + (jndiName == null ? "" : "there is no JNDI naming service and ")
                + (bean.isAmbiguous() ? "several DataSource beans match (make one @Default)"
                : "there is no DataSource bean") + "; produce one, or use file:<path> or memory");
    }
}
