package io.panelx.admin;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Logger;

/** The admin_user rows as the login check needs them. */
@Stateless
public class AdminAccounts {

    private static final Logger LOG = Logger.getLogger(AdminAccounts.class.getName());

    @PersistenceContext EntityManager em;

    /** The stored hash of an enabled admin, or null when there is none by that name. */
    public PasswordHash enabledHash(String username) {
        AdminUser admin = find(username);
        return admin == null || !admin.enabled ? null : admin.password();
    }

    /**
     * Rehashes the password of an admin whose hash has fewer rounds than {@link
     * PasswordHash#ADMIN_ITERATIONS}; the caller has just verified that the password is right.
     */
    public void upgradeHash(String username, String password) {
        AdminUser admin = find(username);
        if (admin == null || admin.passwordIterations >= PasswordHash.ADMIN_ITERATIONS) {
            return;
        }
        if (!admin.password().matches(password)) {
            return; // only ever rehash the password that is stored
        }
        int old = admin.passwordIterations;
        admin.setPassword(PasswordHash.create(password, PasswordHash.ADMIN_ITERATIONS));
        LOG.info(
                () ->
                        "Admin '"
                                + username
                                + "': password hash upgraded from "
                                + old
                                + " to "
                                + PasswordHash.ADMIN_ITERATIONS
                                + " PBKDF2 rounds");
    }

    private AdminUser find(String username) {
        // No account has control characters in its name, and PostgreSQL refuses a NUL in a
        // query parameter with an error: a hostile name is simply unknown.
        if (username == null || username.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return em.createQuery("select a from AdminUser a where a.username = :u", AdminUser.class)
                .setParameter("u", username)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }
}
