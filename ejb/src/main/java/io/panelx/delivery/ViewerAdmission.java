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
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Admits a viewer for a line, whatever it watches: enforces the line's max connections race-free
 * (under the line's lock, either its oldest connection is closed or the new one refused, by {@code
 * panelx.max-connections-policy}) and creates the ViewerSession. Nothing waits: the lock is held
 * only to change the line's list; ViewerConnected (which queues the record's insert), ending an
 * evicted session and the record's storing happen outside it, and the session's first byte waits
 * for the record keeper's callback (bounded), not the request's thread.
 */
@ApplicationScoped
public class ViewerAdmission {

    @Inject Event<ViewerConnected> connected;
    @Inject Event<ViewerDisconnected> disconnected;
    @Inject OpenViewers open;
    @Inject LineSeats seats;
    @Inject RecordKeeper records;

    /**
     * One DRBG per thread for connection ids: UUID.randomUUID draws from the JVM's one NativePRNG
     * behind a global lock, and a connect storm queued on it (tens of ms per admission).
     */
    private static final ThreadLocal<SecureRandom> IDS =
            ThreadLocal.withInitial(ViewerAdmission::drbg);

    private ViewerSession.Events events;

    @PostConstruct
    void init() {
        events = new ViewerSession.Events(connected, disconnected);
    }

    public ViewerSession admit(
            LineAccount line, Watched watched, String clientIp, String userAgent, String format)
            throws Refused {
        var viewer =
                new Viewer(
                        newConnectionId(),
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
        boolean tracking = Settings.trackingEnabled();
        ViewerSession[] self = new ViewerSession[1];
        ViewerSession session =
                new ViewerSession(
                        viewer, events, tracking, () -> open.remove(self[0], lineSessions));
        self[0] = session;
        List<ViewerSession> evicted = new ArrayList<>(1);
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
        }
        // Outside the lock: a concurrent admission that evicts it first makes its end announce
        // it (the session orders its two events), so every admitted viewer has its record.
        session.announce();
        for (ViewerSession old : evicted) {
            old.end(EndReason.KICKED_MAX_CONNECTIONS);
        }
        if (tracking) {
            records.recorded(viewer.connectionId())
                    .whenComplete((stored, failure) -> session.recordStored());
        } else {
            session.recordStored();
        }
        return session;
    }

    /**
     * A time-ordered (version 7, RFC 9562) UUID: 48 bits of the Unix time in milliseconds, then 74
     * random bits, so it stays unguessable. The ledger's primary key and open-records index are
     * B-trees over this id: a storm's inserts land at their right edge instead of on a random page
     * each (a random id rewrote most of the index's pages at every commit; H2, 2,000 inserts in
     * batches of 100 over a 300,000-row history: 65-75 ms random, 27-30 ms time-ordered, and a
     * sixth of the file growth). PostgreSQL's and InnoDB's B-trees gain the same way.
     */
    static String newConnectionId() {
        byte[] b = new byte[16];
        IDS.get().nextBytes(b);
        long millis = System.currentTimeMillis();
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (millis >>> (40 - 8 * i));
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x70); // version 7
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(b);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
