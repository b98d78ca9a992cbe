package io.panelx.monitoring;

import static org.junit.jupiter.api.Assertions.*;

import io.panelx.delivery.ChannelState;
import io.panelx.line.Refusal;
import io.panelx.stats.LiveStats;
import io.panelx.viewer.Origin;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static LiveStats.Snapshot snapshot(String channelName) {
        return snapshot(channelName, "node1");
    }

    private static LiveStats.Snapshot snapshot(String channelName, String node) {
        var totals =
                new LiveStats.Totals(
                        3,
                        1,
                        2,
                        5000,
                        800,
                        9000,
                        1200,
                        1,
                        1,
                        4,
                        7,
                        Map.of(Refusal.EXPIRED.name(), 2L),
                        true,
                        42,
                        0);
        var channel =
                new LiveStats.ChannelLive(
                        node,
                        5,
                        channelName,
                        ChannelState.RUNNING,
                        Origin.FFMPEG,
                        2,
                        1200,
                        600,
                        Instant.EPOCH,
                        42,
                        4711,
                        3,
                        null,
                        0,
                        null);
        return new LiveStats.Snapshot(
                Instant.EPOCH,
                node,
                totals,
                List.of(channel),
                List.of(),
                List.of(new LiveStats.NodeTotals(node, totals)));
    }

    /** Two nodes' figures merged as LiveStats.clusterSnapshot does (node null, a row each). */
    private static LiveStats.Snapshot cluster() {
        var a = snapshot("News", "node1");
        var b = snapshot("News", "node2");
        return new LiveStats.Snapshot(
                Instant.EPOCH,
                null,
                a.totals(),
                List.of(a.channels().get(0), b.channels().get(0)),
                List.of(),
                List.of(a.nodes().get(0), b.nodes().get(0)));
    }

    @Test
    void aClusterNodesFiguresCarryTheNodeLabel() {
        String text = PrometheusText.render(cluster());
        assertTrue(text.contains("\npanelx_cluster_nodes 2\n"), text);
        assertTrue(text.contains("\npanelx_viewers{node=\"node1\",origin=\"proxy\"} 1\n"), text);
        assertTrue(text.contains("\npanelx_viewers{node=\"node2\",origin=\"ffmpeg\"} 2\n"), text);
        assertTrue(text.contains("\npanelx_outbound_bytes_total{node=\"node2\"} 5000\n"), text);
        assertTrue(
                text.contains(
                        "\npanelx_channel_viewers{node=\"node2\",channel_id=\"5\",channel=\"News\"} 2\n"),
                text);
        // one HELP/TYPE per family, even with a sample per node
        assertEquals(1, text.split("# TYPE panelx_viewers ", -1).length - 1);
    }

    @Test
    void aSingleServersFiguresHaveNoNodeLabel() {
        assertFalse(PrometheusText.render(snapshot("News")).contains("node="));
    }

    @Test
    void everyFamilyHasHelpAndTypeBeforeItsSamples() {
        String text = PrometheusText.render(snapshot("News"));
        String current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                current = line.split(" ")[2];
            } else if (line.startsWith("# TYPE ")) {
                assertEquals(current, line.split(" ")[2], line);
                assertTrue(line.endsWith(" gauge") || line.endsWith(" counter"), line);
            } else {
                assertNotNull(current, line);
                assertTrue(line.startsWith(current + " ") || line.startsWith(current + "{"), line);
            }
        }
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void figuresComeFromTheSnapshot() {
        String text = PrometheusText.render(snapshot("News"));
        assertTrue(text.contains("\npanelx_viewers{origin=\"proxy\"} 1\n"));
        assertTrue(text.contains("\npanelx_viewers{origin=\"ffmpeg\"} 2\n"));
        assertTrue(text.contains("\npanelx_outbound_bytes_total 5000\n"));
        assertTrue(text.contains("\npanelx_connections_refused_total{reason=\"expired\"} 2\n"));
        assertTrue(text.contains("\npanelx_connections_refused_total{reason=\"banned\"} 0\n"));
        assertTrue(text.contains("\npanelx_running_channels 1\n"));
        assertTrue(
                text.contains(
                        "\npanelx_channel_ffmpeg_pid{channel_id=\"5\",channel=\"News\"} 4711\n"));
        assertTrue(
                text.contains(
                        "\npanelx_channel_info{channel_id=\"5\",channel=\"News\",state=\"running\","
                                + "origin=\"ffmpeg\"} 1\n"));
    }

    @Test
    void labelValuesAreEscaped() {
        String text = PrometheusText.render(snapshot("a \"b\" \\ c\nd"));
        assertTrue(
                text.contains("channel=\"a \\\"b\\\" \\\\ c\\nd\""),
                "escaped channel name in: " + text);
    }
}
