package io.panelx.monitoring;

import io.panelx.line.Refusal;
import io.panelx.stats.LiveStats;
import io.panelx.viewer.Origin;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Renders a snapshot in the Prometheus text exposition format 0.0.4. Counters are only what never
 * goes down while the server runs; figures of running channels, which vanish when a channel stops,
 * are gauges so that rate() does not mistake a stop for a counter reset.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);
    private boolean clusterView;

    private PrometheusText() {}

    static String render(LiveStats.Snapshot snapshot) {
        return new PrometheusText().write(snapshot).out.toString();
    }

    /**
     * A single server's samples carry no node label. A cluster node's carry {@code node}: one
     * series per node of the cluster for each figure, so that any one node's /metrics shows the
     * whole cluster (sum by node for the totals), plus panelx_cluster_nodes.
     */
    private PrometheusText write(LiveStats.Snapshot s) {
        boolean cluster = s.node() == null;
        clusterView = cluster;
        List<LiveStats.NodeTotals> nodes = s.nodes();
        if (cluster) {
            gauge(
                    "panelx_cluster_nodes",
                    "Nodes of the cluster that report figures.",
                    nodes.size());
        }

        family("panelx_viewers", "gauge", "Viewer connections open now, by origin.");
        for (LiveStats.NodeTotals n : nodes) {
            String at = cluster ? label("node", n.name()) + "," : "";
            sample("panelx_viewers", at + label("origin", Origin.PROXY), n.totals().proxyViewers());
            sample(
                    "panelx_viewers",
                    at + label("origin", Origin.FFMPEG),
                    n.totals().ffmpegViewers());
        }

        family(
                "panelx_connections_total",
                "counter",
                "Viewer connections admitted since the server started, by origin.");
        for (LiveStats.NodeTotals n : nodes) {
            String at = cluster ? label("node", n.name()) + "," : "";
            sample(
                    "panelx_connections_total",
                    at + label("origin", Origin.PROXY),
                    n.totals().proxyConnectionsTotal());
            sample(
                    "panelx_connections_total",
                    at + label("origin", Origin.FFMPEG),
                    n.totals().ffmpegConnectionsTotal());
        }

        family(
                "panelx_connections_refused_total",
                "counter",
                "Stream and player API requests refused since the server started, by reason.");
        for (LiveStats.NodeTotals n : nodes) {
            String at = cluster ? label("node", n.name()) + "," : "";
            for (Refusal r : Refusal.values()) {
                sample(
                        "panelx_connections_refused_total",
                        at + label("reason", r),
                        n.totals().refused().getOrDefault(r.name(), 0L));
            }
        }

        perNode(
                nodes,
                cluster,
                "panelx_outbound_bits_per_second",
                "gauge",
                "Bitrate sent to players now.",
                LiveStats.Totals::bitsPerSecondOut);
        perNode(
                nodes,
                cluster,
                "panelx_outbound_bytes_total",
                "counter",
                "Bytes sent to players since the server started.",
                LiveStats.Totals::bytesOut);
        perNode(
                nodes,
                cluster,
                "panelx_inbound_bits_per_second",
                "gauge",
                "Bitrate received from the sources of the running channels now.",
                LiveStats.Totals::bitsPerSecondIn);
        perNode(
                nodes,
                cluster,
                "panelx_inbound_bytes",
                "gauge",
                "Bytes received by the sources of the channels running now.",
                LiveStats.Totals::bytesIn);
        perNode(
                nodes,
                cluster,
                "panelx_running_channels",
                "gauge",
                "Channels whose feed is not stopped (starting, running, restarting, failed).",
                LiveStats.Totals::runningChannels);
        perNode(
                nodes,
                cluster,
                "panelx_ffmpeg_processes",
                "gauge",
                "FFmpeg processes running now.",
                LiveStats.Totals::ffmpegProcesses);
        perNode(
                nodes,
                cluster,
                "panelx_database_up",
                "gauge",
                "1 while the ledger reaches the database.",
                t -> t.databaseUp() ? 1 : 0);
        perNode(
                nodes,
                cluster,
                "panelx_ledger_statements_total",
                "counter",
                "SQL statements the connection ledger has executed since the server started.",
                LiveStats.Totals::ledgerStatements);
        perNode(
                nodes,
                cluster,
                "panelx_ledger_pending",
                "gauge",
                "Connection record changes not yet in the database.",
                LiveStats.Totals::ledgerPending);

        family(
                "panelx_channel_info",
                "gauge",
                "Always 1: a running channel's state and origin as labels.");
        for (LiveStats.ChannelLive c : s.channels()) {
            sample(
                    "panelx_channel_info",
                    channel(c)
                            + ","
                            + label("state", c.state())
                            + ","
                            + label("origin", c.origin()),
                    1);
        }
        perChannel(s, "panelx_channel_viewers", "Viewers of a running channel.", c -> c.viewers());
        perChannel(
                s,
                "panelx_channel_inbound_bits_per_second",
                "Bitrate a running channel's source delivers now.",
                LiveStats.ChannelLive::bitsPerSecondIn);
        perChannel(
                s,
                "panelx_channel_outbound_bits_per_second",
                "Bitrate sent to a running channel's viewers now.",
                LiveStats.ChannelLive::bitsPerSecondOut);
        perChannel(
                s,
                "panelx_channel_uptime_seconds",
                "Seconds since a running channel entered its current state.",
                LiveStats.ChannelLive::uptimeSeconds);
        perChannel(
                s,
                "panelx_channel_restarts",
                "Restarts of a running channel's source.",
                c -> c.restarts());
        perChannel(
                s,
                "panelx_channel_ffmpeg_pid",
                "Pid of a running channel's FFmpeg process, 0 for direct proxies.",
                LiveStats.ChannelLive::ffmpegPid);
        return this;
    }

    private void perChannel(
            LiveStats.Snapshot s,
            String name,
            String help,
            ToLongFunction<LiveStats.ChannelLive> value) {
        family(name, "gauge", help);
        for (LiveStats.ChannelLive c : s.channels()) {
            sample(name, channel(c), value.applyAsLong(c));
        }
    }

    private void perNode(
            List<LiveStats.NodeTotals> nodes,
            boolean cluster,
            String name,
            String type,
            String help,
            ToLongFunction<LiveStats.Totals> value) {
        family(name, type, help);
        for (LiveStats.NodeTotals n : nodes) {
            sample(name, cluster ? label("node", n.name()) : "", value.applyAsLong(n.totals()));
        }
    }

    private void gauge(String name, String help, long value) {
        family(name, "gauge", help);
        sample(name, "", value);
    }

    private void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, String labels, long value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private String channel(LiveStats.ChannelLive c) {
        String at = clusterView ? label("node", c.node()) + "," : "";
        return at + label("channel_id", c.channelId()) + "," + label("channel", c.name());
    }

    /** Enum values become lower-case label values, as Prometheus labels usually are. */
    private static String label(String name, Object value) {
        String text =
                value == null
                        ? ""
                        : value instanceof Enum<?> e
                                ? e.name().toLowerCase(Locale.ROOT)
                                : value.toString();
        return name + "=\"" + escape(text) + "\"";
    }

    /** Label values escape backslash, double quote and line feed (format 0.0.4). */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
