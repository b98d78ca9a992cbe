package io.panelx.dashboard;

import io.panelx.config.Settings;
import io.panelx.config.Ticks;
import io.panelx.delivery.ChannelStateChanged;
import io.panelx.stats.LiveStats;
import io.panelx.viewer.EndReason;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pushes the live figures to every open dashboard: viewer and channel events the moment they are
 * fired, and a full {@link LiveStats} snapshot every {@link Settings#snapshotInterval()}, which
 * also feeds the 10-minute graph.
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

    /** A connection ended: its row goes at once, without waiting for the next snapshot. */
    public record ConnectionEnded(
            String connectionId, long channelId, Instant at, long bytesSent, EndReason reason) {}

    /** One point of the dashboard's graph. */
    public record Sample(Instant at, long bitsPerSecondOut, long bitsPerSecondIn, int viewers) {}

    /** How far back the graph reaches; a new dashboard receives this much at once. */
    static final Duration GRAPH_WINDOW = Duration.ofMinutes(10);

    private final ConcurrentHashMap<String, LiveSubscriber> subscribers = new ConcurrentHashMap<>();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject LiveStats stats;

    @Inject Ticks ticks;

    private ScheduledFuture<?> snapshots;

    void join(Session session) {
        var subscriber = new LiveSubscriber(session, () -> leave(session));
        subscribers.put(session.getId(), subscriber);
        startSnapshots();
        List<Sample> graph;
        synchronized (samples) {
            graph = List.copyOf(samples);
        }
        subscriber.offer(jsonb.toJson(new LiveMessage("history", graph)), false);
        // A new dashboard should not wait a whole interval for its first figures.
        subscriber.offer(snapshotMessage(), false);
    }

    void leave(Session session) {
        subscribers.remove(session.getId());
    }

    void connected(@Observes ViewerConnected event) {
        if (subscribers.isEmpty()) {
            return;
        }
        var row = LiveStats.ConnectionLive.of(event.viewer(), 0, 0, Settings.nodeName());
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
        return jsonb.toJson(new LiveMessage("snapshot", stats.clusterSnapshot()));
    }

    /** Every tick: one graph point, kept even with no dashboard open, and the push. */
    private void tick() {
        try {
            var snapshot = stats.clusterSnapshot();
            var t = snapshot.totals();
            synchronized (samples) {
                samples.add(
                        new Sample(
                                snapshot.at(),
                                t.bitsPerSecondOut(),
                                t.bitsPerSecondIn(),
                                t.viewers()));
                Instant oldest = snapshot.at().minus(GRAPH_WINDOW);
                while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldest)) {
                    samples.pollFirst();
                }
            }
            if (!subscribers.isEmpty()) {
                publish(jsonb.toJson(new LiveMessage("snapshot", snapshot)), true);
            }
        } catch (RuntimeException e) {
            // keep the schedule alive: a failed tick must not cancel the following ones
            LOG.log(Level.WARNING, "Live snapshot push failed", e);
        }
    }

    /** Started with the application, so a dashboard opened later shows the last 10 minutes. */
    void started(@Observes @Initialized(ApplicationScoped.class) Object application) {
        startSnapshots();
    }

    private synchronized void startSnapshots() {
        if (snapshots != null) {
            return;
        }
        long millis = Math.max(100, Settings.snapshotInterval().toMillis());
        try {
            snapshots =
                    ticks.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
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
