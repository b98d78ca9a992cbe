package io.panelx.delivery;

import io.panelx.config.Settings;
import io.panelx.line.LineAccount;
import io.panelx.viewer.EndReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Players that come back request after request: an HLS player reloading its playlist, a movie
 * player seeking with Range requests. Each is ONE connection, keyed by line, address, player,
 * format and what it watches; a new key is admitted like any viewer. A session ends (CLIENT_CLOSED)
 * after {@code panelx.hls-session-seconds} without a request and without a response in flight.
 */
@ApplicationScoped
public class PlayerSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject ViewerAdmission admission;

    private final ConcurrentHashMap<String, PlayerSession> byToken = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PlayerSession> byKey = new ConcurrentHashMap<>();

    public PlayerSession open(
            LineAccount line, Watched watched, String clientIp, String userAgent, String format)
            throws Refused {
        String key =
                line.id() + "|" + clientIp + "|" + userAgent + "|" + format + "|" + watched.id();
        PlayerSession existing = byKey.get(key);
        if (existing != null && !existing.session().isEnded()) {
            existing.session().touched();
            return existing;
        }
        ViewerSession session = admission.admit(line, watched, clientIp, userAgent, format);
        byte[] token = new byte[18];
        RANDOM.nextBytes(token);
        var player =
                new PlayerSession(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(token),
                        key,
                        session);
        byToken.put(player.token(), player);
        byKey.put(key, player);
        return player;
    }

    /** The open session a token names, or null. */
    public PlayerSession byToken(String token) {
        PlayerSession p = token == null ? null : byToken.get(token);
        return p == null || p.session().isEnded() ? null : p;
    }

    /** Ends quiet sessions and forgets ended ones; called by the delivery tick. */
    void expire(long now) {
        long quiet = Settings.hlsSessionTimeout().toNanos();
        for (PlayerSession p : byToken.values()) {
            ViewerSession s = p.session();
            if (!s.isEnded() && s.quietNanos(now) > quiet) {
                s.end(EndReason.CLIENT_CLOSED); // the player stopped asking
            }
            if (s.isEnded()) {
                byToken.remove(p.token(), p);
                byKey.remove(p.key(), p);
            }
        }
    }
}
