package io.panelx.cluster;

import io.panelx.channel.ChannelChanged;
import io.panelx.config.Ticks;
import io.panelx.line.LineChanged;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Changes an admin makes on one node reach every node: each node caches lines and channels (and
 * runs channels) by the LineChanged and ChannelChanged events of its own transactions, so a node
 * writes each such event into the replicated {@code changes} cache, and every other node fires it
 * again locally within half a second. A banned line is banned everywhere; an edited channel
 * restarts everywhere with its new sources.
 */
@ApplicationScoped
public class ClusterChanges {

    private static final Logger LOG = Logger.getLogger(ClusterChanges.class.getName());
    private static final long POLL_MILLIS = 500;

    @Inject ClusterNode node;
    @Inject Event<ChannelChanged> channelChanged;
    @Inject Event<LineChanged> lineChanged;

    @Inject Ticks ticks;

    /** Set while an event of another node is fired here, so it is not published again. */
    private final ThreadLocal<Boolean> replaying = new ThreadLocal<>();

    /** The last value seen per key: touched only by the poll task (and the start). */
    private final Map<String, String> seen = new HashMap<>();

    private ScheduledFuture<?> poll;

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (!node.clustered()) {
            return;
        }
        synchronized (seen) {
            node.changes().forEach(seen::put); // what happened before this node started is known
        }
        poll =
                ticks.scheduleWithFixedDelay(
                        this::replay, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (poll != null) {
            poll.cancel(false);
        }
    }

    void channel(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged e) {
        publish("channel:" + e.channelId(), e.deleted() ? "deleted" : "changed");
    }

    void line(@Observes(during = TransactionPhase.AFTER_SUCCESS) LineChanged e) {
        publish("line:" + e.lineId(), e.username() == null ? "" : e.username());
    }

    private void publish(String key, String payload) {
        if (Boolean.TRUE.equals(replaying.get()) || !node.clustered()) {
            return;
        }
        String value = node.name() + " " + UUID.randomUUID() + " " + payload;
        try {
            node.changes().put(key, value, 10, TimeUnit.MINUTES);
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Change " + key + " not shared with the cluster", ex);
        }
    }

    /** Fires here what other nodes changed since the last poll. */
    private void replay() {
        try {
            synchronized (seen) {
                for (Map.Entry<String, String> e : List.copyOf(node.changes().entrySet())) {
                    String key = e.getKey(), value = e.getValue();
                    if (value.equals(seen.put(key, value))) {
                        continue;
                    }
                    String[] v = value.split(" ", 3);
                    if (v[0].equals(node.name())) {
                        continue; // fired here already
                    }
                    fire(key, v.length > 2 ? v[2] : "");
                }
                seen.keySet().retainAll(node.changes().keySet());
            }
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Cluster changes not read", ex);
        }
    }

    private void fire(String key, String payload) {
        long id = Long.parseLong(key.substring(key.indexOf(':') + 1));
        replaying.set(true);
        try {
            if (key.startsWith("channel:")) {
                channelChanged.fire(new ChannelChanged(id, "deleted".equals(payload)));
            } else {
                lineChanged.fire(new LineChanged(id, payload.isEmpty() ? null : payload));
            }
        } finally {
            replaying.remove();
        }
    }
}
