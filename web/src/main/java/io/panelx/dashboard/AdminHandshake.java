package io.panelx.dashboard;

import io.panelx.login.AdminLogin;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;

/**
 * Second line of defence behind the web.xml constraint on /ws/*: the handshake records whether its
 * user is an admin ({@link AdminLogin}: the login session), and {@link LiveEndpoint} closes the
 * session when not.
 *
 * <p>The endpoint config's user properties may be shared by all sessions of the endpoint, so the
 * decision is keyed by the user's name, not stored as a single per-connection flag.
 */
public class AdminHandshake extends ServerEndpointConfig.Configurator {

    private static final String KEY = AdminHandshake.class.getName() + ".admin.";

    @Override
    public void modifyHandshake(
            ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Principal user = request.getUserPrincipal();
        if (user != null) {
            config.getUserProperties().put(KEY + user.getName(), AdminLogin.isAdmin(request));
        }
    }

    static boolean admitted(Session session, EndpointConfig config) {
        Principal user = session.getUserPrincipal();
        return user != null
                && Boolean.TRUE.equals(config.getUserProperties().get(KEY + user.getName()));
    }
}
