package io.panelx.dashboard;

import io.panelx.config.Settings;
import io.panelx.delivery.ChannelStateChanged;
import io.panelx.stats.LiveStats;
import io.panelx.viewer.EndReason;
import io.panelx.viewer.Viewer;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.Session;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes the live figures to every open dashboard: viewer and channel events the moment they are
 * fired, and a full {@link LiveStats} snapshot every {@link Settings#snapshotInterval()}.
 *
 * <p>The observers run on the thread that fired the event, often the byte path of a viewer, so they
 * only serialize once and hand the text to each subscriber's non-blocking outbox. With no dashboard
 * open they return at once.
 */
@ApplicationScoped
public class LiveBroadcaster {

    private static final Logger LOG = Logger.getLogger(LiveBroadcaster.class.getName());

    /** What a dashboard receives: {@code type} tells it how to read {@code data}. */
    public record LiveMessage(String type, Object data) {}

    /** A connection ended; the row goes, the reason is shown briefly. */
    public record ConnectionEnded(
            String connectionId, long channelId, Instant at, long bytesSent, EndReason reason) {}

    private final ConcurrentHashMap<String, LiveSubscriber> subscribers = new ConcurrentHashMap<>();
    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject LiveStats stats;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/panelx-ticks")
    ManagedScheduledExecutorService ticks;

    private ScheduledFuture<?> snapshots;

    void join(Session session) {
        var subscriber = new LiveSubscriber(session, () -> leave(session));
        subscribers.put(session.getId(), subscriber);
        startSnapshots();
        // A new dashboard should not wait a whole interval for its first figures.
        subscriber.offer(snapshotMessage(), true);
    }

    void leave(Session session) {
        subscribers.remove(session.getId());
    }

    int subscriberCount() {
        return subscribers.size();
    }

    void connected(@Observes ViewerConnected event) {
        if (subscribers.isEmpty()) {
            return;
        }
        Viewer v = event.viewer();
        var row =
                new LiveStats.ConnectionLive(
                        v.connectionId(),
                        v.lineId(),
                        v.lineUsername(),
                        v.channelId(),
                        v.channelName(),
                        v.origin(),
                        v.clientIp(),
                        v.userAgent(),
                        v.format(),
                        v.startedAt(),
                        0,
                        0);
        publish(new LiveMessage("connected", row), false);
    }

    void disconnected(@Observes ViewerDisconnected event) {
        if (subscribers.isEmpty()) {
            return;
        }
        publish(
                new LiveMessage(
                        "disconnected",
                        new ConnectionEnded(
                                event.viewer().connectionId(),
                                event.viewer().channelId(),
                                event.at(),
                                event.bytesSent(),
                                event.reason())),
                false);
    }

    void channelChanged(@Observes ChannelStateChanged event) {
        if (subscribers.isEmpty()) {
            return;
        }
        publish(new LiveMessage("channel", event), false);
    }

    private void publish(LiveMessage message, boolean wholeState) {
        String text;
        try {
            text = jsonb.toJson(message);
        } catch (RuntimeException e) {
            // a push must never break the code that fired the event
            LOG.log(Level.WARNING, "Could not serialize live message " + message.type(), e);
            return;
        }
        publish(text, wholeState);
    }

    private void publish(String text, boolean wholeState) {
        for (LiveSubscriber s : subscribers.values()) {
            s.offer(text, wholeState);
        }
    }

    private String snapshotMessage() {
        return jsonb.toJson(new LiveMessage("snapshot", stats.snapshot()));
    }

    private void pushSnapshot() {
        if (subscribers.isEmpty()) {
            return;
        }
        try {
            publish(snapshotMessage(), true);
        } catch (RuntimeException e) {
            // keep the schedule alive: a failed tick must not cancel the following ones
            LOG.log(Level.WARNING, "Live snapshot push failed", e);
        }
    }

    /** Started with the first dashboard, so a panel nobody watches does no work for it. */
    private synchronized void startSnapshots() {
        if (snapshots != null) {
            return;
        }
        long millis = Math.max(100, Settings.snapshotInterval().toMillis());
        try {
            snapshots =
                    ticks.scheduleAtFixedRate(
                            this::pushSnapshot, millis, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.SEVERE, "Live snapshots could not be scheduled", e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (snapshots != null) {
            snapshots.cancel(false);
            snapshots = null;
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            // closing releases caches only
        }
    }
}
