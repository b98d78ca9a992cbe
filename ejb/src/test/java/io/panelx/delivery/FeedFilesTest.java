package io.panelx.delivery;

import static io.panelx.delivery.ViewerSessionTest.numbered;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.delivery.ViewerSessionTest.FakeOutput;
import io.panelx.viewer.EndReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Feed whose chunks are in segment files: what viewers and cursors get, and what is freed. */
class FeedFilesTest {

    @TempDir Path dir;

    final ViewerSessionTest sessions = new ViewerSessionTest();

    /** Segment files in the test's folder, remembered; refuses new ones after {@code limit}. */
    final class Files_ implements ChunkFiles {
        final List<FileChannel> created = new ArrayList<>();
        int limit = Integer.MAX_VALUE;

        @Override
        public FileChannel create() throws IOException {
            if (created.size() >= limit) {
                throw new IOException("No space left on device");
            }
            FileChannel f = ChunkFiles.in(dir).create();
            created.add(f);
            return f;
        }

        long open() {
            return created.stream().filter(FileChannel::isOpen).count();
        }
    }

    @Test
    void chunksGoOutOfTheSegmentFileInOneRangeAndCountOnceTheSocketTookThem() throws Exception {
        var files = new Files_();
        var feed = new Feed(files);
        var out = new FakeOutput();
        var s = sessions.session();
        s.stream(feed, out);
        out.runIoThread();
        byte[] published = ViewerSessionTest.publishNumbered(feed, 3);
        assertNotNull(feed.file(0), "the chunk is in a segment file");
        assertEquals(
                Feed.SEGMENT_BYTES,
                feed.file(0).size(),
                "sized to a huge page at once (a huge=within_size tmpfs gives it one)");
        try (var names = Files.list(dir)) {
            assertEquals(0, names.count(), "segment files have no name: a crash leaves nothing");
        }
        out.fullAfterWrite = true;
        out.runIoThread();
        assertEquals(1, out.transfers, "three chunks, one transfer of their range");
        assertEquals(0, out.writes, "no gathering write of memory");
        assertEquals(0, s.bytesSent(), "not before the socket is ready again");
        out.fullAfterWrite = false;
        out.ready = true;
        out.listener.writePossible();
        assertEquals(published.length, s.bytesSent());
        assertArrayEquals(published, out.transferred.toByteArray());
    }

    @Test
    void aSocketThatTakesPartOfARangeGetsTheRestFromTheFileInOrder() {
        var feed = new Feed(new Files_());
        var out = new FakeOutput();
        var s = sessions.session();
        s.stream(feed, out);
        out.runIoThread();
        byte[] published = ViewerSessionTest.publishNumbered(feed, 3);
        ViewerSessionTest.takeInParts(out, s, published.length);
        assertArrayEquals(published, out.transferred.toByteArray());
    }

    @Test
    void aSegmentClosedUnderASendfileEndsTheViewerAsTooSlowWithOnlyWhatTheSocketTook() {
        var files = new Files_();
        var feed = new Feed(files);
        var out = new FakeOutput();
        var s = sessions.session();
        s.stream(feed, out);
        out.runIoThread();
        ViewerSessionTest.publishNumbered(feed, 3);
        out.takesAtMost = 2_500; // mid-chunk: the socket is full
        out.runIoThread();
        assertEquals(0, s.bytesSent(), "not before the socket is ready again");
        // While the I/O thread is in the next sendfile, the Source laps the ring: the segment
        // file under the transfer is closed (the viewer fell a whole ring behind).
        byte[] c = numbered(1, Feed.SLOT_CAPACITY / Feed.TS_PACKET);
        out.duringTransfer =
                () -> {
                    for (int i = 0; i < 2 * Feed.SLOTS; i++) {
                        feed.write(c, 0, c.length);
                    }
                };
        out.takesAtMost = Long.MAX_VALUE;
        out.ready = true;
        out.listener.writePossible();
        assertFalse(files.created.get(0).isOpen(), "the segment under the transfer was freed");
        assertTrue(s.isEnded(), "ended, not left waiting for a file that is gone");
        assertEquals(1, sessions.disconnected.fired.size());
        var end = sessions.disconnected.fired.get(0);
        assertEquals(EndReason.TOO_SLOW, end.reason());
        assertEquals(2_500, end.bytesSent(), "what the socket took, not what was offered");
        assertEquals(2_500, s.bytesSent());
        assertTrue(out.aborted, "its connection is dropped, not ended like a complete stream");
    }

