package io.panelx.login;

import io.panelx.admin.AdminLogins;
import io.panelx.http.PublicAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.HandshakeRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where an admin is authenticated, for every admin surface: the dashboard's login session (Elytron
 * FORM login, gated by {@link FormLoginGate}), HTTP Basic on {@code /api/v1} and {@code /metrics},
 * and the WebSocket handshake (which rides on the session). Every credential check is throttled per
 * client address, the address the panel believes (X-Forwarded-For only from trusted proxies): a
 * stranger slows down only himself.
 */
@ApplicationScoped
public class AdminLogin {

    public static final String ROLE = "admin";

    public enum Kind {
        /** An admin: by session or by Basic credentials. */
        ADMIN,
        /** No session and no Basic credentials. */
        NONE,
        /** Signed in, but without the admin role. */
        NOT_ADMIN,
        MALFORMED,
        WRONG,
        /** This address failed too often: it must wait {@code waitSeconds} before trying again. */
        THROTTLED
    }

    /** The answer, with the admin's name when admitted. */
    public record Result(Kind kind, String username, long waitSeconds) {}

    @Inject AdminLogins logins;

    /** The login session, or else the request's Basic credentials. */
    public Result authenticate(HttpServletRequest request) {
        if (request.getUserPrincipal() != null) {
            return request.isUserInRole(ROLE)
                    ? new Result(Kind.ADMIN, request.getUserPrincipal().getName(), 0)
                    : new Result(Kind.NOT_ADMIN, null, 0);
        }
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Result(Kind.NONE, null, 0);
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).trim()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Result(Kind.MALFORMED, null, 0);
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            return new Result(Kind.MALFORMED, null, 0);
        }
        String username = decoded.substring(0, colon);
        var verdict =
                logins.verify(
                        username,
                        decoded.substring(colon + 1),
                        PublicAddress.of(request).clientIp());
        return switch (verdict.outcome()) {
            case ADMITTED -> new Result(Kind.ADMIN, username, 0);
            case WRONG_CREDENTIALS -> new Result(Kind.WRONG, null, verdict.waitSeconds());
            case THROTTLED -> new Result(Kind.THROTTLED, null, verdict.waitSeconds());
        };
    }

    /** The WebSocket handshake: only the login session counts (the page opens the socket). */
    public static boolean isAdmin(HandshakeRequest request) {
        return request.getUserPrincipal() != null && request.isUserInRole(ROLE);
    }

    /**
     * Before the form login checks a password: answers a throttled address itself (back to the
     * login page, with the wait) and returns false; true lets the login go ahead.
     */
    boolean formAttempt(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var verdict = logins.mayTry(PublicAddress.of(request).clientIp());
        if (verdict == null) {
            return true;
        }
        response.setHeader("Retry-After", Long.toString(verdict.waitSeconds()));
        response.setHeader("Cache-Control", "no-store");
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location",
                request.getContextPath() + "/login.html?throttled=" + verdict.waitSeconds());
        return false;
    }

    /** After the form login: counts a failure, or forgives the address and upgrades the hash. */
    void formDone(HttpServletRequest request, boolean authenticated) {
        String ip = PublicAddress.of(request).clientIp();
        if (authenticated) {
            logins.succeeded(
                    ip, request.getParameter("j_username"), request.getParameter("j_password"));
        } else {
            logins.failed(ip);
        }
    }
}
