package io.panelx.dashboard;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One dashboard's live feed. A plain per-connection object: it only hands its session to the {@link
 * LiveBroadcaster}, which does all the pushing. Clients send nothing.
 */
@ServerEndpoint(value = "/ws/live", configurator = AdminHandshake.class)
public class LiveEndpoint {

    private static final Logger LOG = Logger.getLogger(LiveEndpoint.class.getName());

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        if (!AdminHandshake.admitted(session, config)) {
            LOG.log(
                    Level.WARNING,
                    "Live feed refused to {0}: not an admin",
                    session.getUserPrincipal());
            session.close(
                    new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "admin role required"));
            return;
        }
        broadcaster().join(session);
    }

    @OnClose
    public void close(Session session) {
        broadcaster().leave(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "Live feed session failed", failure);
        broadcaster().leave(session);
    }

    /**
     * Looked up rather than injected: with a custom Configurator the container may create the
     * endpoint without its injecting factory.
     */
    private static LiveBroadcaster broadcaster() {
        return CDI.current().select(LiveBroadcaster.class).get();
    }
}