    @Test
    void aSegmentIsClosedWhenItsLastChunkLeftTheRingAndAllWhenTheFeedCloses() {
        var files = new Files_();
        var feed = new Feed(files);
        byte[] c = numbered(1, Feed.SLOT_CAPACITY / Feed.TS_PACKET);
        for (int i = 0; i < 3 * Feed.SLOTS; i++) {
            feed.write(c, 0, c.length);
        }
        long ring = (long) Feed.SLOTS * Feed.SLOT_CAPACITY;
        long most = ring / Feed.SEGMENT_BYTES + 2; // the ring's whole segments, its two ends
        assertTrue(files.created.size() > most, "the ring moved over several segments");
        assertTrue(files.open() <= most, files.open() + " open segments, at most " + most);
        assertFalse(files.created.get(0).isOpen(), "the first segment left the ring: freed");
        assertTrue(files.created.get(files.created.size() - 1).isOpen());
        feed.close();
        assertEquals(0, files.open(), "a stopped channel's segments are all freed");
    }

    @Test
    void whenTheFolderIsFullTheFeedGoesOnInMemoryAndViewersMissNothing() {
        var files = new Files_();
        files.limit = 1;
        var feed = new Feed(files);
        var out = new FakeOutput();
        var s = sessions.session();
        s.stream(feed, out);
        out.runIoThread();
        var published = new ByteArrayOutputStream();
        int perSegment = (int) (Feed.SEGMENT_BYTES / Feed.SLOT_CAPACITY);
        for (int i = 0; i < perSegment + 5; i++) {
            byte[] c = numbered(i, Feed.SLOT_CAPACITY / Feed.TS_PACKET);
            feed.write(c, 0, c.length);
            published.writeBytes(c);
        }
        out.runIoThread();
        assertNull(feed.file(feed.head() - 1), "kept in memory once no segment could be made");
        assertTrue(out.transfers > 0 && out.writes > 0, "from the file, then from memory");
        var received = new ByteArrayOutputStream();
        received.writeBytes(out.transferred.toByteArray());
        received.writeBytes(out.streamed.toByteArray());
        assertArrayEquals(published.toByteArray(), received.toByteArray());
        assertEquals(published.size(), s.bytesSent());
        byte[] more = numbered(0, Feed.SLOT_CAPACITY / Feed.TS_PACKET);
        for (int i = 0; i < Feed.SLOTS; i++) {
            feed.write(more, 0, more.length);
        }
        assertEquals(0, files.open(), "the last segment is freed once its chunks left the ring");
        assertFalse(s.isEnded());
        s.end(EndReason.CLIENT_CLOSED);
    }

    @Test
    void aCursorReadsTheChunksOutOfTheSegmentFile() throws Exception {
        var feed = new Feed(new Files_());
        var cursor = feed.cursor();
        byte[] c = numbered(7, 20);
        feed.write(c, 0, c.length);
        var read = new ByteArrayOutputStream();
        assertTrue(cursor.next((d, o, l, k) -> read.write(d, o, l), 10));
        assertArrayEquals(c, read.toByteArray());
        ByteBuffer into = ByteBuffer.allocate(Feed.SLOT_CAPACITY);
        feed.close();
        feed.copy(0, into, c.length); // closed: nothing thrown, the chunk is simply gone
        assertTrue(cursor.closed());
    }
}
