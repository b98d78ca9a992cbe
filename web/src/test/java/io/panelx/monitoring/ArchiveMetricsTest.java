package io.panelx.monitoring;

import static org.junit.jupiter.api.Assertions.*;

import io.panelx.archive.ArchiveStatus;
import io.panelx.archive.RecordingState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveMetricsTest {

    @Test
    void totalsPerChannelBytesAndOneCurrentStatePerRecorder() {
        var failed =
                new ArchiveStatus(
                        7, 2, RecordingState.FAILED, "disk full", 1000, 3, null, null, List.of());
        var fine =
                new ArchiveStatus(
                        8, 1, RecordingState.RECORDING, null, 500, 1, null, null, List.of());
        String text = ArchiveMetrics.render(List.of(failed, fine), 4096);
        assertTrue(text.contains("\npanelx_archive_bytes 1500\n"), text);
        assertTrue(text.contains("\npanelx_archive_max_bytes 4096\n"));
        assertTrue(text.contains("panelx_archive_channel_bytes{channel=\"7\"} 1000\n"));
        assertTrue(text.contains("panelx_archive_recorder{channel=\"7\",state=\"FAILED\"} 1\n"));
        assertTrue(text.contains("panelx_archive_recorder{channel=\"7\",state=\"RECORDING\"} 0\n"));
        assertTrue(text.contains("panelx_archive_recorder{channel=\"8\",state=\"RECORDING\"} 1\n"));
        assertTrue(text.contains("# TYPE panelx_archive_recorder gauge\n"));
        assertFalse(text.contains("disk full"), "reasons belong in the API and JMX, not in labels");
    }
}
