package io.panelx.monitoring;

import io.panelx.archive.ArchiveStatus;
import io.panelx.archive.RecordingState;
import java.util.List;

/**
 * The archive's part of {@code /metrics}: disk use in total and per channel, the quota, and each
 * recorder's state as a 0/1 gauge per state (alert on {@code
 * panelx_archive_recorder{state="FAILED"} == 1}).
 */
final class ArchiveMetrics {

    private ArchiveMetrics() {}

    static String render(List<ArchiveStatus> channels, long maxBytes) {
        var out = new StringBuilder(256 + channels.size() * 200);
        long total = channels.stream().mapToLong(ArchiveStatus::bytes).sum();
        family(out, "panelx_archive_bytes", "Bytes of the catch-up archive on disk.");
        out.append("panelx_archive_bytes ").append(total).append('\n');
        family(out, "panelx_archive_max_bytes", "The archive's disk quota.");
        out.append("panelx_archive_max_bytes ").append(maxBytes).append('\n');
        family(out, "panelx_archive_channel_bytes", "Bytes of one channel's archive on disk.");
        for (ArchiveStatus s : channels) {
            out.append("panelx_archive_channel_bytes{channel=\"")
                    .append(s.channelId())
                    .append("\"} ")
                    .append(s.bytes())
                    .append('\n');
        }
        family(
                out,
                "panelx_archive_recorder",
                "A channel's recorder state: 1 for the current one.");
        for (ArchiveStatus s : channels) {
            for (RecordingState state : RecordingState.values()) {
                out.append("panelx_archive_recorder{channel=\"")
                        .append(s.channelId())
                        .append("\",state=\"")
                        .append(state)
                        .append("\"} ")
                        .append(s.state() == state ? 1 : 0)
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }
}
