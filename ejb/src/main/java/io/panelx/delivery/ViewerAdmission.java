package io.panelx.delivery;

import io.panelx.config.Settings;
import io.panelx.line.LineAccount;
import io.panelx.line.Refusal;
import io.panelx.viewer.EndReason;
import io.panelx.viewer.RecordKeeper;
import io.panelx.viewer.Viewer;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Admits a viewer for a line, whatever it watches: enforces the line's max connections race-free
 * (under the line's lock, either its oldest connection is closed or the new one refused, by {@code
 * panelx.max-connections-policy}), creates the ViewerSession and waits (bounded) until its
 * connection record is stored. The lock is held only to change the line's list: the slow parts
 * (ending an evicted session, the record) happen outside it.
 */
@ApplicationScoped
public class ViewerAdmission {

    /** How long a first byte waits for the database to store the connection record. */
    static final long RECORD_WAIT_MILLIS = 2_000;

    @Inject Event<ViewerConnected> connected;
    @Inject Event<ViewerDisconnected> disconnected;
    @Inject OpenViewers open;
    @Inject LineSeats seats;
    @Inject Instance<RecordKeeper> records;

    private ViewerSession.Events events;

    /**
     * The ledger, looked up once: every {@code Instance.get()} of an EJB makes a new dependent
     * reference that lives as long as this bean (one per viewer was a heap leak in the soak).
     */
    private volatile RecordKeeper keeper;

    @PostConstruct
    void init() {
        events = new ViewerSession.Events(connected, disconnected);
    }

    public ViewerSession admit(
            LineAccount line, Watched watched, String clientIp, String userAgent, String format)
            throws Refused {
        var viewer =
                new Viewer(
                        UUID.randomUUID().toString(),
                        line.id(),
                        line.username(),
                        watched.id(),
                        watched.name(),
                        watched.origin(),
                        clientIp,
                        userAgent,
                        format,
                        Instant.now());
        List<ViewerSession> lineSessions = open.ofLine(line.id());
        ViewerSession[] self = new ViewerSession[1];
        ViewerSession session =
                new ViewerSession(viewer, events, () -> open.remove(self[0], lineSessions));
        self[0] = session;
        List<ViewerSession> evicted = new ArrayList<>(1);
        boolean tracking = Settings.trackingEnabled();
        boolean refuse = Settings.maxConnectionsPolicy() == Settings.MaxConnectionsPolicy.REFUSE;
        synchronized (lineSessions) {
            if (seats.shared()) {
                // The cluster's seat list decides; this node ends its own evicted sessions now,
                // the other nodes theirs at their next tick.
                List<String> gone =
                        seats.take(line.id(), viewer.connectionId(), line.maxConnections(), refuse);
                for (ViewerSession s : lineSessions) {
                    if (gone.contains(s.connectionId())) evicted.add(s);
                }
                lineSessions.removeAll(evicted);
            } else {
                while (lineSessions.size() >= line.maxConnections()) {
                    if (refuse) {
                        throw new Refused(Refusal.MAX_CONNECTIONS);
                    }
                    evicted.add(lineSessions.remove(0));
                }
            }
            lineSessions.add(session);
            open.add(session);
            // Announced under the lock: a concurrent admission can only evict it afterwards, so
            // its ViewerConnected always precedes its ViewerDisconnected.
            session.announce(tracking);
        }
        for (ViewerSession old : evicted) {
            old.end(EndReason.KICKED_MAX_CONNECTIONS);
        }
        RecordKeeper k = tracking ? keeper() : null;
        if (k != null) {
            k.awaitRecorded(viewer.connectionId(), RECORD_WAIT_MILLIS);
        }
        return session;
    }

    private RecordKeeper keeper() {
        RecordKeeper k = keeper;
        if (k == null && records.isResolvable()) {
            keeper = k = records.get();
        }
        return k;
    }
}
