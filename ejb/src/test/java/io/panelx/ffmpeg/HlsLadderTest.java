package io.panelx.ffmpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HlsLadderTest {

    @Test
    void onlyTheNamesFfmpegWritesAreFiles() {
        for (String good : List.of("v0.m3u8", "v2.m3u8", "v0_1795655793.ts", "v1_0.ts")) {
            assertTrue(HlsLadder.isFileName(good), good);
        }
        for (String bad :
                List.of(
                        "",
                        "v3.m3u8",
                        "v9_1.ts",
                        "../v0.m3u8",
                        "v0.m3u8/..",
                        "v0_.ts",
                        "v0_1.ts.tmp",
                        "v0.m3u8.tmp",
                        "v0_12345678901234567890.ts",
                        "V0.m3u8",
                        "v0_-1.ts")) {
            assertFalse(HlsLadder.isFileName(bad), bad);
        }
        var ladder = new HlsLadder(Path.of("/data/ladder/7"));
        assertEquals(Path.of("/data/ladder/7/v1_42.ts"), ladder.file("v1_42.ts"));
        assertNull(ladder.file("../secret"));
    }

    @Test
    void masterPlaylistListsEveryRungBestFirst() {
        String master = new HlsLadder(Path.of("x")).masterPlaylist("/hls/TOKEN/");
        assertEquals(
                """
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=3440800,AVERAGE-BANDWIDTH=3128000,\
                RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"
                /hls/TOKEN/v0.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=1460800,AVERAGE-BANDWIDTH=1328000,\
                RESOLUTION=854x480,CODECS="avc1.4d401e,mp4a.40.2"
                /hls/TOKEN/v1.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=800800,AVERAGE-BANDWIDTH=728000,\
                RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"
                /hls/TOKEN/v2.m3u8
                """,
                master);
    }
}
