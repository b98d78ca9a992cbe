package io.panelx.monitoring;

import io.panelx.delivery.ChannelState;
import io.panelx.delivery.ChannelStateChanged;
import io.panelx.delivery.RunningChannels;
import io.panelx.stats.LiveStats;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.ObjectName;

/**
 * One MXBean per running channel, registered when the channel's state leaves STOPPED and
 * unregistered when it returns to it. A CDI bean rather than an EJB: the channel registry fires
 * states while its own singleton shuts down, and an observer on an already destroyed EJB would
 * throw into the registry; this one stays callable and simply ignores events once closed.
 */
@ApplicationScoped
public class ChannelMBeans {

    @Inject LiveStats stats;
    @Inject RunningChannels running;
    @Inject MBeanRegistration mbeans;

    /** The registered name of each running channel's MXBean; the name changes with a rename. */
    private final ConcurrentHashMap<Long, ObjectName> registered = new ConcurrentHashMap<>();

    private volatile boolean open = true;

    void channelStateChanged(@Observes ChannelStateChanged e) {
        track(e.channelId(), e.channelName(), e.state());
    }

    /** Registers the channels already running, whose STARTING events may predate this bean. */
    void catchUp() {
        for (LiveStats.ChannelLive c : stats.snapshot().channels()) {
            track(c.channelId(), c.name(), c.state());
        }
    }

    /** Unregisters every channel MXBean; later state events are ignored. */
    @PreDestroy
    void close() {
        open = false;
        registered
                .keySet()
                .forEach(id -> registered.computeIfPresent(id, (k, n) -> mbeans.remove(n)));
    }

    private void track(long channelId, String channelName, ChannelState state) {
        // compute() serializes the events of one channel, which come from different threads.
        registered.compute(
                channelId,
                (id, current) -> {
                    if (!open || state == ChannelState.STOPPED) {
                        return current == null ? null : mbeans.remove(current);
                    }
                    ObjectName wanted = MBeanRegistration.channelName(id, channelName);
                    if (wanted.equals(current)) {
                        return current;
                    }
                    if (current != null) {
                        mbeans.remove(current);
                    }
                    return mbeans.register(
                                    wanted, new RunningChannel(id, channelName, stats, running))
                            ? wanted
                            : null;
                });
    }
}
