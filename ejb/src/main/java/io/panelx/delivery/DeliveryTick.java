package io.panelx.delivery;

import io.panelx.config.Settings;
import io.panelx.config.Ticks;
import io.panelx.viewer.EndReason;
import io.panelx.viewer.Viewer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery core's one-second tick: samples every viewer's rate, ends viewers that make no
 * progress ({@code panelx.stalled-viewer-seconds}) and player sessions that stopped asking, fails
 * over sources that went silent, releases on-demand channels nobody watches, and reports each
 * running channel (FeedSampled). It reads fields; it sends nothing and touches no database.
 */
@Singleton
@Startup
@DependsOn({"ChannelLifecycle", "Ticks"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DeliveryTick {

    private static final Logger LOG = Logger.getLogger(DeliveryTick.class.getName());

    @Inject RunningChannels channels;
    @Inject OpenViewers viewers;
    @Inject PlayerSessions players;
    @Inject LineSeats seats;
    @Inject Event<FeedSampled> feedSampled;

    @Inject Ticks ticks;

    private ScheduledFuture<?> tick;

    @PostConstruct
    void start() {
        tick = ticks.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (tick != null) {
            tick.cancel(false);
        }
    }

    /**
     * A cluster node ends its sessions that another node asked it to end, and those whose seat is
     * gone (evicted by an admission on another node), so that a line's seats and its open streams
     * agree within a tick.
     */
    private void endIfUnseated(ViewerSession s, Instant seatedBefore) {
        Viewer v = s.viewer();
        EndReason asked = seats.endRequested(v.connectionId());
        if (asked != null) {
            s.end(asked);
        } else if (s.isAnnounced()
                && v.startedAt().isBefore(seatedBefore)
                && !seats.holds(v.lineId(), v.connectionId())) {
            s.end(EndReason.KICKED_MAX_CONNECTIONS);
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            long stalled = Settings.stalledViewer().toNanos();
            Map<Long, Integer> viewersPerChannel = new HashMap<>();
            boolean shared = seats.shared();
            Instant seated = Instant.now().minusSeconds(2);
            for (ViewerSession s : viewers.sessions()) {
                s.sample(now);
                viewersPerChannel.merge(s.viewer().channelId(), 1, Integer::sum);
                if (s.stalledNanos(now) > stalled) {
                    s.end(EndReason.STALLED); // its socket is dropped, its slot freed
                } else if (shared) {
                    endIfUnseated(s, seated);
                }
            }
            players.expire(now);
            for (ChannelRunner r : channels.runners()) {
                int n = viewersPerChannel.getOrDefault(r.channel.id(), 0);
                if (r.isSilent(now)) {
                    LOG.info(() -> "Channel " + r.channel.id() + " went silent, failing over");
                    r.failOver();
                }
                if (n > 0 || r.isAwaited() || r.relays.get() > 0) {
                    r.noViewersSinceNanos = 0;
                } else if (r.channel.onDemand()) {
                    if (r.noViewersSinceNanos == 0) {
                        r.noViewersSinceNanos = now;
                    } else if (now - r.noViewersSinceNanos > Settings.idleRelease().toNanos()) {
                        LOG.info(() -> "Channel " + r.channel.id() + " idle, releasing its source");
                        r.stop();
                    }
                }
                Source source = r.current();
                feedSampled.fire(
                        new FeedSampled(
                                r.channel.id(),
                                r.feed.bytesIn(),
                                r.sampleBitrate(),
                                n,
                                source == null ? 0 : source.pid(),
                                r.restarts(),
                                r.lastError(),
                                source == null ? null : source.progress(),
                                Instant.now()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Delivery tick failed", e);
        }
    }
}
