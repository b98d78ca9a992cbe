package io.panelx.channel;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelInfoTest {

    private static ChannelInfo channel(Integer ingestPort, String... sources) {
        return new ChannelInfo(
                7,
                "Cam",
                null,
                null,
                null,
                null,
                List.of(sources),
                DeliveryMode.FFMPEG,
                FfmpegProfile.COPY,
                false,
                true,
                0,
                Instant.now(),
                ingestPort,
                0);
    }

    @Test
    void primaryAndBackupPushSourcesShareTheChannelsPort() {
        var c = channel(19351, "push:main", "http://backup/x.ts", "PUSH:spare");
        assertEquals(19351, c.ingestPortFor("push:main"));
        assertEquals(19351, c.ingestPortFor("PUSH:spare"));
        assertEquals(0, c.ingestPortFor("http://backup/x.ts"), "no port for a pulled source");
    }

    @Test
    void aPushSourceWithoutAPortFailsWithTheReason() {
        var c = channel(null, "push:main");
        var e = assertThrows(IllegalStateException.class, () -> c.ingestPortFor("push:main"));
        assertTrue(e.getMessage().contains("panelx.rtmp-ingest-ports"), e.getMessage());
        assertEquals(0, channel(null, "lavfi:testsrc").ingestPortFor("lavfi:testsrc"));
    }
}
