package io.panelx.line;

import io.panelx.channel.ChannelChanged;
import io.panelx.config.LoginFailures;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates players and applies a line's rules (status, allowed IPs and user agents). Lines are
 * cached by username and dropped on {@link LineChanged}, so that a zapping player costs no database
 * call; a verified password is remembered as a SHA-256, not re-derived every request.
 */
@ApplicationScoped
public class LineDirectory {

    private static final int MAX_CACHED = 50_000;

    @Inject Lines lines;
    @Inject Event<ConnectionRefused> refused;

    private final ConcurrentHashMap<String, Optional<LineAccount>> byUsername =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> verified = new ConcurrentHashMap<>();
    @Inject @LoginFailures java.util.concurrent.ConcurrentMap<String, String> loginFailures;
    private LoginThrottle throttle;

    @PostConstruct
    void init() {
        throttle = new LoginThrottle(loginFailures);
    }

    /** Checks credentials, status, address and player; fires ConnectionRefused when refusing. */
    public Admission authenticate(
            String username, String password, String clientIp, String userAgent) {
        long now = System.currentTimeMillis();
        if (throttle.blocked(clientIp, now)) {
            return refuse(null, Refusal.THROTTLED, username, clientIp);
        }
        LineAccount line = find(username);
        if (line == null || password == null || !passwordMatches(line, password)) {
            throttle.failed(clientIp, now);
            return refuse(null, Refusal.BAD_CREDENTIALS, username, clientIp);
        }
        throttle.succeeded(clientIp);
        Refusal refusal =
                switch (line.status(Instant.ofEpochMilli(now))) {
                    case BANNED -> Refusal.BANNED;
                    case DISABLED -> Refusal.DISABLED;
                    case EXPIRED -> Refusal.EXPIRED;
                    case ACTIVE -> null;
                };
        if (refusal == null && !line.allowsAddress(clientIp)) {
            refusal = Refusal.IP_NOT_ALLOWED;
        }
        if (refusal == null && !line.allowsUserAgent(userAgent)) {
            refusal = Refusal.USER_AGENT_NOT_ALLOWED;
        }
        return refusal == null
                ? Admission.admitted(line)
                : refuse(line, refusal, username, clientIp);
    }

    /** Records a refusal decided elsewhere (unknown channel, bouquet, max connections). */
    public void refused(Refusal reason, String username, String clientIp) {
        refused.fire(new ConnectionRefused(reason, username, clientIp, Instant.now()));
    }

    private Admission refuse(LineAccount line, Refusal reason, String username, String ip) {
        refused(reason, username, ip);
        return Admission.refused(line, reason);
    }

    /** The cached line, or null when there is no such username. */
    public LineAccount find(String username) {
        if (username == null || username.isEmpty() || username.length() > 64) {
            return null;
        }
        Optional<LineAccount> cached = byUsername.get(username);
        if (cached != null) {
            return cached.orElse(null); // no bin lock: a connect storm of one line shares its entry
        }
        if (byUsername.size() > MAX_CACHED) {
            byUsername.clear(); // unknown usernames are cached too: bound what a scan can fill
        }
        return byUsername
                .computeIfAbsent(
                        username,
                        u -> Optional.ofNullable(lines.findByUsername(u)).map(LineAccount::of))
                .orElse(null);
    }

    private boolean passwordMatches(LineAccount line, String password) {
        String digest = sha256(line.username() + '\0' + password);
        if (digest.equals(verified.get(line.username()))) {
            return true;
        }
        if (line.password().matches(password)) {
            verified.put(line.username(), digest);
            return true;
        }
        return false;
    }

    void lineChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) LineChanged event) {
        byUsername.remove(event.username());
        verified.remove(event.username());
    }

    /**
     * A deleted channel leaves the bouquets that held it (the database cascades): cached lines
     * holding it are dropped. Observed here so that channels need not know lines.
     */
    void channelDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged event) {
        if (event.deleted()) {
            byUsername
                    .values()
                    .removeIf(l -> l.isPresent() && l.get().bouquet().contains(event.channelId()));
        }
    }

    private static String sha256(String s) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
