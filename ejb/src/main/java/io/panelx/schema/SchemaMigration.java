package io.panelx.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema to the version this build expects, before anything else touches it.
 * Versioned Flyway migrations (db/migration) keep an operator's data across upgrades.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/PanelXDS")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        var result =
                Flyway.configure(getClass().getClassLoader())
                        .dataSource(dataSource)
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
        // Flyway reports no target version when there was nothing to apply.
        String version =
                result.targetSchemaVersion != null
                        ? result.targetSchemaVersion
                        : result.initialSchemaVersion;
        LOG.info(
                () ->
                        "Database schema at version "
                                + version
                                + " ("
                                + result.migrationsExecuted
                                + " migrations applied now)");
    }
}
