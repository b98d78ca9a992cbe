package io.panelx.delivery;

import io.panelx.admin.Conflict;
import io.panelx.admin.NotFound;
import io.panelx.channel.ChannelChanged;
import io.panelx.channel.ChannelDirectory;
import io.panelx.channel.ChannelInfo;
import io.panelx.channel.Channels;
import io.panelx.channel.DeliveryMode;
import io.panelx.config.Settings;
import io.panelx.ffmpeg.FfmpegSource;
import io.panelx.ffmpeg.FfmpegSupervisor;
import io.panelx.line.LineAccount;
import io.panelx.line.Refusal;
import io.panelx.proxy.HlsPullSource;
import io.panelx.proxy.HttpPullSource;
import io.panelx.viewer.EndReason;
import io.panelx.viewer.TrafficSampled;
import io.panelx.viewer.Viewer;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Feed per running channel, and the registry of viewer sessions. Admission to a channel (max
 * connections per line, race-free) happens here before any byte is sent. A one-second tick samples
 * every session (TrafficSampled), ends idle HLS sessions, detects stalled sources and releases
 * channels nobody watches.
 */
@Singleton
@Startup
@DependsOn({"LedgerWriter", "FfmpegSupervisor"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// The hub holds no transactional state; what it reads (Channels) runs in its own transaction.
// This also lets its AFTER_SUCCESS observer call Channels after the change's transaction ended.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChannelHub {

    private static final Logger LOG = Logger.getLogger(ChannelHub.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A source silent for this long is restarted (stall detection). */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Inject Event<ViewerConnected> connected;
    @Inject Event<TrafficSampled> sampled;
    @Inject Event<ViewerDisconnected> disconnected;
    @Inject Event<ChannelStateChanged> stateChanged;
    @Inject Event<FeedSampled> feedSampled;
    @Inject ChannelDirectory directory;
    @Inject Channels channels;
    @Inject FfmpegSupervisor supervisor;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-sources")
    ManagedExecutorService sourceThreads;

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/panelx-ticks")
    ManagedScheduledExecutorService ticks;

    private ViewerSession.Events events;
    private ScheduledFuture<?> tick;
    private volatile boolean shuttingDown;

    private final ConcurrentHashMap<Long, FeedRunner> running = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ViewerSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, List<ViewerSession>> byLine = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, HlsViewer> hlsByToken = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, HlsViewer> hlsByKey = new ConcurrentHashMap<>();

    /** An HLS viewer: the session plus what its segment requests need. */
    public record HlsViewer(String token, String key, ViewerSession session, long channelId) {}

    /** A refusal decided by the hub (max connections, unavailable channel). */
    public static final class Refused extends Exception {
        public final Refusal reason;

        Refused(Refusal reason) {
            super(reason.message(), null, false, false);
            this.reason = reason;
        }
    }

    @PostConstruct
    void start() {
        events = new ViewerSession.Events(connected, sampled, disconnected);
        tick = ticks.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        for (var c : channels.list()) {
            if (c.isEnabled() && !c.isOnDemand()) {
                try {
                    runnerFor(ChannelInfo.of(c));
                } catch (Refused e) {
                    LOG.warning(
                            () -> "Always-on channel " + c.getId() + " not started: " + e.reason);
                }
            }
        }
    }

    @PreDestroy
    void shutdown() {
        shuttingDown = true;
        if (tick != null) {
            tick.cancel(false);
        }
        for (ViewerSession s : List.copyOf(sessions.values())) {
            s.end(EndReason.SHUTDOWN);
        }
        for (FeedRunner r : List.copyOf(running.values())) {
            r.stop();
        }
    }

    // ---- channels

    /** The running Feed of a channel, started if needed. */
    FeedRunner runnerFor(ChannelInfo channel) throws Refused {
        if (shuttingDown) {
            throw new Refused(Refusal.UNAVAILABLE);
        }
        FeedRunner existing = running.get(channel.id());
        if (existing != null && !existing.isStopped()) {
            return existing;
        }
        synchronized (running) {
            existing = running.get(channel.id());
            if (existing != null && !existing.isStopped()) {
                return existing;
            }
            if (ladderOf(channel) != null) {
                supervisor.resetLadder(channel.id()); // restarts within this run append to it
            }
            var runner = new FeedRunner(channel, this::sourceFor, new RunnerEvents());
            try {
                sourceThreads.execute(runner);
            } catch (RejectedExecutionException e) {
                throw new Refused(Refusal.UNAVAILABLE);
            }
            running.put(channel.id(), runner);
            return runner;
        }
    }

    private Source sourceFor(ChannelInfo channel, int index) {
        String url = channel.sources().get(index);
        if (channel.deliveryMode() == DeliveryMode.FFMPEG) {
            int ingestPort = channel.ingestPortFor(url);
            return new FfmpegSource(
                    supervisor, url, channel.ffmpegProfile(), ingestPort, ladderOf(channel));
        }
        URI uri = URI.create(url);
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase();
        return path.endsWith(".m3u8") || path.endsWith(".m3u")
                ? new HlsPullSource(uri)
                : new HttpPullSource(uri);
    }

    /** The HLS ladder a channel's FFmpeg writes, or null when its profile has none. */
    private HlsLadder ladderOf(ChannelInfo channel) {
        return channel.deliveryMode() == DeliveryMode.FFMPEG && channel.ffmpegProfile().isLadder()
                ? supervisor.ladderFor(channel.id())
                : null;
    }

    /** Reports a runner's state as a CDI event; ends viewers when the upstream is gone. */
    private final class RunnerEvents implements FeedRunner.Listener {
        @Override
        public void stateChanged(FeedRunner runner, ChannelState state, String detail) {
            runner.state(state);
            if (state == ChannelState.STOPPED) {
                running.remove(runner.channel.id(), runner);
            }
            stateChanged.fire(
                    new ChannelStateChanged(
                            runner.channel.id(),
                            runner.channel.name(),
                            state,
                            runner.origin(),
                            runner.sourceIndex(),
                            detail,
                            Instant.now()));
        }

        @Override
        public void upstreamGone(FeedRunner runner) {
            endViewersOf(runner.channel.id(), EndReason.UPSTREAM_GONE);
        }
    }

    /** Starts the channel's Feed (and its Source) if it is not running. */
    public void start(long channelId) {
        ChannelInfo c = directory.find(channelId);
        if (c == null) {
            throw new NotFound("no channel with id " + channelId);
        }
        try {
            runnerFor(c);
        } catch (Refused e) {
            throw new Conflict("channel " + channelId + " cannot start now: " + e.reason.message());
        }
    }

    /** Stops the channel's Feed; its viewers end with CHANNEL_STOPPED. */
    public void stop(long channelId) {
        FeedRunner r = running.get(channelId);
        endViewersOf(channelId, EndReason.CHANNEL_STOPPED);
        if (r != null) {
            r.stop();
        }
    }

    /** Restarts the channel's Source; viewers stay connected and see the stream resume. */
    public void restart(long channelId) {
        FeedRunner r = running.get(channelId);
        if (r == null) {
            start(channelId);
        } else {
            r.restart(true);
        }
    }

    /** A changed channel restarts with its new sources; a deleted one stops. */
    public void channelChanged(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged event) {
        FeedRunner r = running.get(event.channelId());
        if (r != null) {
            if (event.deleted()) {
                stop(event.channelId());
            } else {
                r.stop(); // viewers reconnect to the new configuration
                endViewersOf(event.channelId(), EndReason.CHANNEL_STOPPED);
            }
        }
        // Read from the database, not the directory: its cache may not have dropped the entry yet.
        var entity = event.deleted() ? null : channels.find(event.channelId());
        ChannelInfo c = entity == null ? null : ChannelInfo.of(entity);
        if (c != null && c.enabled() && !c.onDemand()) {
            try {
                runnerFor(c); // always-on channels (and push ingests) run without viewers
            } catch (Refused e) {
                LOG.warning(() -> "Always-on channel " + c.id() + " not started: " + e.reason);
            }
        }
    }

    private void endViewersOf(long channelId, EndReason reason) {
        for (ViewerSession s : List.copyOf(sessions.values())) {
            if (s.viewer().channelId() == channelId) {
                s.end(reason);
            }
        }
    }

    // ---- viewers

    /**
     * Admits a viewer of a running channel for a line, enforcing its max connections race-free:
     * under the line's lock, either the oldest stream is closed (CLOSE_OLDEST) or the new one is
     * refused (REFUSE). Fires ViewerConnected (through the session).
     */
    ViewerSession admit(
            LineAccount line, FeedRunner runner, String clientIp, String userAgent, String format)
            throws Refused {
        var evicted = new ArrayList<ViewerSession>();
        ViewerSession session;
        List<ViewerSession> lineSessions =
                byLine.computeIfAbsent(line.id(), k -> new ArrayList<>());
        synchronized (lineSessions) {
            while (lineSessions.size() >= line.maxConnections()) {
                if (Settings.maxConnectionsPolicy() == Settings.MaxConnectionsPolicy.REFUSE) {
                    throw new Refused(Refusal.MAX_CONNECTIONS);
                }
                evicted.add(lineSessions.remove(0));
            }
            var viewer =
                    new Viewer(
                            UUID.randomUUID().toString(),
                            line.id(),
                            line.username(),
                            runner.channel.id(),
                            runner.channel.name(),
                            runner.origin(),
                            clientIp,
                            userAgent,
                            format,
                            Instant.now());
            ViewerSession[] self = new ViewerSession[1];
            session = new ViewerSession(viewer, events, () -> forget(self[0], lineSessions));
            self[0] = session;
            lineSessions.add(session);
            sessions.put(viewer.connectionId(), session);
            // Announced under the lock: a concurrent admission can only evict it afterwards,
            // so its ViewerConnected always precedes its ViewerDisconnected.
            session.announce();
        }
        for (ViewerSession old : evicted) {
            old.end(EndReason.KICKED_MAX_CONNECTIONS);
        }
        runner.noViewersSinceNanos = 0;
        return session;
    }

    private void forget(ViewerSession session, List<ViewerSession> lineSessions) {
        synchronized (lineSessions) {
            lineSessions.remove(session);
        }
        sessions.remove(session.connectionId());
        hlsByToken.values().removeIf(h -> h.session() == session);
        hlsByKey.values().removeIf(h -> h.session() == session);
    }

    /**
     * Opens an MPEG-TS viewer: authentication and channel rules were checked by the caller. Waits
     * (bounded) for a cold channel's first chunk so that a dead upstream gets a clear 503.
     */
    public ViewerSession openStream(
            LineAccount line, ChannelInfo channel, String clientIp, String userAgent)
            throws Refused {
        FeedRunner runner = readyRunner(channel);
        return admit(line, runner, clientIp, userAgent, "ts");
    }

    /** Starts draining the Feed into the output (after the response is set up). */
    public void attach(ViewerSession session, ViewerOutput output) {
        FeedRunner runner = running.get(session.viewer().channelId());
        if (runner == null) {
            session.end(EndReason.CHANNEL_STOPPED);
            output.close();
            return;
        }
        session.stream(runner.feed, output);
    }

    private FeedRunner readyRunner(ChannelInfo channel) throws Refused {
        FeedRunner runner = runnerFor(channel);
        if (!runner.awaitReady(Settings.startTimeout().toMillis())) {
            throw new Refused(Refusal.UNAVAILABLE);
        }
        return runner;
    }

    /**
     * The HLS viewer for (line, address, player, channel): an existing one is reused, so that a
     * player's playlist reloads stay one connection; a new one is admitted like any viewer.
     */
    public HlsViewer openHls(
            LineAccount line, ChannelInfo channel, String clientIp, String userAgent)
            throws Refused {
        String key = line.id() + "|" + clientIp + "|" + userAgent + "|" + channel.id();
        HlsViewer existing = hlsByKey.get(key);
        if (existing != null && !existing.session().isEnded()) {
            existing.session().touched();
            return existing;
        }
        FeedRunner runner = readyRunner(channel);
        if (ladderOf(channel) == null) {
            runner.hls(); // PanelX cuts the segments itself
        }
        ViewerSession session = admit(line, runner, clientIp, userAgent, "m3u8");
        byte[] token = new byte[18];
        RANDOM.nextBytes(token);
        var viewer =
                new HlsViewer(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(token),
                        key,
                        session,
                        channel.id());
        hlsByToken.put(viewer.token(), viewer);
        hlsByKey.put(key, viewer);
        return viewer;
    }

    /**
     * The playlist for an HLS viewer, its URIs as absolute paths under {@code prefix}: the master
     * playlist of a ladder channel, else the media playlist PanelX cuts; null if unavailable.
     */
    public String hlsPlaylist(HlsViewer viewer, String prefix) {
        FeedRunner runner = running.get(viewer.channelId());
        if (runner == null) {
            return null;
        }
        long timeout = Settings.startTimeout().toMillis();
        HlsLadder ladder = ladderOf(runner.channel);
        String playlist;
        try {
            if (ladder != null) {
                if (!ladder.awaitPlaylists(timeout)) {
                    return null;
                }
                playlist = ladder.masterPlaylist(prefix);
            } else {
                HlsWindow window = runner.hls();
                if (!window.awaitSegment(timeout)) {
                    return null;
                }
                playlist = window.playlist(prefix);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        viewer.session().served(playlist.length());
        return playlist;
    }

    /**
     * A file of the ladder of the viewer's channel (a name {@link HlsLadder#isFileName} accepts):
     * it may be gone already; null when the channel is not running a ladder.
     */
    public Path hlsLadderFile(HlsViewer viewer, String name) {
        FeedRunner runner = running.get(viewer.channelId());
        HlsLadder ladder = runner == null ? null : ladderOf(runner.channel);
        if (ladder == null) {
            return null;
        }
        viewer.session().touched();
        return ladder.file(name);
    }

    public HlsViewer hlsViewer(String token) {
        return token == null ? null : hlsByToken.get(token);
    }

    /** A segment's bytes for an HLS viewer, or null when it has left the window. */
    public HlsWindow.Segment hlsSegment(HlsViewer viewer, long sequence) {
        FeedRunner runner = running.get(viewer.channelId());
        if (runner == null) {
            return null;
        }
        viewer.session().touched();
        return runner.hls().segment(sequence);
    }

    /** Counts bytes of a segment the player received. */
    public void hlsServed(HlsViewer viewer, long bytes) {
        viewer.session().served(bytes);
    }

    // ---- admin operations

    /** Streams the line holds open right now (Xtream active_cons, max-connections). */
    public int activeConnections(long lineId) {
        List<ViewerSession> list = byLine.get(lineId);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            return list.size();
        }
    }

    /** Ends one connection with KILLED_BY_ADMIN; false when it is not (or no longer) open. */
    public boolean kill(String connectionId) {
        ViewerSession s = connectionId == null ? null : sessions.get(connectionId);
        return s != null && s.end(EndReason.KILLED_BY_ADMIN);
    }

    /** Ends every connection of a line with KILLED_BY_ADMIN; returns how many. */
    public int killLine(long lineId) {
        List<ViewerSession> list = byLine.get(lineId);
        if (list == null) {
            return 0;
        }
        List<ViewerSession> copy;
        synchronized (list) {
            copy = List.copyOf(list);
        }
        int n = 0;
        for (ViewerSession s : copy) {
            if (s.end(EndReason.KILLED_BY_ADMIN)) n++;
        }
        return n;
    }

    public int runningChannels() {
        return running.size();
    }

    // ---- the one-second tick

    private void tick() {
        try {
            Map<Long, Integer> viewersPerChannel = new HashMap<>();
            long hlsTimeout = Settings.hlsSessionTimeout().toNanos();
            for (ViewerSession s : sessions.values()) {
                s.sample();
                viewersPerChannel.merge(s.viewer().channelId(), 1, Integer::sum);
                if ("m3u8".equals(s.viewer().format()) && s.idleNanos() > hlsTimeout) {
                    s.end(EndReason.CLIENT_CLOSED); // the player stopped fetching segments
                }
            }
            long now = System.nanoTime();
            for (FeedRunner r : running.values()) {
                int viewers = viewersPerChannel.getOrDefault(r.channel.id(), 0);
                Source source = r.current();
                if (r.state() == ChannelState.RUNNING && r.feed.silentNanos() > STALL_NANOS) {
                    LOG.info(() -> "Channel " + r.channel.id() + " stalled, restarting its source");
                    r.restart(false);
                }
                if (viewers > 0) {
                    r.noViewersSinceNanos = 0;
                } else if (r.channel.onDemand()) {
                    if (r.noViewersSinceNanos == 0) {
                        r.noViewersSinceNanos = now;
                    } else if (now - r.noViewersSinceNanos > Settings.idleRelease().toNanos()) {
                        LOG.info(() -> "Channel " + r.channel.id() + " idle, releasing its source");
                        r.stop();
                    }
                }
                feedSampled.fire(
                        new FeedSampled(
                                r.channel.id(),
                                r.feed.bytesIn(),
                                r.sampleBitrate(),
                                viewers,
                                source == null ? 0 : source.pid(),
                                r.restarts(),
                                r.lastError(),
                                source == null ? null : source.progress(),
                                Instant.now()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Hub tick failed", e);
        }
    }
}
