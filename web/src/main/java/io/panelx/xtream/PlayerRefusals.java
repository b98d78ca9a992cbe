package io.panelx.xtream;

import io.panelx.line.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Plain-text refusals for the file endpoints (get.php, xmltv.php): a player or a browser shows the
 * reason, and the status says whether retrying with other credentials could help.
 */
final class PlayerRefusals {

    private PlayerRefusals() {}

    /** Answers the refusal and returns true, or returns false when the login was admitted. */
    static boolean refused(PlayerLogin login, HttpServletResponse response) throws IOException {
        if (login.credentialsMissing()) {
            plain(response, 400, "username and password are required");
            return true;
        }
        Refusal refusal = login.admission().refusal();
        if (refusal == null) {
            return false;
        }
        if (refusal == Refusal.THROTTLED) {
            response.setHeader("Retry-After", "60");
        }
        plain(response, refusal.status(), refusal.message());
        return true;
    }

    static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(message + "\n");
    }
}
