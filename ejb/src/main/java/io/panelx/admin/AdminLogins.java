package io.panelx.admin;

import io.panelx.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Checks admin credentials, throttled per client address (growing delays, see {@link
 * AdminLoginThrottle}), and brings an old password hash up to {@link PasswordHash#ADMIN_ITERATIONS}
 * at the admin's next successful login.
 *
 * <p>HTTP Basic (scripts, Prometheus) is checked here: a script sends its password with every call,
 * and deriving 600,000 PBKDF2 rounds each time would cost a third of a core-second per call, so a
 * verified password is remembered as a SHA-256 (in memory only) like {@code LineDirectory} does for
 * lines. The dashboard's form login is checked by Elytron over the same table; the web tier asks
 * this bean whether the address may try, and reports the outcome.
 */
@ApplicationScoped
public class AdminLogins {

    private static final Logger LOG = Logger.getLogger(AdminLogins.class.getName());

    /** What a login attempt came to. {@code waitSeconds} is set when it was throttled. */
    public record Verdict(Outcome outcome, long waitSeconds) {
        public boolean admitted() {
            return outcome == Outcome.ADMITTED;
        }
    }

    public enum Outcome {
        ADMITTED,
        WRONG_CREDENTIALS,
        THROTTLED
    }

    private static final int MAX_CACHED = 1_000;

    @Inject AdminAccounts accounts;

    @Inject @io.panelx.config.LoginFailures
    java.util.concurrent.ConcurrentMap<String, String> loginFailures;

    private AdminLoginThrottle throttle;
    private final ConcurrentHashMap<String, String> verified = new ConcurrentHashMap<>();

    /** A hash to check unknown usernames against, so that they take as long as known ones. */
    private volatile PasswordHash decoy;

    @PostConstruct
    void init() {
        throttle =
                new AdminLoginThrottle(
                        loginFailures,
                        Settings.adminLoginFreeFailures(),
                        Settings.adminLoginMaxDelay().toMillis());
    }

    /** Checks a username and password sent from {@code clientIp}. */
    public Verdict verify(String username, String password, String clientIp) {
        long now = System.currentTimeMillis();
        long wait = throttle.waitMillis(clientIp, now);
        if (wait > 0) {
            return throttled(wait);
        }
        if (matches(username, password)) {
            throttle.succeeded(clientIp);
            return new Verdict(Outcome.ADMITTED, 0);
        }
        return failed(clientIp);
    }

    /**
     * Before a login checked elsewhere (the form login): may {@code clientIp} try now? Returns a
     * throttled verdict, or null to go ahead.
     */
    public Verdict mayTry(String clientIp) {
        long wait = throttle.waitMillis(clientIp, System.currentTimeMillis());
        return wait > 0 ? throttled(wait) : null;
    }

    /** A login checked elsewhere failed. */
    public Verdict failed(String clientIp) {
        long wait = throttle.failed(clientIp, System.currentTimeMillis());
        if (wait > 0) {
            LOG.fine(() -> "Admin logins from " + clientIp + " wait " + wait + " ms");
        }
        return new Verdict(Outcome.WRONG_CREDENTIALS, seconds(wait));
    }

    /** A login checked elsewhere succeeded: forgive the address, upgrade the stored hash. */
    public void succeeded(String clientIp, String username, String password) {
        throttle.succeeded(clientIp);
        if (username != null && password != null) {
            accounts.upgradeHash(username, password);
        }
    }

    private boolean matches(String username, String password) {
        if (username == null || password == null || username.length() > 128) {
            return false;
        }
        String digest = sha256(username + '\0' + password);
        if (digest.equals(verified.get(username))) {
            return true;
        }
        PasswordHash stored = accounts.enabledHash(username);
        if (stored == null) {
            PasswordHash d = decoy;
            if (d == null) {
                d =
                        PasswordHash.create(
                                PasswordHash.randomPassword(), PasswordHash.ADMIN_ITERATIONS);
                decoy = d;
            }
            d.matches(password);
            return false;
        }
        if (!stored.matches(password)) {
            return false;
        }
        accounts.upgradeHash(username, password);
        if (verified.size() >= MAX_CACHED) {
            verified.clear();
        }
        verified.put(username, digest);
        return true;
    }

    /** An admin was changed or disabled: its remembered password no longer counts. */
    public void forget(String username) {
        verified.remove(username);
    }

    private static Verdict throttled(long waitMillis) {
        return new Verdict(Outcome.THROTTLED, seconds(waitMillis));
    }

    private static long seconds(long millis) {
        return (millis + 999) / 1000;
    }

    private static String sha256(String s) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
