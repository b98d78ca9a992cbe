package io.panelx.timeshift;

import static org.junit.jupiter.api.Assertions.*;

import io.panelx.archive.ArchiveWindow;
import io.panelx.archive.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchivePlaylistTest {

    static final long T = 1_790_000_000_000L;

    static Segment segment(long start, long millis, boolean afterGap) {
        return new Segment(
                start, millis, 1000, true, afterGap, 376, List.of(new Segment.Mark(5000, 2000)));
    }

    @Test
    void aPastWindowIsAVodPlaylistWithADiscontinuityAtTheGap() {
        var segments =
                List.of(
                        segment(T, 6000, true),
                        segment(T + 6000, 6000, false),
                        segment(T + 30_000, 8000, true));
        var w = new ArchiveWindow(T + 2500, T + 40_000, T + 2000, segments, List.of());
        String m3u8 = ArchivePlaylist.of(w, "/timeshift-hls/tok/7/", true);
        assertEquals(
                "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:8\n#EXT-X-MEDIA-SEQUENCE:0\n"
                        + "#EXT-X-PLAYLIST-TYPE:VOD\n"
                        + "#EXTINF:4.000,\n/timeshift-hls/tok/7/"
                        + T
                        + "-5000.ts\n"
                        + "#EXTINF:6.000,\n/timeshift-hls/tok/7/"
                        + (T + 6000)
                        + ".ts\n"
                        + "#EXT-X-DISCONTINUITY\n"
                        + "#EXTINF:8.000,\n/timeshift-hls/tok/7/"
                        + (T + 30_000)
                        + ".ts\n"
                        + "#EXT-X-ENDLIST\n",
                m3u8);
    }

    @Test
    void aWindowStillAiringIsAnEventPlaylistWithoutEnd() {
        var w = new ArchiveWindow(T, T + 3_600_000, T, List.of(segment(T, 6000, false)), List.of());
        String m3u8 = ArchivePlaylist.of(w, "/p/", false);
        assertTrue(m3u8.contains("#EXT-X-PLAYLIST-TYPE:EVENT\n"));
        assertFalse(m3u8.contains("ENDLIST"));
    }
}
