package io.panelx.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import io.panelx.channel.FfmpegProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {

    @Test
    void theLadderEncodesEveryRungOnceAndTeesTheTopRungToStdout() {
        var args =
                FfmpegCommand.toMpegTs(
                        "http://upstream/a.ts", FfmpegProfile.HLS_LADDER, "marker", 0);
        assertTrue(args.contains("panelx_instance=marker"));
        assertEquals("tee", args.get(args.size() - 2));
        String[] slaves = args.get(args.size() - 1).split("\\|");
        assertEquals(4, slaves.length);
        assertEquals("[select=\\'v:0,a\\':f=mpegts:mpegts_flags=+resend_headers]pipe:1", slaves[0]);
        for (int i = 0; i < 3; i++) {
            assertTrue(slaves[i + 1].startsWith("[select=\\'v:" + i + ",a\\':f=hls:"));
            assertTrue(
                    slaves[i + 1].endsWith(
                            "hls_segment_filename=v" + i + "_%d.ts]v" + i + ".m3u8"));
            assertEquals(
                    List.of("-map", "[v" + i + "]"),
                    args.subList(
                            args.indexOf("[v" + i + "]") - 1, args.indexOf("[v" + i + "]") + 1));
        }
        assertEquals("0:a:0?", args.get(args.indexOf("[v2]") + 2), "encoded input: its audio");
        assertEquals(1, args.stream().filter("-filter_complex"::equals).count());
    }

    @Test
    void aTestPatternsAudioIsItsSecondInput() {
        var args = FfmpegCommand.toMpegTs("lavfi:testsrc2", FfmpegProfile.HLS_LADDER, "m", 0);
        assertEquals("1:a:0", args.get(args.indexOf("[v2]") + 2));
    }

    @Test
    void otherProfilesWriteOnlyMpegTsToStdout() {
        var args = FfmpegCommand.toMpegTs("http://upstream/a.ts", FfmpegProfile.COPY, "m", 0);
        assertFalse(args.contains("tee"));
        assertEquals("pipe:1", args.get(args.size() - 1));
    }

    @Test
    void aPushIngestListensOnTheConfiguredAddressAndPort() {
        System.setProperty("panelx.rtmp-ingest-address", "10.0.0.5");
        try {
            var args = FfmpegCommand.toMpegTs("push:abc", FfmpegProfile.COPY, "m", 19351);
            assertEquals("rtmp://10.0.0.5:19351/live/abc", args.get(args.indexOf("-i") + 1));
            assertTrue(args.contains("-listen"));
            System.setProperty("panelx.rtmp-ingest-address", "10.0.0.5 -y");
            assertThrows(
                    IllegalArgumentException.class,
                    () -> FfmpegCommand.toMpegTs("push:abc", FfmpegProfile.COPY, "m", 19351));
        } finally {
            System.clearProperty("panelx.rtmp-ingest-address");
        }
    }
}
