package io.panelx.login;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random token bound to the admin's HTTP session. Another site can make the browser send the
 * session cookie, but it cannot read this token, so it cannot send the header that carries it.
 */
public final class CsrfToken {

    /** The request header the admin pages send the token in. */
    public static final String HEADER = "X-PanelX-CSRF";

    private static final String ATTRIBUTE = CsrfToken.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {}

    /** The session's token, created on first use. */
    public static String of(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(ATTRIBUTE);
            if (token instanceof String s) {
                return s;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(ATTRIBUTE, fresh);
            return fresh;
        }
    }

    /** Whether the header carries this session's token (compared in constant time). */
    public static boolean matches(HttpSession session, String header) {
        if (session == null || header == null) {
            return false;
        }
        Object token = session.getAttribute(ATTRIBUTE);
        return token instanceof String s
                && MessageDigest.isEqual(
                        s.getBytes(StandardCharsets.UTF_8),
                        header.getBytes(StandardCharsets.UTF_8));
    }
}
