package io.panelx.xtream;

import io.panelx.http.PublicAddress;
import io.panelx.line.Admission;
import io.panelx.line.LineDirectory;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The credentials of a player request ({@code username}, {@code password} as query or form
 * parameters) checked by the line directory. A request without them is not sent to the directory:
 * it cannot succeed and should not count as a failed login against the address.
 */
record PlayerLogin(String username, String password, PublicAddress address, Admission admission) {

    static PlayerLogin of(HttpServletRequest request, LineDirectory lines) {
        PublicAddress address = PublicAddress.of(request);
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            return new PlayerLogin(username, password, address, null);
        }
        Admission admission =
                lines.authenticate(
                        username, password, address.clientIp(), request.getHeader("User-Agent"));
        return new PlayerLogin(username, password, address, admission);
    }

    /** Never shows the password, should a login end up in a log message. */
    @Override
    public String toString() {
        return "PlayerLogin[" + username + " from " + address.clientIp() + "]";
    }

    boolean credentialsMissing() {
        return admission == null;
    }
}
