package io.panelx.cluster;

import io.panelx.delivery.LineSeats;
import io.panelx.delivery.Refused;
import io.panelx.line.Refusal;
import io.panelx.viewer.EndReason;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * A line's seats in the replicated {@code seats} cache: key the line id, value its connections
 * oldest first, {@code CONNECTION@NODE} joined by commas. Every change is a compare-and-set
 * (putIfAbsent, replace(key, old, new), remove(key, old)), which Infinispan runs under the key's
 * lock on its primary owner: two nodes admitting the same line at once cannot both win a seat.
 * Requests to end a connection on another node go to the {@code ends} cache (connection id to
 * reason, expiring after a minute); the serving node reads both at its tick.
 */
@ApplicationScoped
public class ClusterSeats implements LineSeats {

    private static final Logger LOG = Logger.getLogger(ClusterSeats.class.getName());
    private static final int ATTEMPTS = 200;

    @Inject ClusterNode node;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-sources")
    ManagedExecutorService background;

    // Read once: the tick asks for every session every second, and each ask of the node bean is
    // an EJB invocation.
    private volatile Boolean shared;
    private volatile Cache<String, String> seatsCache, endsCache;

    @Override
    public boolean shared() {
        Boolean s = shared;
        if (s == null) {
            shared = s = node.clustered();
        }
        return s;
    }

    private Cache<String, String> seats() {
        Cache<String, String> c = seatsCache;
        if (c == null) {
            seatsCache = c = node.seats();
        }
        return c;
    }

    private Cache<String, String> ends() {
        Cache<String, String> c = endsCache;
        if (c == null) {
            endsCache = c = node.ends();
        }
        return c;
    }

    @Override
    public List<String> take(long lineId, String connectionId, int max, boolean refuseWhenFull)
            throws Refused {
        Cache<String, String> seats = seats();
        String key = Long.toString(lineId);
        String mine = connectionId + "@" + node.name();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                String old = seats.get(key);
                List<String> list = parse(old);
                List<String> gone = new ArrayList<>(1);
                while (!list.isEmpty() && list.size() >= max) {
                    if (refuseWhenFull) {
                        throw new Refused(Refusal.MAX_CONNECTIONS);
                    }
                    gone.add(connection(list.remove(0)));
                }
                list.add(mine);
                String next = String.join(",", list);
                boolean won =
                        old == null
                                ? seats.putIfAbsent(key, next) == null
                                : seats.replace(key, old, next);
                if (won) {
                    return gone;
                }
            }
            LOG.warning(
                    () -> "Seat of line " + lineId + " not taken: " + ATTEMPTS + " attempts lost");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Seat of line " + lineId + " not taken: cluster unavailable", e);
        }
        throw new Refused(Refusal.UNAVAILABLE);
    }

    @Override
    public void release(long lineId, String connectionId) {
        // Called where a session ends, possibly on an I/O thread: the network round trip is not.
        try {
            background.execute(() -> remove(seats(), Long.toString(lineId), connectionId));
        } catch (RejectedExecutionException e) {
            remove(seats(), Long.toString(lineId), connectionId);
        }
    }

    @Override
    public boolean holds(long lineId, String connectionId) {
        String value = seats().get(Long.toString(lineId));
        return value != null && value.contains(connectionId + "@");
    }

    @Override
    public List<String> seatsOf(long lineId) {
        List<String> ids = new ArrayList<>();
        for (String seat : parse(seats().get(Long.toString(lineId)))) {
            ids.add(connection(seat));
        }
        return ids;
    }

    @Override
    public boolean requestEnd(String connectionId, EndReason reason) {
        String needle = connectionId + "@";
        for (String value : seats().values()) {
            if (value.contains(needle)) {
                ends().put(connectionId, reason.name(), 1, TimeUnit.MINUTES);
                return true;
            }
        }
        return false;
    }

    @Override
    public EndReason endRequested(String connectionId) {
        String reason = ends().get(connectionId);
        if (reason == null) {
            return null;
        }
        ends().remove(connectionId);
        try {
            return EndReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            return EndReason.KILLED_BY_ADMIN;
        }
    }

    /** Removes one connection's seat, compare-and-set. */
    private static void remove(Cache<String, String> seats, String key, String connectionId) {
        String needle = connectionId + "@";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String old = seats.get(key);
            if (old == null || !old.contains(needle)) {
                return;
            }
            List<String> list = parse(old);
            list.removeIf(seat -> seat.startsWith(needle));
            boolean done =
                    list.isEmpty()
                            ? seats.remove(key, old)
                            : seats.replace(key, old, String.join(",", list));
            if (done) {
                return;
            }
        }
    }

    /** Frees every seat a node held (it left the cluster, or restarted). */
    static void freeSeatsOf(Cache<String, String> seats, String nodeName) {
        String suffix = "@" + nodeName;
        for (Map.Entry<String, String> e : List.copyOf(seats.entrySet())) {
            for (String seat : parse(e.getValue())) {
                if (seat.endsWith(suffix)) {
                    remove(seats, e.getKey(), connection(seat));
                }
            }
        }
    }

    private static List<String> parse(String value) {
        List<String> list = new ArrayList<>();
        if (value != null && !value.isEmpty()) {
            for (String seat : value.split(",")) {
                list.add(seat);
            }
        }
        return list;
    }

    private static String connection(String seat) {
        int at = seat.indexOf('@');
        return at < 0 ? seat : seat.substring(0, at);
    }
}
