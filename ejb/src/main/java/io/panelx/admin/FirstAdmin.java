package io.panelx.admin;

import io.panelx.schema.FirstStart;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;

/**
 * Creates the first administrator when there is none. Its credentials come from PANELX_ADMIN_USER /
 * PANELX_ADMIN_PASSWORD; without a password one is generated and printed once, so that no install
 * ever runs with a fixed default password.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @PersistenceContext EntityManager em;

    @PostConstruct
    void ensureAdmin() {
        FirstStart.lock(em);
        long admins =
                em.createQuery("select count(a) from AdminUser a", Long.class).getSingleResult();
        if (admins > 0) {
            return;
        }
        String username = envOr("PANELX_ADMIN_USER", "admin");
        String password = System.getenv("PANELX_ADMIN_PASSWORD");
        boolean generated = password == null || password.isBlank();
        if (generated) {
            password = PasswordHash.randomPassword();
        }
        em.persist(
                new AdminUser(
                        username, PasswordHash.create(password, PasswordHash.ADMIN_ITERATIONS)));
        if (generated) {
            // Shown exactly once, at the first start; only its hash is stored.
            LOG.warning(
                    "\n\n    PanelX first start: admin user '"
                            + username
                            + "' created with the generated password: "
                            + password
                            + "\n    (shown once; set PANELX_ADMIN_PASSWORD before the first start"
                            + " to choose it)\n");
        } else {
            LOG.info(() -> "PanelX first start: admin user '" + username + "' created");
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
