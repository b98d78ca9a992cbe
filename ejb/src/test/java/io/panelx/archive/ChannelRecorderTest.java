package io.panelx.archive;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelRecorderTest {

    static final int TS = 188;
    static final long T0 = 1_790_000_000_000L; // some wall-clock instant, UTC

    @TempDir Path root;
    final AtomicLong now = new AtomicLong(T0);

    /** A chunk of 10 TS packets: PAT (PMT on PID 0x1000), PMT, then video packets. */
    static byte[] chunk(boolean tables, int fill) {
        byte[] c = new byte[10 * TS];
        for (int p = 0; p < c.length; p += TS) {
            c[p] = 0x47;
            c[p + 1] = 0x01;
            c[p + 2] = 0x00; // PID 0x100: video
            c[p + 3] = 0x10;
            for (int i = 4; i < TS; i++) c[p + i] = (byte) fill;
        }
        if (tables) {
            // PAT: PUSI, PID 0, pointer 0, table 0, section length 13, program 1 -> PMT PID 0x1000
            byte[] pat = {
                0x47,
                0x40,
                0x00,
                0x10,
                0x00,
                0x00,
                (byte) 0xb0,
                0x0d,
                0x00,
                0x01,
                (byte) 0xc1,
                0x00,
                0x00,
                0x00,
                0x01,
                (byte) 0xf0,
                0x00,
                0,
                0,
                0,
                0
            };
            System.arraycopy(pat, 0, c, 0, pat.length);
            c[TS] = 0x47;
            c[TS + 1] = 0x50; // PUSI, PID 0x1000
            c[TS + 2] = 0x00;
        }
        return c;
    }

    ChannelRecorder recorder(ArchiveStore store, long channelId) {
        return new ChannelRecorder(store.archive(channelId), now::get, store);
    }

    /** Feeds one chunk per second for {@code seconds}, a keyframe every {@code gop} seconds. */
    void feed(ChannelRecorder r, int seconds, int gop) {
        for (int i = 0; i < seconds; i++) {
            boolean key = i % gop == 0;
            byte[] c = chunk(i == 0, i);
            r.accept(c, 0, c.length, key);
            now.addAndGet(1000);
        }
    }

    @Test
    void cutsAtKeyframesWithTablesFirstAndReadsTheIndexBack() throws Exception {
        var store = new ArchiveStore(root, Long.MAX_VALUE);
        var r = recorder(store, 7);
        feed(r, 24, 2); // keyframes at 0,2,4,...: cuts at 6 s
        r.close();
        var a = store.find(7);
        assertEquals(RecordingState.WAITING, r.state());
        assertEquals(4, a.size(), "6+6+6+5 s");
        Segment first = a.oldest();
        assertEquals(T0, first.startMillis());
        assertEquals(6000, first.durationMillis());
        assertTrue(first.keyframe());
        assertTrue(first.afterGap(), "nothing before the first segment");
        assertFalse(a.newest().afterGap());
        assertEquals(2, first.marks().size(), "keyframes at 2 s and 4 s inside");
        byte[] second = Files.readAllBytes(a.fileOf(a.between(T0 + 6000, T0 + 6001).get(0)));
        assertEquals(0, second[2], "second segment starts with the PAT seen in the first");
        assertEquals(0x40, second[1] & 0xff);
        assertEquals(2 * TS + 6 * 10 * TS, second.length);

        var reloaded = ChannelArchive.load(7, root.resolve("7"));
        assertEquals(a.size(), reloaded.size());
        assertEquals(a.bytes(), reloaded.bytes());
        assertEquals(first, reloaded.oldest());
        assertEquals(T0 + 4000, first.startFor(T0 + 5500), "seek to the keyframe before");
        assertEquals(first.marks().get(1).offset(), first.offsetFor(T0 + 5500));
    }

    @Test
    void aGapIsRecordedAndChunksWaitForAKeyframe() {
        var store = new ArchiveStore(root, Long.MAX_VALUE);
        var r = recorder(store, 1);
        feed(r, 8, 2);
        r.gap();
        now.addAndGet(30_000); // the source was away
        byte[] c = chunk(false, 1);
        r.accept(c, 0, c.length, false); // no keyframe: not written
        now.addAndGet(1000);
        feed(r, 8, 2);
        r.close();
        var a = store.find(1);
        var gaps = a.gaps();
        assertEquals(1, gaps.size());
        assertEquals(T0 + 7000, gaps.get(0)[0], "the segment ends at its last chunk");
        assertEquals(T0 + 39_000, gaps.get(0)[1], "the next starts at the next keyframe");
        assertFalse(a.covers(T0 + 10_000, T0 + 30_000));
    }

    @Test
    void theQuotaDeletesTheOldestSegmentOfAnyChannel() {
        var store = new ArchiveStore(root, Long.MAX_VALUE);
        var a = recorder(store, 1);
        var b = recorder(store, 2);
        feed(a, 12, 2); // channel 1: two segments, older
        feed(b, 12, 2); // channel 2: two segments, newer
        a.close();
        b.close();
        long oldestOf1 = store.find(1).oldest().startMillis();
        assertTrue(Files.exists(store.find(1).fileOf(store.find(1).oldest())));
        store.maxBytes(store.bytes() - 1);
        assertEquals(1, store.pruneByQuota());
        assertTrue(store.find(1).oldest().startMillis() > oldestOf1);
        assertFalse(
                Files.exists(
                        root.resolve("1")
                                .resolve(store.find(1).hourDir(oldestOf1).getFileName())
                                .resolve(oldestOf1 + ".ts")));
        assertEquals(2, store.find(2).size(), "the newer channel keeps its segments");
    }

    @Test
    void aQuotaSmallerThanASegmentStopsRecordingWithTheReason() {
        var store = new ArchiveStore(root, 1000);
        var r = recorder(store, 3);
        feed(r, 9, 2);
        assertEquals(RecordingState.FAILED, r.state());
        assertTrue(r.failure().contains("quota"), r.failure());
        long before = r.bytesWritten();
        feed(r, 3, 1);
        assertEquals(before, r.bytesWritten(), "nothing more is written");
    }

    @Test
    void anIoErrorStopsRecordingThatChannelOnly() throws Exception {
        var store = new ArchiveStore(root, Long.MAX_VALUE);
        Files.writeString(root.resolve("4"), "not a folder"); // the channel's folder is unusable
        var broken = recorder(store, 4);
        var fine = recorder(store, 5);
        for (int i = 0; i < 8; i++) {
            byte[] c = chunk(i == 0, i);
            broken.accept(c, 0, c.length, i % 2 == 0);
            fine.accept(c, 0, c.length, i % 2 == 0);
            now.addAndGet(1000);
        }
        assertEquals(RecordingState.FAILED, broken.state());
        assertTrue(broken.failure().startsWith("archive write failed"), broken.failure());
        assertEquals(RecordingState.RECORDING, fine.state());
        assertEquals(1, store.find(5).size());
    }

    @Test
    void pruningByAgeRemovesOldSegmentsAndEmptyHourFolders() throws Exception {
        var store = new ArchiveStore(root, Long.MAX_VALUE);
        var r = recorder(store, 6);
        feed(r, 12, 2);
        now.addAndGet(3_600_000); // an hour later, another hour folder
        r.gap();
        feed(r, 12, 2);
        r.close();
        var a = store.find(6);
        assertEquals(4, a.size());
        Path oldHour = a.hourDir(T0);
        assertTrue(Files.isDirectory(oldHour));
        assertEquals(2, store.pruneByAge(6, T0 + 3_600_000));
        assertFalse(Files.exists(oldHour), "the emptied hour folder is gone");
        assertEquals(2, ChannelArchive.load(6, root.resolve("6")).size());
    }

    @Test
    void theFirstProgramsPmtPidIsReadFromThePat() {
        assertEquals(0x1000, ChannelRecorder.pmtPidOf(chunk(true, 0)));
    }

    @Test
    void aWindowStartsAtTheKeyframeBeforeItsStartWithTablesAndSkipsGaps() throws Exception {
        var store = new ArchiveStore(root, Long.MAX_VALUE);
        var r = recorder(store, 8);
        feed(r, 12, 2); // segments [0,6) [6,11]
        r.gap();
        now.addAndGet(20_000);
        feed(r, 6, 2); // after the gap: [32,37]
        r.close();
        var a = store.find(8);
        var w = ArchiveWindow.of(a, T0 + 9_500, T0 + 60_000);
        assertEquals(2, w.segments().size(), "the segment holding 9.5 s and the one after the gap");
        assertEquals(T0 + 8_000, w.startsAtMillis(), "the keyframe at 8 s");
        assertEquals(3, w.ranges().size(), "tables, the rest of segment 2, segment 3");
        byte[] all = new byte[(int) w.bytes()];
        int n = 0;
        try (var reader = new ArchiveReader(w.ranges())) {
            byte[] buf = new byte[1000];
            for (int k; (k = reader.read(buf, 0, buf.length)) >= 0; ) {
                System.arraycopy(buf, 0, all, n, k);
                n += k;
            }
        }
        assertEquals(w.bytes(), n);
        assertEquals(0x40, all[1] & 0xff, "starts with the PAT");
        assertEquals(8, all[2 * TS + 4], "then the chunk of second 8");
        Files.delete(a.fileOf(w.segments().get(1))); // pruned while playing
        try (var reader = new ArchiveReader(w.ranges())) {
            byte[] buf = new byte[100_000];
            int total = 0;
            for (int k; (k = reader.read(buf, 0, buf.length)) >= 0; ) total += k;
            assertEquals(w.ranges().get(0).length() + w.ranges().get(1).length(), total);
        }
        assertTrue(ArchiveWindow.of(a, T0 + 12_500, T0 + 30_000).isEmpty(), "inside the gap");
    }

    @Test
    void aByteRangeOfAWindowSpansItsFiles() {
        var a = Path.of("a");
        var b = Path.of("b");
        var ranges =
                java.util.List.of(
                        new ArchiveWindow.Range(a, 0, 376),
                        new ArchiveWindow.Range(a, 1000, 2000),
                        new ArchiveWindow.Range(b, 0, 500));
        assertEquals(
                java.util.List.of(
                        new ArchiveWindow.Range(a, 1300, 2000), new ArchiveWindow.Range(b, 0, 100)),
                ArchiveWindow.slice(ranges, 676, 1476));
        assertEquals(ranges, ArchiveWindow.slice(ranges, 0, 1876));
        assertTrue(ArchiveWindow.slice(ranges, 1876, 2000).isEmpty());
    }
}
