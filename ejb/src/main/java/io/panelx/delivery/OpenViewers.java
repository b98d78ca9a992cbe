package io.panelx.delivery;

import io.panelx.viewer.EndReason;
import io.panelx.viewer.LiveConnection;
import io.panelx.viewer.OpenConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every open viewer session of this server, by connection id and by line: what admin kills, the
 * delivery tick and the live figures (as {@link OpenConnections}) read. Sessions enter through
 * ViewerAdmission and leave when they end.
 */
@ApplicationScoped
public class OpenViewers implements OpenConnections {

    @Inject LineSeats seats;

    private final ConcurrentHashMap<String, ViewerSession> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, List<ViewerSession>> byLine = new ConcurrentHashMap<>();

    /** The line's sessions, oldest first; callers hold its monitor while they read or change it. */
    List<ViewerSession> ofLine(long lineId) {
        return byLine.computeIfAbsent(lineId, k -> new ArrayList<>());
    }

    void add(ViewerSession session) {
        byId.put(session.connectionId(), session);
    }

    void remove(ViewerSession session, List<ViewerSession> lineSessions) {
        synchronized (lineSessions) {
            lineSessions.remove(session);
        }
        byId.remove(session.connectionId());
        if (seats.shared()) {
            seats.release(session.viewer().lineId(), session.connectionId());
        }
    }

    /** The tracked connections (with tracking off, sessions are served but not reported). */
    @Override
    public void forEach(Consumer<LiveConnection> action) {
        for (ViewerSession s : byId.values()) {
            if (s.isAnnounced()) {
                action.accept(s);
            }
        }
    }

    Iterable<ViewerSession> sessions() {
        return byId.values();
    }

    /** Streams the line holds open right now, on every node (Xtream active_cons). */
    public int activeConnections(long lineId) {
        if (seats.shared()) {
            return seats.seatsOf(lineId).size();
        }
        List<ViewerSession> list = byLine.get(lineId);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            return list.size();
        }
    }

    /**
     * Ends one connection with KILLED_BY_ADMIN, on whichever node serves it; false when it is not
     * (or no longer) open.
     */
    public boolean kill(String connectionId) {
        if (connectionId == null) {
            return false;
        }
        ViewerSession s = byId.get(connectionId);
        if (s != null) {
            return s.end(EndReason.KILLED_BY_ADMIN);
        }
        return seats.shared() && seats.requestEnd(connectionId, EndReason.KILLED_BY_ADMIN);
    }

    /** Ends every connection of a line with KILLED_BY_ADMIN; returns how many. */
    public int killLine(long lineId) {
        List<ViewerSession> list = byLine.get(lineId);
        List<ViewerSession> copy = List.of();
        if (list != null) {
            synchronized (list) {
                copy = List.copyOf(list);
            }
        }
        int n = 0;
        for (ViewerSession s : copy) {
            if (s.end(EndReason.KILLED_BY_ADMIN)) n++;
        }
        if (seats.shared()) {
            for (String id : seats.seatsOf(lineId)) {
                if (!byId.containsKey(id) && seats.requestEnd(id, EndReason.KILLED_BY_ADMIN)) n++;
            }
        }
        return n;
    }

    /** Ends the viewers of a live channel (stopped, changed, upstream gone). */
    void endViewersOf(long channelId, EndReason reason) {
        for (ViewerSession s : byId.values()) {
            if (s.viewer().channelId() == channelId && isLive(s)) {
                s.end(reason);
            }
        }
    }

    /** Ends every session now, on this thread (shutdown: before the ledger stops). */
    void endAll(EndReason reason) {
        for (ViewerSession s : List.copyOf(byId.values())) {
            s.endNow(reason);
        }
    }

    private static boolean isLive(ViewerSession s) {
        String format = s.viewer().format();
        return "ts".equals(format) || "m3u8".equals(format);
    }
}
