package io.panelx.delivery;

import static org.junit.jupiter.api.Assertions.*;

import io.panelx.viewer.EndReason;
import io.panelx.viewer.Origin;
import io.panelx.viewer.Viewer;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The byte path without a server: what is counted, on which thread, and when a viewer ends. */
class ViewerSessionTest {

    /** A CDI event that records what is fired. */
    static final class Recorded<T> implements Event<T> {
        final List<T> fired = new ArrayList<>();

        @Override
        public void fire(T event) {
            fired.add(event);
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<T> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A player's socket: ready or not as the test says; its "I/O thread" runs queued tasks (a
     * delayed one as soon as the test runs the thread).
     */
    static final class FakeOutput implements ViewerOutput, IoThread {
        final ArrayDeque<Runnable> ioThread = new ArrayDeque<>();
        boolean ready = true;

        /** The socket takes what is handed over, then is full (a player that stopped reading). */
        boolean fullAfterWrite;

        long written;
        int writes;

        /** Calls of {@link #transferFrom}. */
        int transfers;

        /** The socket takes at most this much of a gathering write, then is full. */
        long takesAtMost = Long.MAX_VALUE;

        /** What the gathering writes took, in order. */
        final java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();

        /** Runs once inside the next {@link #transferFrom}, before it reads the file. */
        Runnable duringTransfer;

        /** What {@link #transferFrom} took, in order. */
        final java.io.ByteArrayOutputStream transferred = new java.io.ByteArrayOutputStream();

        boolean closed, aborted;
        Listener listener;

        @Override
        public void start(Listener listener) {
            this.listener = listener;
        }

        @Override
        public boolean isReady() {
            return ready && !closed && !aborted;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            written += length;
            if (fullAfterWrite) {
                ready = false;
            }
        }

        @Override
        public long write(ByteBuffer[] buffers) {
            writes++;
            long taken = 0;
            for (ByteBuffer b : buffers) {
                int n = (int) Math.min(b.remaining(), takesAtMost - taken);
                byte[] bytes = new byte[n];
                b.get(bytes);
                streamed.writeBytes(bytes);
                taken += n;
            }
            written += taken;
            if (fullAfterWrite || taken == takesAtMost) {
                ready = false;
            }
            return taken;
        }

        @Override
        public long transferFrom(java.nio.channels.FileChannel file, long position, long count)
                throws java.io.IOException {
            Runnable during = duringTransfer;
            duringTransfer = null;
            if (during != null) {
                during.run();
            }
            long n = Math.min(count, file.size() - position);
            if (n <= 0) {
                return -1;
            }
            n = Math.min(n, takesAtMost);
            var taken = java.nio.ByteBuffer.allocate((int) n);
            file.read(taken, position);
            transferred.write(taken.array(), 0, taken.position());
            written += n;
            transfers++;
            if (fullAfterWrite || n == takesAtMost) {
                ready = false;
            }
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public IoThread executor() {
            return this;
        }

        @Override
        public void execute(Runnable task) {
            ioThread.add(task);
        }

        @Override
        public void executeAfter(Runnable task, long delayMillis) {
            ioThread.add(task);
        }

        @Override
        public boolean isCurrent() {
            return true;
        }

        void runIoThread() {
            Runnable r;
            while ((r = ioThread.poll()) != null) {
                r.run();
            }
        }
    }

    final Recorded<ViewerConnected> connected = new Recorded<>();
    final Recorded<ViewerDisconnected> disconnected = new Recorded<>();

    ViewerSession session() {
        var s = unannounced();
        s.announce();
        s.recordStored();
        return s;
    }

    /** A tracked session as admission leaves it before announcing it and storing its record. */
    ViewerSession unannounced() {
        var viewer =
                new Viewer(
                        "c1",
                        1,
                        "alice",
                        7,
                        "News",
                        Origin.PROXY,
                        "127.0.0.1",
                        "mpv",
                        "ts",
                        Instant.now());
        return new ViewerSession(
                viewer, new ViewerSession.Events(connected, disconnected), true, () -> {});
    }

    static byte[] chunk(int packets) {
        byte[] b = new byte[packets * Feed.TS_PACKET];
        for (int p = 0; p < b.length; p += Feed.TS_PACKET) {
            b[p] = 0x47;
        }
        return b;
    }

    /** A chunk of whole TS packets whose bytes say which chunk they belong to. */
    static byte[] numbered(int index, int packets) {
        byte[] c = new byte[packets * Feed.TS_PACKET];
        for (int p = 0; p < c.length; p++) {
            c[p] = p % Feed.TS_PACKET == 0 ? 0x47 : (byte) (index * 31 + p);
        }
        return c;
    }

