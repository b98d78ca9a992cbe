package io.panelx.monitoring;

import io.panelx.line.Refusal;
import io.panelx.stats.LiveStats;
import io.panelx.viewer.Origin;
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

    private PrometheusText() {}

    static String render(LiveStats.Snapshot snapshot) {
        return new PrometheusText().write(snapshot).out.toString();
    }

    private PrometheusText write(LiveStats.Snapshot s) {
        LiveStats.Totals t = s.totals();

        family("panelx_viewers", "gauge", "Viewer connections open now, by origin.");
        sample("panelx_viewers", label("origin", Origin.PROXY), t.proxyViewers());
        sample("panelx_viewers", label("origin", Origin.FFMPEG), t.ffmpegViewers());

        family(
                "panelx_connections_total",
                "counter",
                "Viewer connections admitted since the server started, by origin.");
        sample(
                "panelx_connections_total",
                label("origin", Origin.PROXY),
                t.proxyConnectionsTotal());
        sample(
                "panelx_connections_total",
                label("origin", Origin.FFMPEG),
                t.ffmpegConnectionsTotal());

        family(
                "panelx_connections_refused_total",
                "counter",
                "Stream and player API requests refused since the server started, by reason.");
        for (Refusal r : Refusal.values()) {
            sample(
                    "panelx_connections_refused_total",
                    label("reason", r),
                    t.refused().getOrDefault(r.name(), 0L));
        }

        gauge(
                "panelx_outbound_bits_per_second",
                "Bitrate sent to players now.",
                t.bitsPerSecondOut());
        family(
                "panelx_outbound_bytes_total",
                "counter",
                "Bytes sent to players since the server started.");
        sample("panelx_outbound_bytes_total", "", t.bytesOut());
        gauge(
                "panelx_inbound_bits_per_second",
                "Bitrate received from the sources of the running channels now.",
                t.bitsPerSecondIn());
        gauge(
                "panelx_inbound_bytes",
                "Bytes received by the sources of the channels running now.",
                t.bytesIn());
        gauge(
                "panelx_running_channels",
                "Channels whose feed is not stopped (starting, running, restarting, failed).",
                t.runningChannels());
        gauge("panelx_ffmpeg_processes", "FFmpeg processes running now.", t.ffmpegProcesses());
        gauge(
                "panelx_database_up",
                "1 while the ledger reaches the database.",
                t.databaseUp() ? 1 : 0);
        family(
                "panelx_ledger_statements_total",
                "counter",
                "SQL statements the connection ledger has executed since the server started.");
        sample("panelx_ledger_statements_total", "", t.ledgerStatements());
        gauge(
                "panelx_ledger_pending",
                "Connection record changes not yet in the database.",
                t.ledgerPending());

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

    private static String channel(LiveStats.ChannelLive c) {
        return label("channel_id", c.channelId()) + "," + label("channel", c.name());
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
