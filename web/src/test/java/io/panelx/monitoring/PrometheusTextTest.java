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
        return new LiveStats.Snapshot(Instant.EPOCH, totals, List.of(channel), List.of());
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
