package io.panelx.timeshift;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeshiftRequestTest {

    static final long T = Instant.parse("2026-12-01T19:45:00Z").toEpochMilli();

    @Test
    void thePathFormOfXtreamCodes() {
        var r = TimeshiftRequest.parsePath("/alice/pw/60/2026-12-01:19-45/42.ts");
        assertEquals("alice", r.username());
        assertEquals(42, r.channelId());
        assertEquals(T, r.startMillis(), "read in UTC, the zone player_api.php announces");
        assertEquals(60, r.minutes());
        assertEquals(T + 3_600_000, r.endMillis());
        assertEquals("ts", r.format());
        assertEquals("m3u8", TimeshiftRequest.parsePath("a/p/5/2026-12-01:19-45/42.m3u8").format());
    }

    @Test
    void theAlternatePathAndThePhpForm() {
        var alt = TimeshiftRequest.parseAlternatePath("/a/p/30/42/2026-12-01:19-45.ts");
        assertEquals(42, alt.channelId());
        assertEquals(T, alt.startMillis());
        var php = TimeshiftRequest.parseQuery("a", "p", "42", "2026-12-01:19-45", "30", null);
        assertEquals(30, php.minutes());
        assertEquals("ts", php.format());
        assertEquals(
                "m3u8",
                TimeshiftRequest.parseQuery("a", "p", "42", "2026-12-01:19-45", "30", "m3u8")
                        .format());
    }

    @Test
    void otherStartFormsPlayersSend() {
        assertEquals(T, TimeshiftRequest.startMillis(Long.toString(T / 1000)));
        assertEquals(T + 12_000, TimeshiftRequest.startMillis("2026-12-01:19-45-12"));
        assertEquals(T - 45 * 60_000, TimeshiftRequest.startMillis("20261201-19"));
    }

    @Test
    void malformedRequestsAreRefused() {
        assertNull(TimeshiftRequest.parsePath("/a/p/60/2026-12-01:19-45/42"));
        assertNull(TimeshiftRequest.parsePath("/a/p/60/2026-12-01:19-45/42.mp4"));
        assertNull(TimeshiftRequest.parsePath("/a/p/0/2026-12-01:19-45/42.ts"));
        assertNull(TimeshiftRequest.parsePath("/a/p/99999999/2026-12-01:19-45/42.ts"));
        assertNull(TimeshiftRequest.parsePath("/a/p/60/2026-13-01:19-45/42.ts"));
        assertNull(TimeshiftRequest.parsePath("/a/p/60/yesterday/42.ts"));
        assertNull(TimeshiftRequest.parsePath("/a//60/2026-12-01:19-45/42.ts"));
        assertNull(TimeshiftRequest.parsePath("/a/p/60/2026-12-01:19-45/-4.ts"));
        assertNull(TimeshiftRequest.parseQuery("a", "p", "42", null, "30", null));
        assertNull(TimeshiftRequest.parseQuery("a", "p", "42", "2026-12-01:19-45", "30", "mkv"));
    }

    @Test
    void segmentNames() {
        assertArrayEquals(
                new long[] {1790000000000L, 0}, ArchivePlaylist.segmentName("1790000000000.ts"));
        assertArrayEquals(
                new long[] {1790000000000L, 376},
                ArchivePlaylist.segmentName("1790000000000-376.ts"));
        assertNull(ArchivePlaylist.segmentName("../../etc/passwd"));
        assertNull(ArchivePlaylist.segmentName("12-.ts"));
        assertNull(ArchivePlaylist.segmentName("x.ts"));
    }

    @Test
    void byteRanges() {
        assertArrayEquals(new long[0], TimeshiftRoute.byteRange(null, 1000));
        assertArrayEquals(new long[] {100, 999}, TimeshiftRoute.byteRange("bytes=100-", 1000));
        assertArrayEquals(new long[] {0, 99}, TimeshiftRoute.byteRange("bytes=0-99", 1000));
        assertArrayEquals(new long[] {900, 999}, TimeshiftRoute.byteRange("bytes=-100", 1000));
        assertArrayEquals(new long[] {10, 999}, TimeshiftRoute.byteRange("bytes=10-5000", 1000));
        assertNull(TimeshiftRoute.byteRange("bytes=1000-", 1000));
        assertNull(TimeshiftRoute.byteRange("bytes=5-4", 1000));
        assertArrayEquals(new long[0], TimeshiftRoute.byteRange("bytes=0-1,5-6", 1000));
    }
}
