package io.panelx.cluster;

import io.panelx.config.Settings;
import io.panelx.config.Ticks;
import io.panelx.viewer.RecordKeeper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * This server's place in the cluster: the {@code panelx} cache container and its caches, the
 * current members, and what happens when a member leaves without closing (a crash, a cut network):
 * its seats and channels are freed at once, and after {@code panelx.node-lost-grace-seconds} its
 * open connection records are closed (NODE_LOST) unless it came back. Every survivor does this;
 * each step is conditional, so doing it twice changes nothing.
 */
@Singleton
@Startup
@DependsOn({"ConnectionLedger", "Ticks"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());
    static final String CONTAINER = "java:jboss/infinispan/container/panelx";

    @Inject RecordKeeper records;

    @Inject Ticks ticks;

    // Injected on every server, so that WildFly starts these caches (it installs them on demand):
    // local on a single server (cli/caches.cli), replicated on a cluster node
    // (cli/cluster-infinispan.cli). Only a cluster node uses them.
    @Resource(lookup = "java:jboss/infinispan/cache/panelx/seats")
    Cache<String, String> seats;

    @Resource(lookup = "java:jboss/infinispan/cache/panelx/owners")
    Cache<String, String> owners;

    @Resource(lookup = "java:jboss/infinispan/cache/panelx/ends")
    Cache<String, String> ends;

    @Resource(lookup = "java:jboss/infinispan/cache/panelx/live")
    Cache<String, String> live;

    @Resource(lookup = "java:jboss/infinispan/cache/panelx/logins")
    Cache<String, String> logins;

    @Resource(lookup = "java:jboss/infinispan/cache/panelx/changes")
    Cache<String, String> changes;

    @Resource(lookup = CONTAINER)
    EmbeddedCacheManager container;

    // Business methods of an EJB are public: the caches are for this package's beans only.
    private volatile EmbeddedCacheManager manager;
    private volatile Set<String> members = Set.of();

    /** Nodes that left, by name, with when (nanos) their records are closed. */
    private final Map<String, Long> lost = new HashMap<>();

    private ScheduledFuture<?> watch;
    private final String name = Settings.nodeName();

    @PostConstruct
    void start() {
        if (!Settings.clustered()) {
            return;
        }
        if (Settings.clusterSecret().isEmpty()) {
            // Without it no node could relay another's channel (the route refuses an empty one).
            throw new IllegalStateException(
                    "panelx.cluster is set but the cluster secret is empty: set PANELX_CLUSTER_SECRET");
        }
        if (!container.getCacheManagerConfiguration().isClustered()) {
            throw new IllegalStateException(
                    "panelx.cluster is set but the cache container "
                            + CONTAINER
                            + " is local: apply wildfly-config/cli/cluster-infinispan.cli");
        }
        manager = container;
        // What an earlier run of this node left (it crashed and came back before anyone noticed).
        ClusterSeats.freeSeatsOf(seats, name);
        ClusterOwners.freeChannelsOf(owners, name);
        members = currentMembers();
        LOG.info(() -> "Cluster node " + name + " joined; members " + members);
        watch = ticks.scheduleWithFixedDelay(this::watchMembers, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (watch != null) {
            watch.cancel(false);
        }
    }

    public boolean clustered() {
        return manager != null;
    }

    /** This node's name (jboss.node.name). */
    public String name() {
        return name;
    }

    /**
     * The members of the current view, by node name, read from the cache container at each call (a
     * local read): a relay's next attempt sees a dead owner gone as soon as the view changed, not
     * at the next membership check.
     */
    public Set<String> members() {
        return manager == null ? Set.of(name) : currentMembers();
    }

    public Cache<String, String> seats() {
        return seats;
    }

    public Cache<String, String> owners() {
        return owners;
    }

    public Cache<String, String> ends() {
        return ends;
    }

    public Cache<String, String> live() {
        return live;
    }

    public Cache<String, String> logins() {
        return logins;
    }

    public Cache<String, String> changes() {
        return changes;
    }

    private Set<String> currentMembers() {
        return manager.getMembers().stream().map(Object::toString).collect(Collectors.toSet());
    }

    /** Once a second: who left, who came back, whose records are due. */
    private void watchMembers() {
        try {
            Set<String> now = currentMembers();
            for (String node : members) {
                if (!now.contains(node) && !lost.containsKey(node)) {
                    LOG.warning(() -> "Cluster node " + node + " left the view");
                    lost.put(node, System.nanoTime() + Settings.nodeLostGrace().toNanos());
                    ClusterSeats.freeSeatsOf(seats, node);
                    ClusterOwners.freeChannelsOf(owners, node);
                    live.remove(node);
                }
            }
            members = now;
            long t = System.nanoTime();
            lost.entrySet()
                    .removeIf(
                            e -> {
                                if (now.contains(e.getKey())) {
                                    return true; // back (a restart closes its own records)
                                }
                                if (t < e.getValue()) {
                                    return false;
                                }
                                records.closeRecordsOf(e.getKey());
                                return true;
                            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster membership check failed", e);
        }
    }
}
