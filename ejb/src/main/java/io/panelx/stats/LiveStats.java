package io.panelx.stats;

import io.panelx.config.Settings;
import io.panelx.delivery.ChannelState;
import io.panelx.delivery.ChannelStateChanged;
import io.panelx.delivery.FeedSampled;
import io.panelx.ledger.LedgerFigures;
import io.panelx.line.ConnectionRefused;
import io.panelx.line.Refusal;
import io.panelx.viewer.OpenConnections;
import io.panelx.viewer.Origin;
import io.panelx.viewer.Viewer;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live figures of the panel, kept in memory from the viewer and channel events. The dashboard
 * push, JMX and the Prometheus endpoint all read {@link #snapshot()}, so they always agree; none of
 * them keeps its own books, and nothing here touches the database.
 */
@ApplicationScoped
public class LiveStats {

    private static final class ChannelFigures {
        final long channelId;
        volatile String name;
        volatile ChannelState state = ChannelState.STOPPED;
        volatile Origin origin;
        volatile Instant since = Instant.now();
        volatile int sourceIndex;
        volatile long bytesIn;
        volatile long bitsPerSecondIn;
        volatile long ffmpegPid;
        volatile int restarts;
        volatile String lastError;
        volatile FeedSampled.FfmpegProgress progress;

        ChannelFigures(long channelId) {
            this.channelId = channelId;
        }
    }

    @Inject OpenConnections open;
    @Inject LedgerFigures ledger;
    @Inject Instance<PeerSnapshots> peers;

    /**
     * Looked up once: every {@code Instance.get()} of an EJB makes a new dependent reference that
     * lives as long as this bean (one per snapshot was a heap leak in the soak).
     */
    private volatile PeerSnapshots peerSnapshots;

    private final ConcurrentHashMap<Long, ChannelFigures> channels = new ConcurrentHashMap<>();
    private final EnumMap<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
    private final EnumMap<Origin, LongAdder> connectionsTotal = new EnumMap<>(Origin.class);

    /** Bytes of connections that have ended; live ones are added at snapshot time. */
    private final AtomicLong bytesOutEnded = new AtomicLong();

    /**
     * The last total handed out: a connection leaves the open set just before its end is counted,
     * and a counter must never go back.
     */
    private final AtomicLong bytesOutReported = new AtomicLong();

    public LiveStats() {
        for (Refusal r : Refusal.values()) refused.put(r, new LongAdder());
        for (Origin o : Origin.values()) connectionsTotal.put(o, new LongAdder());
    }

    void connected(@Observes ViewerConnected e) {
        connectionsTotal.get(e.viewer().origin()).increment();
    }

    void disconnected(@Observes ViewerDisconnected e) {
        bytesOutEnded.addAndGet(e.bytesSent());
    }

    void refused(@Observes ConnectionRefused e) {
        refused.get(e.reason()).increment();
    }

    void channelState(@Observes ChannelStateChanged e) {
        if (e.state() == ChannelState.STOPPED) {
            channels.remove(e.channelId()); // a stopped channel has no live figures
            return;
        }
        ChannelFigures f = channels.computeIfAbsent(e.channelId(), ChannelFigures::new);
        if (f.state != e.state()) {
            f.since = e.at();
        }
        f.name = e.channelName();
        f.state = e.state();
        f.origin = e.origin();
        f.sourceIndex = e.sourceIndex();
        if (e.state() == ChannelState.FAILED || e.state() == ChannelState.RESTARTING) {
            f.lastError = e.detail();
        }
    }

    void feedSampled(@Observes FeedSampled e) {
        ChannelFigures f = channels.get(e.channelId());
        if (f == null) {
            return; // sampled between its runner's start and its first state event, or stopped
        }
        f.bytesIn = e.bytesIn();
        f.bitsPerSecondIn = e.bitsPerSecondIn();
        f.ffmpegPid = e.ffmpegPid();
        f.restarts = e.restarts();
        if (e.lastError() != null) f.lastError = e.lastError();
        f.progress = e.progress();
    }

    /** Viewers of a live channel (not of a movie or an archive window with the same id). */
    private static boolean isLive(Viewer v) {
        return "ts".equals(v.format()) || "m3u8".equals(v.format());
    }

    /** This server's figures (JMX stays per node). */
    public Snapshot snapshot() {
        String node = Settings.nodeName();
        Instant now = Instant.now();
        var conns = new ArrayList<ConnectionLive>();
        var perChannelViewers = new java.util.HashMap<Long, int[]>();
        var perChannelOut = new java.util.HashMap<Long, long[]>();
        long bytesOut = bytesOutEnded.get();
        long bpsOut = 0;
        int[] byOrigin = new int[Origin.values().length];
        long[] sum = {0, 0}; // bytes, bits per second
        open.forEach(
                c -> {
                    Viewer v = c.viewer();
                    long bytes = c.bytesSent(), bps = c.bitsPerSecond();
                    conns.add(ConnectionLive.of(v, bytes, bps, node));
                    sum[0] += bytes;
                    sum[1] += bps;
                    byOrigin[v.origin().ordinal()]++;
                    if (isLive(v)) {
                        perChannelViewers.computeIfAbsent(v.channelId(), k -> new int[1])[0]++;
                        perChannelOut.computeIfAbsent(v.channelId(), k -> new long[1])[0] += bps;
                    }
                });
        bytesOut = bytesOutReported.accumulateAndGet(bytesOut + sum[0], Math::max);
        bpsOut = sum[1];
        int proxy = byOrigin[Origin.PROXY.ordinal()], ffmpeg = byOrigin[Origin.FFMPEG.ordinal()];
        conns.sort(Comparator.comparing(ConnectionLive::startedAt));
        var chans = new ArrayList<ChannelLive>();
        long bytesIn = 0, bpsIn = 0;
        int running = 0, processes = 0;
        for (ChannelFigures f : channels.values()) {
            if (f.state == ChannelState.STOPPED) {
                continue;
            }
            running++;
            if (f.ffmpegPid > 0) processes++;
            bytesIn += f.bytesIn;
            bpsIn += f.bitsPerSecondIn;
            int viewers = perChannelViewers.getOrDefault(f.channelId, new int[1])[0];
            long out = perChannelOut.getOrDefault(f.channelId, new long[1])[0];
            chans.add(
                    new ChannelLive(
                            node,
                            f.channelId,
                            f.name,
                            f.state,
                            f.origin,
                            viewers,
                            f.bitsPerSecondIn,
                            out,
                            f.since,
                            Duration.between(f.since, now).toSeconds(),
                            f.ffmpegPid,
                            f.restarts,
                            f.lastError,
                            f.sourceIndex,
                            f.progress));
        }
        chans.sort(Comparator.comparingLong(ChannelLive::channelId));
        // Keyed by reason name: JSON, JMX and Prometheus all want names, not enum keys.
        var refusedNow = new java.util.TreeMap<String, Long>();
        refused.forEach((k, v) -> refusedNow.put(k.name(), v.sum()));
        var totals =
                new Totals(
                        conns.size(),
                        proxy,
                        ffmpeg,
                        bytesOut,
                        bpsOut,
                        bytesIn,
                        bpsIn,
                        running,
                        processes,
                        connectionsTotal.get(Origin.PROXY).sum(),
                        connectionsTotal.get(Origin.FFMPEG).sum(),
                        java.util.Collections.unmodifiableSortedMap(refusedNow),
                        ledger.databaseUp(),
                        ledger.statements(),
                        ledger.pending());
        return new Snapshot(
                now,
                node,
                totals,
                List.copyOf(chans),
                List.copyOf(conns),
                List.of(new NodeTotals(node, totals)));
    }

    /**
     * The whole cluster's figures: this node's and every other live node's latest snapshot, with
     * totals summed and a row per node. On a single server, {@link #snapshot()}.
     */
    public Snapshot clusterSnapshot() {
        Snapshot local = snapshot();
        PeerSnapshots p = peerSnapshots;
        if (p == null && peers.isResolvable()) {
            peerSnapshots = p = peers.get();
        }
        List<Snapshot> others = p != null ? p.peers() : List.of();
        if (others.isEmpty()) {
            return local;
        }
        var all = new ArrayList<Snapshot>(others.size() + 1);
        all.add(local);
        all.addAll(others);
        all.sort(Comparator.comparing(Snapshot::node));
        var chans = new ArrayList<ChannelLive>();
        var conns = new ArrayList<ConnectionLive>();
        var nodes = new ArrayList<NodeTotals>();
        for (Snapshot s : all) {
            chans.addAll(s.channels());
            conns.addAll(s.connections());
            nodes.add(new NodeTotals(s.node(), s.totals()));
        }
        conns.sort(Comparator.comparing(ConnectionLive::startedAt));
        chans.sort(Comparator.comparingLong(ChannelLive::channelId));
        return new Snapshot(
                local.at(),
                null,
                Totals.sum(all.stream().map(Snapshot::totals).toList()),
                List.copyOf(chans),
                List.copyOf(conns),
                List.copyOf(nodes));
    }

    /**
     * Figures of one server ({@code node} names it) or of a cluster ({@code node} null; {@code
     * nodes} has a row per node and the totals are their sums).
     */
    public record Snapshot(
            Instant at,
            String node,
            Totals totals,
            List<ChannelLive> channels,
            List<ConnectionLive> connections,
            List<NodeTotals> nodes) {}

    public record NodeTotals(String name, Totals totals) {}

    public record Totals(
            int viewers,
            int proxyViewers,
            int ffmpegViewers,
            long bytesOut,
            long bitsPerSecondOut,
            long bytesIn,
            long bitsPerSecondIn,
            int runningChannels,
            int ffmpegProcesses,
            long proxyConnectionsTotal,
            long ffmpegConnectionsTotal,
            Map<String, Long> refused,
            boolean databaseUp,
            long ledgerStatements,
            int ledgerPending) {

        /** A cluster's totals: sums; the database is up when every node reaches it. */
        static Totals sum(List<Totals> all) {
            int viewers = 0, proxy = 0, ffmpeg = 0, running = 0, processes = 0, pending = 0;
            long bytesOut = 0, bpsOut = 0, bytesIn = 0, bpsIn = 0, proxyTotal = 0;
            long ffmpegTotal = 0, statements = 0;
            boolean up = true;
            var refused = new java.util.TreeMap<String, Long>();
            for (Totals t : all) {
                viewers += t.viewers;
                proxy += t.proxyViewers;
                ffmpeg += t.ffmpegViewers;
                bytesOut += t.bytesOut;
                bpsOut += t.bitsPerSecondOut;
                bytesIn += t.bytesIn;
                bpsIn += t.bitsPerSecondIn;
                running += t.runningChannels;
                processes += t.ffmpegProcesses;
                proxyTotal += t.proxyConnectionsTotal;
                ffmpegTotal += t.ffmpegConnectionsTotal;
                if (t.refused != null) t.refused.forEach((k, v) -> refused.merge(k, v, Long::sum));
                up &= t.databaseUp;
                statements += t.ledgerStatements;
                pending += t.ledgerPending;
            }
            return new Totals(
                    viewers,
                    proxy,
                    ffmpeg,
                    bytesOut,
                    bpsOut,
                    bytesIn,
                    bpsIn,
                    running,
                    processes,
                    proxyTotal,
                    ffmpegTotal,
                    java.util.Collections.unmodifiableSortedMap(refused),
                    up,
                    statements,
                    pending);
        }
    }

    /** A running channel on one node ({@code node}); a relayed channel runs on several. */
    public record ChannelLive(
            String node,
            long channelId,
            String name,
            ChannelState state,
            Origin origin,
            int viewers,
            long bitsPerSecondIn,
            long bitsPerSecondOut,
            Instant since,
            long uptimeSeconds,
            long ffmpegPid,
            int restarts,
            String lastError,
            int sourceIndex,
            FeedSampled.FfmpegProgress progress) {}

    public record ConnectionLive(
            String node,
            String connectionId,
            long lineId,
            String lineUsername,
            long channelId,
            String channelName,
            Origin origin,
            String clientIp,
            String userAgent,
            String format,
            Instant startedAt,
            long bytesSent,
            long bitsPerSecond) {

        public static ConnectionLive of(Viewer v, long bytesSent, long bitsPerSecond, String node) {
            return new ConnectionLive(
                    node,
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
                    bytesSent,
                    bitsPerSecond);
        }
    }
}
