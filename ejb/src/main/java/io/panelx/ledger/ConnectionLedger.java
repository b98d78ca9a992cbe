package io.panelx.ledger;

import io.panelx.viewer.EndReason;
import io.panelx.viewer.TrafficSampled;
import io.panelx.viewer.Viewer;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects viewer events into pending changes, one per connection, without touching the database:
 * the observers run on the byte path's threads and must return at once. LedgerWriter drains the
 * changes every second and writes them in one batched transaction.
 */
@ApplicationScoped
public class ConnectionLedger {

    /** What the database has yet to learn about one connection. */
    static final class Pending {
        final Viewer viewer;
        boolean inserted;
        long bytesSent;
        Instant endedAt;
        EndReason endReason;

        Pending(Viewer viewer, boolean inserted) {
            this.viewer = viewer;
            this.inserted = inserted;
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    void connected(@Observes ViewerConnected event) {
        pending.putIfAbsent(event.viewer().connectionId(), new Pending(event.viewer(), false));
    }

    void sampled(@Observes TrafficSampled event) {
        pending.compute(
                event.viewer().connectionId(),
                (id, p) -> {
                    Pending next = p == null ? new Pending(event.viewer(), true) : p;
                    next.bytesSent = Math.max(next.bytesSent, event.bytesSent());
                    return next;
                });
    }

    void disconnected(@Observes ViewerDisconnected event) {
        pending.compute(
                event.viewer().connectionId(),
                (id, p) -> {
                    Pending next = p == null ? new Pending(event.viewer(), true) : p;
                    next.bytesSent = event.bytesSent();
                    next.endedAt = event.at();
                    next.endReason = event.reason();
                    return next;
                });
    }

    /** Takes every pending change, leaving the ledger empty. */
    Map<String, Pending> drain() {
        var taken = new LinkedHashMap<String, Pending>();
        for (String id : pending.keySet()) {
            Pending p = pending.remove(id);
            if (p != null) {
                taken.put(id, p);
            }
        }
        return taken;
    }

    /** Puts back changes a failed write could not store, unless newer ones arrived meanwhile. */
    void restore(Map<String, Pending> failed) {
        failed.forEach(pending::putIfAbsent);
    }
}