    /** Publishes {@code chunks} numbered chunks of 10 packets; returns their bytes in order. */
    static byte[] publishNumbered(Feed feed, int chunks) {
        var published = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < chunks; i++) {
            byte[] c = numbered(i, 10);
            feed.write(c, 0, c.length);
            published.writeBytes(c);
        }
        return published.toByteArray();
    }

    /**
     * The socket takes 2,500 bytes (mid-chunk) and is full, then 1,000 and is full again, then all:
     * the viewer counts what the socket took only once it is writable again, {@code total} at last.
     */
    static void takeInParts(FakeOutput out, ViewerSession s, long total) {
        out.takesAtMost = 2500;
        out.runIoThread();
        assertEquals(2500, out.written);
        assertEquals(0, s.bytesSent(), "counted once the socket says it is writable again");
        out.takesAtMost = 1000;
        out.ready = true;
        out.listener.writePossible();
        assertEquals(2500, s.bytesSent());
        out.takesAtMost = Long.MAX_VALUE;
        out.ready = true;
        out.listener.writePossible();
        assertEquals(total, s.bytesSent());
    }

    @Test
    void theSourceThreadPublishesAndTheIoThreadWrites() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.stream(feed, out);
        out.runIoThread();
        feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        assertEquals(0, out.written, "nothing is written on the Source's thread");
        out.runIoThread();
        assertEquals(10 * Feed.TS_PACKET, out.written);
    }

