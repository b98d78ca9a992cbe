package io.panelx.cluster;

import io.panelx.config.Ticks;
import io.panelx.stats.LiveStats;
import io.panelx.stats.PeerSnapshots;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster's live view: every node writes its own snapshot (JSON) into the replicated {@code
 * live} cache twice a second, and reads the others' from its local copy, so that a dashboard on any
 * node shows every node's viewers within a second or so. A peer's text is parsed once per change.
 */
@Singleton
@Startup
@DependsOn({"ClusterNode", "Ticks"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterFigures implements PeerSnapshots {

    private static final Logger LOG = Logger.getLogger(ClusterFigures.class.getName());
    static final long PUBLISH_MILLIS = 500;

    @Inject ClusterNode node;
    @Inject LiveStats stats;

    @Inject Ticks ticks;

    private final Jsonb jsonb = JsonbBuilder.create();
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    private ScheduledFuture<?> publisher;
    private volatile boolean warned;

    private record Parsed(String text, LiveStats.Snapshot snapshot) {}

    @PostConstruct
    void start() {
        if (node.clustered()) {
            publisher =
                    ticks.scheduleWithFixedDelay(
                            this::publish, PUBLISH_MILLIS, PUBLISH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (publisher != null) {
            publisher.cancel(false);
            try {
                node.live().remove(node.name());
            } catch (RuntimeException e) {
                // leaving anyway: the survivors drop it with the view
            }
        }
    }

    private void publish() {
        try {
            node.live().put(node.name(), jsonb.toJson(stats.snapshot()));
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "Live figures not shared with the cluster", e);
            }
        }
    }

    @Override
    public List<LiveStats.Snapshot> peers() {
        if (!node.clustered()) {
            return List.of();
        }
        var result = new ArrayList<LiveStats.Snapshot>();
        var members = node.members();
        for (Map.Entry<String, String> e : node.live().entrySet()) {
            String name = e.getKey();
            if (name.equals(node.name()) || !members.contains(name)) {
                continue;
            }
            Parsed p = parsed.get(name);
            if (p == null || !p.text().equals(e.getValue())) {
                try {
                    p =
                            new Parsed(
                                    e.getValue(),
                                    jsonb.fromJson(e.getValue(), LiveStats.Snapshot.class));
                } catch (RuntimeException ex) {
                    LOG.log(Level.FINE, "Unreadable figures of node " + name, ex);
                    continue;
                }
                parsed.put(name, p);
            }
            result.add(p.snapshot());
        }
        parsed.keySet().retainAll(members);
        return result;
    }
}
