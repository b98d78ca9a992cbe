package io.panelx.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An administrator of the panel. Elytron reads this table directly to authenticate logins. */
@Entity
@Table(name = "admin_user")
public class AdminUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false, unique = true)
    String username;

    @Column(name = "password_hash", nullable = false)
    String passwordHash;

    @Column(name = "password_salt", nullable = false)
    String passwordSalt;

    @Column(name = "password_iterations", nullable = false)
    int passwordIterations;

    boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    Instant createdAt = Instant.now();

    protected AdminUser() {}

    public AdminUser(String username, PasswordHash password) {
        this.username = username;
        this.passwordHash = password.hash();
        this.passwordSalt = password.salt();
        this.passwordIterations = password.iterations();
    }

    public String getUsername() {
        return username;
    }

    PasswordHash password() {
        return new PasswordHash(passwordHash, passwordSalt, passwordIterations);
    }

    void setPassword(PasswordHash password) {
        this.passwordHash = password.hash();
        this.passwordSalt = password.salt();
        this.passwordIterations = password.iterations();
    }
}