    @Test
    void chunksPublishedBetweenWakeUpsGoOutInOneGatheringWrite() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.stream(feed, out);
        out.runIoThread();
        for (int i = 0; i < 3; i++) {
            feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        }
        assertEquals(1, out.ioThread.size(), "one wake-up of the lane for three chunks");
        out.runIoThread();
        assertEquals(1, out.writes, "one write for three chunks");
        assertEquals(30 * Feed.TS_PACKET, out.written);
        assertEquals(30 * Feed.TS_PACKET, s.bytesSent());
        // A large backlog goes out in batches of at most about ChunkBatch.MAX_BYTES.
        byte[] big = chunk(Feed.SLOT_CAPACITY / Feed.TS_PACKET);
        for (int i = 0; i < 8; i++) {
            feed.write(big, 0, big.length);
        }
        out.runIoThread();
        assertEquals(30 * Feed.TS_PACKET + 8L * big.length, s.bytesSent());
        int perBatch = Math.max(1, ChunkBatch.MAX_BYTES / big.length);
        assertEquals(1 + (8 + perBatch - 1) / perBatch, out.writes);
    }

    @Test
    void bytesCountOnlyOnceTheSocketAcceptedThem() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.stream(feed, out);
        out.runIoThread();
        feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        out.fullAfterWrite = true; // the write is handed over, the socket does not take it yet
        out.runIoThread();
        assertEquals(10 * Feed.TS_PACKET, out.written);
        assertEquals(0, s.bytesSent());
        long stalledSince = System.nanoTime();
        assertTrue(s.stalledNanos(stalledSince + 1_000_000_000L) > 0, "blocked: stalling");
        out.fullAfterWrite = false;
        out.ready = true;
        out.listener.writePossible();
        assertEquals(10 * Feed.TS_PACKET, s.bytesSent());
        assertEquals(0, s.stalledNanos(System.nanoTime()), "taking bytes again: not stalled");
    }

    @Test
    void anOutputReadyAgainAfterAPauseWithTheSocketStillFullLeavesTheStallClockRunning() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.stream(feed, out);
        out.runIoThread();
        feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        out.takesAtMost = 0; // the player stopped reading
        out.runIoThread();
        long later = System.nanoTime() + 5_000_000_000L;
        long stalled = s.stalledNanos(later);
        assertTrue(stalled > 0, "bytes wait and the socket takes none: stalling");
        for (int pause = 0; pause < 3; pause++) {
            out.ready = true; // the output asks again after a pause; the socket takes nothing
            out.listener.writePossible();
        }
        assertEquals(0, s.bytesSent());
        assertEquals(stalled, s.stalledNanos(later), "a pause's end is not progress");
        out.takesAtMost = Long.MAX_VALUE;
        out.ready = true;
        out.listener.writePossible();
        assertEquals(10 * Feed.TS_PACKET, s.bytesSent());
        assertEquals(0, s.stalledNanos(System.nanoTime()), "taking bytes again: not stalled");
    }

    @Test
    void aSocketThatTakesPartOfABatchGetsTheRestFromTheFeedInOrder() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.stream(feed, out);
        out.runIoThread();
        byte[] published = publishNumbered(feed, 3);
        takeInParts(out, s, 30 * Feed.TS_PACKET);
        assertArrayEquals(published, out.streamed.toByteArray());
    }

    @Test
    void aViewerSkippedForwardFinishesTheTsPacketTheSocketTookPartOf() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.stream(feed, out);
        out.runIoThread();
        feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        out.takesAtMost = 1000; // 5 packets and 60 bytes of the 6th
        out.runIoThread();
        for (int i = 0; i < Feed.SLOTS - Feed.GUARD + 2; i++) {
            feed.write(chunk(10), 0, 10 * Feed.TS_PACKET); // the viewer falls behind the ring
        }
        out.takesAtMost = 6 * Feed.TS_PACKET - 1000; // the 6th packet's rest, then full
        out.ready = true;
        out.listener.writePossible();
        out.takesAtMost = Long.MAX_VALUE;
        out.ready = true;
        out.listener.writePossible(); // now at a packet's end: skipped to the newest chunk
        byte[] streamed = out.streamed.toByteArray();
        assertEquals(6 * Feed.TS_PACKET + 10 * Feed.TS_PACKET, streamed.length);
        for (int p = 0; p < streamed.length; p += Feed.TS_PACKET) {
            assertEquals(0x47, streamed[p], "a whole TS packet at " + p);
        }
    }

    @Test
    void aLaneIsWokenBeforeItsIntervalOnceABatchWaits() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.stream(feed, out);
        out.runIoThread();
        feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        out.runIoThread(); // the lane ran: its interval starts now
        feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        assertEquals(1, out.ioThread.size(), "one run, deferred to the interval's end");
        for (int i = 1; i < Feed.WAKE_CHUNKS; i++) {
            feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        }
        assertEquals(2, out.ioThread.size(), "a batch's worth waits: an early run too");
        out.ioThread.pollLast().run();
        assertEquals((1 + Feed.WAKE_CHUNKS) * 10L * Feed.TS_PACKET, s.bytesSent());
    }

    @Test
    void anEndAskedForElsewhereHappensOnTheIoThreadWithTheAcceptedBytes() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.stream(feed, out);
        out.runIoThread();
        feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        out.runIoThread();
        out.fullAfterWrite = true;
        feed.write(chunk(5), 0, 5 * Feed.TS_PACKET);
        out.runIoThread(); // 5 packets handed over, not accepted
        assertTrue(s.end(EndReason.KILLED_BY_ADMIN));
        assertFalse(s.isEnded(), "carried out on the I/O thread");
        out.runIoThread();
        assertTrue(s.isEnded());
        assertTrue(out.aborted, "a killed player's connection is dropped");
        var end = disconnected.fired.get(0);
        assertEquals(EndReason.KILLED_BY_ADMIN, end.reason());
        assertEquals(10 * Feed.TS_PACKET, end.bytesSent(), "unaccepted bytes are not counted");
        assertEquals(1, disconnected.fired.size());
        assertFalse(s.end(EndReason.CLIENT_CLOSED), "the first reason wins");
    }

    @Test
    void noByteLeavesBeforeTheRecordIsStored() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = unannounced();
        s.announce();
        s.stream(feed, out);
        feed.write(chunk(10), 0, 10 * Feed.TS_PACKET);
        out.runIoThread();
        out.listener.writePossible(); // the container says the socket is writable
        assertEquals(0, out.written, "the record is not stored yet");
        s.recordStored();
        out.runIoThread();
        assertEquals(10 * Feed.TS_PACKET, out.written);
        assertEquals(10 * Feed.TS_PACKET, s.bytesSent());
    }

    @Test
    void aResponseBodyWaitsForTheRecordToo() {
        var s = unannounced();
        s.announce();
        var out = new FakeOutput();
        byte[] data = new byte[1000];
        s.send(Body.of(data, 0, data.length), out);
        out.runIoThread();
        assertEquals(0, out.written, "the record is not stored yet");
        s.recordStored();
        out.runIoThread();
        assertEquals(data.length, s.bytesSent());
        assertTrue(out.closed);
    }

    @Test
    void aSessionEvictedBeforeAdmissionAnnouncedItStillOpensAndClosesItsRecord() {
        var s = unannounced();
        assertTrue(s.end(EndReason.KICKED_MAX_CONNECTIONS)); // no output yet: ends at once
        assertEquals(1, connected.fired.size(), "announced by its end");
        assertEquals(1, disconnected.fired.size());
        assertEquals(EndReason.KICKED_MAX_CONNECTIONS, disconnected.fired.get(0).reason());
        s.announce(); // admission's own announce comes too late and fires nothing
        assertEquals(1, connected.fired.size());
    }

    @Test
    void anUntrackedSessionFiresNothing() {
        var viewer = unannounced().viewer();
        var s =
                new ViewerSession(
                        viewer, new ViewerSession.Events(connected, disconnected), false, () -> {});
        s.announce();
        s.recordStored();
        s.end(EndReason.CLIENT_CLOSED);
        assertTrue(connected.fired.isEmpty());
        assertTrue(disconnected.fired.isEmpty());
    }

    @Test
    void aSessionEndedBeforeItsOutputArrivedReleasesTheOutput() {
        var feed = new Feed();
        var out = new FakeOutput();
        var s = session();
        s.end(EndReason.KICKED_MAX_CONNECTIONS);
        s.stream(feed, out);
        assertTrue(out.aborted || out.closed, "the response is not left hanging");
    }

    @Test
    void aBodyIsCountedAsTheSocketTakesItAndCompletes() {
        var s = session();
        var out = new FakeOutput();
        byte[] data = new byte[200_000];
        s.send(Body.of(data, 0, data.length), out);
        out.fullAfterWrite = true;
        out.runIoThread();
        assertEquals(64 * 1024, out.written, "one piece handed over");
        assertEquals(0, s.bytesSent());
        out.fullAfterWrite = false;
        out.ready = true;
        out.listener.writePossible();
        assertEquals(data.length, s.bytesSent());
        assertTrue(out.closed, "completed after the last byte");
        assertFalse(s.isEnded(), "the session outlives one response");
    }

    @Test
    void anArchiveWindowGoesByTransferFromItsRangesAndCountsWhatTheSocketTook(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] a = new byte[100], b = new byte[80];
        for (int i = 0; i < a.length; i++) a[i] = (byte) i;
        for (int i = 0; i < b.length; i++) b[i] = (byte) (200 - i);
        var fileA = java.nio.file.Files.write(dir.resolve("a.ts"), a);
        var fileB = java.nio.file.Files.write(dir.resolve("b.ts"), b);
        var ranges =
                List.of(
                        new io.panelx.archive.ArchiveWindow.Range(fileA, 10, 30),
                        new io.panelx.archive.ArchiveWindow.Range(dir.resolve("pruned.ts"), 0, 9),
                        new io.panelx.archive.ArchiveWindow.Range(fileB, 0, 50));
        var s = session();
        var out = new FakeOutput();
        s.send(new io.panelx.archive.ArchiveBody(ranges), out);
        out.fullAfterWrite = true;
        out.runIoThread();
        assertEquals(20, out.written, "one transfer handed over: the first range");
        assertEquals(0, s.bytesSent(), "not counted before the socket is ready again");
        out.fullAfterWrite = false;
        out.ready = true;
        out.listener.writePossible();
        assertEquals(70, s.bytesSent());
        byte[] expected = new byte[70];
        System.arraycopy(a, 10, expected, 0, 20);
        System.arraycopy(b, 0, expected, 20, 50);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, out.transferred.toByteArray());
        assertTrue(out.closed, "completed after the last range");
    }

    @Test
    void aCursorReadsWithoutBeingAViewerAndSplitsAtKeyframes() throws Exception {
        var feed = new Feed();
        var cursor = feed.cursor();
        assertFalse(cursor.next((d, o, l, k) -> fail("nothing yet"), 10));
        byte[] c = chunk(4);
        // packet 2 starts a video PES with the random access indicator set
        int p = 2 * Feed.TS_PACKET;
        c[p + 1] = 0x40;
        c[p + 3] = 0x30;
        c[p + 4] = 1;
        c[p + 5] = 0x40;
        c[p + 6] = 0;
        c[p + 7] = 0;
        c[p + 8] = 1;
        c[p + 9] = (byte) 0xe0;
        feed.write(c, 0, c.length);
        var parts = new ArrayList<String>();
        assertTrue(cursor.next((d, o, l, k) -> parts.add(o + ":" + l + ":" + k), 10));
        assertEquals(List.of("0:376:false", "376:376:true"), parts);
        feed.close();
        assertTrue(cursor.closed());
    }
}
