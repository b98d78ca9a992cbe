package io.panelx.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A channel's bounded, shared buffer: a ring of chunks filled by exactly one Source thread and
 * drained by any number of viewers, each at its own position. Memory is fixed per channel (slots
 * are allocated once and reused), whatever the number of viewers; nothing is allocated per chunk.
 *
 * <p>Chunks hold whole MPEG-TS packets (188 bytes) and remember whether they contain a random
 * access point (a keyframe), so that a new or lagging viewer can start at a decodable place.
 *
 * <p>Where the chunks' bytes are: by default in append-only segment files of a memory file system
 * ({@link ChunkFiles}), so that a viewer's write is a {@code sendfile} from the file to the socket
 * and the bytes are never copied out of the JVM again, one copy per viewer less (the kernel hands
 * the file's pages to the socket). A segment is never written again once a chunk is in it: a page
 * the kernel still holds for a socket (until the peer acknowledged it, or on loopback until the
 * player read it) keeps the bytes it was sent with. A segment is closed, and its memory freed, when
 * its last chunk leaves the ring. Without a feed folder, or once it is full, the chunks are kept in
 * the slots' direct buffers and go out by a gathering write (a heap buffer would be copied by the
 * JDK into a temporary direct one at every write of every viewer).
 *
 * <p>Either way a chunk is copied once, on the Source's thread, from the Feed's one heap {@link
 * #inbox}. Readers that want a byte array (the HLS segmenter, cursors) get the inbox or copy the
 * chunk out by absolute reads, which leave the slot and the file alone: any number of threads read
 * one chunk at once.
 */
public final class Feed {

    public static final int TS_PACKET = 188;
    static final int SLOTS = 256;

    /** 87 TS packets: about 16 KiB. */
    static final int SLOT_CAPACITY = 87 * TS_PACKET;

    /** Publish once this much is buffered, or earlier when the upstream has nothing more yet. */
    static final int MIN_FILL = 8 * TS_PACKET;

    /** A viewer this close to being overwritten is moved forward (the writer owns one slot). */
    static final int GUARD = 4;

    /**
     * A lane's viewers are woken about this often: each wake-up writes what arrived meanwhile in
     * one gathering write per viewer, instead of one write per chunk (an upstream often sends a
     * chunk every few milliseconds). Fewer, larger writes are what a file server does (nginx's
     * {@code limit_rate} sends a second's worth at a time): the system calls, the wake-ups of the
     * players' threads and the loopback's per-packet work all shrink with the number of writes.
     * Live players buffer seconds; this adds at most the interval to their delay.
     */
    static final long WAKE_INTERVAL_NANOS = 500_000_000L;

    /**
     * A lane is woken before its interval is over once this many chunks wait: a batch's worth, and
     * far from the ring's end whatever the upstream's chunk size (small reads of a slow upstream
     * make small chunks, and many of them).
     */
    static final int WAKE_CHUNKS = ChunkBatch.MAX_CHUNKS;

    /**
     * A segment file takes chunks until about this size, then the next one begins: one huge page
     * (x86-64, arm64). Each new segment is sized to it before its first chunk, so that a tmpfs
     * mounted with {@code huge=within_size} (or {@code always}) backs it with one huge page: the
     * kernel's per-page work of a {@code sendfile} (page lookup, pipe buffer, socket fragment and
     * its release) then runs once per 2 MiB instead of once per 4 KiB. On a tmpfs without huge
     * pages the size costs one page: the file is sparse until written.
     */
    static final long SEGMENT_BYTES = 2 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(Feed.class.getName());

    static final class Slot {
        /** The segment file that holds the chunk, or null when the chunk is in {@link #data}. */
        FileChannel file;

        /** Where the chunk starts in {@link #file}. */
        long at;

        /**
         * Direct, allocated once (when a chunk is first kept in memory); read only by absolute gets
         * or through per-reader views.
         */
        ByteBuffer data;

        int length;

        /** Offset of the first TS packet flagged as a random access point, or -1. */
        int randomAccessOffset = -1;
    }

    /** Notified on the Source thread after each chunk; used by the HLS segmenter. */
    public interface ChunkListener {
        /**
         * {@code randomAccessOffset} is where a keyframe starts in the chunk, or -1. {@code data}
         * is valid during the call only (it is reused for the next chunk): copy what you keep.
         */
        void onChunk(byte[] data, int length, int randomAccessOffset);
    }

    private final Slot[] slots = new Slot[SLOTS];

    /**
     * Where the Source's thread reads the upstream (an InputStream reads into an array) and scans
     * for a keyframe, before the chunk is copied into its slot. Source thread only.
     */
    private final byte[] inbox = new byte[SLOT_CAPACITY];

    /** The inbox as a buffer, for the writes to a segment (none allocated per chunk). */
    private final ByteBuffer inboxView = ByteBuffer.wrap(inbox);

    /** The byte written at a new segment's end, which sizes it ({@link #SEGMENT_BYTES}). */
    private final ByteBuffer segmentEnd = ByteBuffer.allocate(1);

    /** Where new segment files come from; null: chunks are kept in memory. Source thread only. */
    private ChunkFiles files;

    /** The segment the next chunk is appended to (null before the first), and its size. */
    private FileChannel segment;

    private long segmentSize;

    /** Sequence number of the next chunk to publish; chunks [head - SLOTS, head) are readable. */
    private volatile long head;

    /**
     * Viewers grouped by the I/O thread of their connection. The Source's thread never writes to a
     * socket: it wakes each lane (at most once per {@link #WAKE_INTERVAL_NANOS}), and the lane's
     * I/O thread drains its viewers. Copied on join and leave (rare), read on every chunk: no
     * iterator, no allocation per chunk.
     */
    private volatile Lane[] lanes = new Lane[0];

    private volatile ChunkListener chunkListener;
    private volatile long bytesIn;
    private volatile long lastChunkAtNanos = System.nanoTime();

    /** The newest chunk that starts a decodable run (random access point), or -1. */
    private volatile long lastRandomAccess = -1;

    /** Run once at the first chunk after a (re)start of the Source: the channel is flowing. */
    private volatile Runnable onFlowing;

    /** Readers that are not viewers (FeedCursor) wait here for the next chunk. */
    private final Object cursorMonitor = new Object();

    private volatile int cursorsWaiting;
    private volatile boolean closed;

    /** The viewers of one I/O thread, woken together by one task on that thread. */
    static final class Lane implements Runnable {
        private static final VarHandle VIEWERS;

        static {
            try {
                VIEWERS =
                        MethodHandles.lookup()
                                .findVarHandle(Lane.class, "viewers", ViewerSession[].class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Feed feed;
        final IoThread thread;
        volatile ViewerSession[] viewers = new ViewerSession[0];

        /** A run is queued or deferred on the lane's thread (one at a time). */
        final AtomicBoolean scheduled = new AtomicBoolean();

        /** An early run is queued: {@link #WAKE_CHUNKS} chunks wait (beside a deferred run). */
        final AtomicBoolean early = new AtomicBoolean();

        private final Runnable earlyRun = this::runEarly;

        /** The Feed's head when the lane last drained its viewers (written on its thread). */
        private volatile long drainedTo;

        /** The gathering-write scratch of this lane's viewers: used on {@link #thread} only. */
        final ChunkBatch batch = ChunkBatch.reused();

        /** When the lane last drained its viewers (read and written on its thread only). */
        private long lastRunNanos = System.nanoTime() - WAKE_INTERVAL_NANOS;

        Lane(Feed feed, IoThread thread) {
            this.feed = feed;
            this.thread = thread;
        }

        /** Adds or removes a viewer: copy-on-write, by compare-and-set (never blocks). */
        void change(ViewerSession viewer, boolean add) {
            while (true) {
                ViewerSession[] current = viewers;
                ViewerSession[] next;
                if (add) {
                    next = Arrays.copyOf(current, current.length + 1);
                    next[current.length] = viewer;
                } else {
                    int i = 0;
                    while (i < current.length && current[i] != viewer) {
                        i++;
                    }
                    if (i == current.length) {
                        return;
                    }
                    next = new ViewerSession[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, next.length - i);
                }
                if (VIEWERS.compareAndSet(this, current, next)) {
                    return;
                }
            }
        }

        /**
         * On the Source's thread, after publishing chunk {@code head - 1}: the lane runs soon (now,
         * or once its interval has passed), or at once when a batch's worth of chunks waits.
         */
        void wake(long head) {
            if (viewers.length == 0) {
                return;
            }
            try {
                if (scheduled.compareAndSet(false, true)) {
                    thread.execute(this);
                } else if (head - drainedTo >= WAKE_CHUNKS && early.compareAndSet(false, true)) {
                    thread.execute(earlyRun);
                }
            } catch (RuntimeException e) {
                scheduled.set(false); // the I/O thread is gone: its viewers end by the tick
                early.set(false);
            }
        }

        /** The batch for a drain running now: the lane's own on its thread, else a new one. */
        ChunkBatch batch() {
            return thread.isCurrent() ? batch : ChunkBatch.throwaway();
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            long wait = lastRunNanos + WAKE_INTERVAL_NANOS - now;
            if (wait > 0) {
                // Woken early: come back (on this thread, still scheduled) when the interval is
                // over, and drain everything published meanwhile at once.
                thread.executeAfter(this, Math.max(1, wait / 1_000_000L));
                return;
            }
            scheduled.set(false); // before the drain: a chunk published meanwhile wakes us again
            drain(now);
        }

        /** A batch's worth waits: drain now; a deferred run stays deferred (for what follows). */
        private void runEarly() {
            early.set(false);
            drain(System.nanoTime());
        }

        private void drain(long now) {
            lastRunNanos = now;
            drainedTo = feed.head;
            for (ViewerSession viewer : viewers) {
                viewer.chunkPublished();
            }
        }
    }

    /** A Feed that keeps its chunks in memory (direct buffers). */
    public Feed() {
        this(null);
    }

    /** A Feed that keeps its chunks in segment files from {@code files} (null: in memory). */
    public Feed(ChunkFiles files) {
        this.files = files;
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new Slot();
        }
    }

    // ---- the Source side (one thread)

    /**
     * Reads from the upstream into the next chunk and publishes it. Blocks until data arrives.
     * Returns the bytes published, or -1 at the end of the stream.
     */
    public int fill(InputStream in) throws IOException {
        byte[] data = inbox;
        int length = 0;
        while (length < SLOT_CAPACITY) {
            int n = in.read(data, length, SLOT_CAPACITY - length);
            if (n < 0) {
                if (length == 0) {
                    return -1;
                }
                break;
            }
            length += n;
            if (length % TS_PACKET == 0 && (length >= MIN_FILL || in.available() == 0)) {
                break;
            }
        }
        publish(length);
        return length;
    }

    /** Publishes bytes already in memory (e.g. an HLS segment), split into chunks. */
    public void write(byte[] source, int offset, int length) {
        while (length > 0) {
            int n = Math.min(length, SLOT_CAPACITY);
            System.arraycopy(source, offset, inbox, 0, n);
            publish(n);
            offset += n;
            length -= n;
        }
    }

    /** Publishes the inbox's first {@code length} bytes as the next chunk. */
    private void publish(int length) {
        long seq = head;
        Slot slot = slots[(int) (seq % SLOTS)];
        FileChannel leaving = slot.file; // chunk seq - SLOTS leaves the ring with this publish
        if (!appendToSegment(slot, length)) {
            slot.file = null;
            if (slot.data == null) {
                slot.data =
                        ByteBuffer.allocateDirect(
                                SLOT_CAPACITY); // once per slot for the Feed's life
            }
            slot.data.put(0, inbox, 0, length); // absolute: the slot's position stays 0
        }
        slot.length = length;
        slot.randomAccessOffset = randomAccessOffset(inbox, length);
        if (slot.randomAccessOffset >= 0) {
            lastRandomAccess = seq;
        }
        head = seq + 1; // volatile write: makes the chunk visible to viewers
        if (leaving != null
                && leaving != segment
                && leaving != slots[(int) ((seq + 1) % SLOTS)].file) {
            // Its last chunk left the ring (the ring's oldest chunk is in another file): no viewer
            // may read it any more, and one still reading it is too slow (it finds it closed).
            closeQuietly(leaving);
        }
        bytesIn += length;
        lastChunkAtNanos = System.nanoTime();
        Runnable flowing = onFlowing;
        if (flowing != null) {
            onFlowing = null;
            flowing.run();
        }
        ChunkListener listener = chunkListener;
        if (listener != null) {
            listener.onChunk(inbox, length, slot.randomAccessOffset);
        }
        for (Lane lane : lanes) {
            lane.wake(seq + 1);
        }
        if (cursorsWaiting > 0) {
            synchronized (cursorMonitor) {
                cursorMonitor.notifyAll();
            }
        }
    }

    /**
     * Appends the inbox's first {@code length} bytes to the current segment (a new one when it is
     * full) and points the slot there. False when the chunk is to be kept in memory: no feed
     * folder, or it failed (full): then the Feed keeps its chunks in memory from now on, and the
     * segments it had are closed as their chunks leave the ring.
     */
    private boolean appendToSegment(Slot slot, int length) {
        if (files == null) {
            return false;
        }
        try {
            if (segment == null || segmentSize + length > SEGMENT_BYTES) {
                segment = null; // the full one is closed when its last chunk leaves the ring
                segment = files.create();
                segmentSize = 0;
                segmentEnd.clear();
                segment.write(segmentEnd, SEGMENT_BYTES - 1);
            }
            long at = segmentSize;
            inboxView.clear().limit(length);
            while (inboxView.hasRemaining()) {
                segment.write(inboxView, at + inboxView.position());
            }
            segmentSize = at + length;
            slot.file = segment;
            slot.at = at;
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "A channel's chunks no longer fit in the feed folder ({0}): they are kept in"
                            + " memory from now on",
                    e.toString());
            files = null;
            segment = null; // its chunks still in the ring are read until they leave it
            return false;
        }
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            // an unlinked file's memory is freed with the descriptor either way
        }
    }

    /**
     * The offset of the first TS packet carrying the random_access_indicator (a keyframe), or -1.
     * Players that start there decode at once instead of discarding frames.
     */
    static int randomAccessOffset(byte[] data, int length) {
        for (int p = 0; p + TS_PACKET <= length; p += TS_PACKET) {
            if (data[p] != 0x47) {
                return -1; // not MPEG-TS aligned: no keyframe knowledge
            }
            boolean payloadStart = (data[p + 1] & 0x40) != 0;
            int adaptation = (data[p + 3] >> 4) & 0x3;
            if (!payloadStart || adaptation != 3) {
                continue;
            }
            int fieldLength = data[p + 4] & 0xff;
            int pes = p + 5 + fieldLength;
            // A keyframe of a VIDEO stream: muxers flag audio frames as random access too.
            if (fieldLength > 0
                    && (data[p + 5] & 0x40) != 0
                    && pes + 4 <= p + TS_PACKET
                    && data[pes] == 0
                    && data[pes + 1] == 0
                    && data[pes + 2] == 1
                    && (data[pes + 3] & 0xf0) == 0xe0) {
                return p;
            }
        }
        return -1;
    }

    // ---- the viewer side (any thread)

    long head() {
        return head;
    }

    /** The oldest chunk a viewer may still start to read safely. */
    long oldestReadable() {
        return Math.max(0, head - SLOTS + GUARD);
    }

    /** True while the chunk has not been overwritten (checked after copying it out). */
    boolean intact(long seq) {
        return seq > head - SLOTS;
    }

    /**
     * The chunk's slot (direct) when the chunk is kept in memory ({@link #file} is null). Shared by
     * every reader: read it by absolute gets or through a view of your own ({@code duplicate()}),
     * never by its position.
     */
    ByteBuffer data(long seq) {
        return slots[(int) (seq % SLOTS)].data;
    }

    /**
     * The segment file that holds the chunk, or null when it is kept in memory. Read it by position
     * only; a chunk's file is closed once the chunk has left the ring.
     */
    FileChannel file(long seq) {
        return slots[(int) (seq % SLOTS)].file;
    }

    /** Where the chunk starts in its {@link #file}. */
    long fileOffset(long seq) {
        return slots[(int) (seq % SLOTS)].at;
    }

    /**
     * Copies the chunk's first {@code length} bytes into the array of {@code into} (a heap buffer)
     * at 0. What was overwritten meanwhile is the caller's to find out ({@link #intact}).
     */
    void copy(long seq, ByteBuffer into, int length) {
        Slot slot = slots[(int) (seq % SLOTS)];
        FileChannel file = slot.file;
        if (file == null) {
            ByteBuffer data = slot.data;
            if (data != null) {
                data.get(0, into.array(), 0, length);
            }
            return;
        }
        long at = slot.at;
        into.clear().limit(length);
        try {
            while (into.hasRemaining() && file.read(into, at + into.position()) > 0) {
                // a positional read of a file in memory returns it all at once
            }
        } catch (IOException e) {
            // the file was closed: the chunk left the ring (not intact any more)
        }
    }

    int length(long seq) {
        return slots[(int) (seq % SLOTS)].length;
    }

    /** Where a keyframe starts in the chunk, or -1. */
    int keyframeOffset(long seq) {
        return slots[(int) (seq % SLOTS)].randomAccessOffset;
    }

    /** Where a viewer starting at this chunk begins: its keyframe, or the chunk's start. */
    int startOffset(long seq) {
        return Math.max(0, slots[(int) (seq % SLOTS)].randomAccessOffset);
    }

    /** Where a joining (or skipped) viewer starts: the newest keyframe still safely readable. */
    long startPosition() {
        long h = head;
        long ra = lastRandomAccess;
        if (ra >= 0 && ra >= Math.max(0, h - SLOTS + GUARD)) {
            return ra;
        }
        return Math.max(0, h - 1);
    }

    /**
     * Adds a viewer to the lane of its connection's I/O thread; returns that lane. Lock-free (a
     * compare-and-set of the lane's array): in a connect storm every request thread adds here, and
     * a lock held by a thread the scheduler parked made them all queue.
     */
    Lane add(ViewerSession viewer, IoThread thread) {
        Lane lane = laneOf(thread);
        lane.change(viewer, true);
        return lane;
    }

    void remove(ViewerSession viewer) {
        for (Lane lane : lanes) {
            lane.change(viewer, false);
        }
    }

    private Lane laneOf(IoThread thread) {
        for (Lane lane : lanes) {
            if (lane.thread == thread) {
                return lane;
            }
        }
        synchronized (this) { // a new I/O thread: once per thread and Feed
            for (Lane lane : lanes) {
                if (lane.thread == thread) {
                    return lane;
                }
            }
            Lane lane = new Lane(this, thread);
            Lane[] next = Arrays.copyOf(lanes, lanes.length + 1);
            next[next.length - 1] = lane;
            lanes = next;
            return lane;
        }
    }

    /** A reader that is not a viewer, starting at the newest keyframe. */
    public FeedCursor cursor() {
        return new FeedCursor(this, startPosition());
    }

    /** Waits (bounded) until a chunk after {@code position} exists or the Feed is closed. */
    void awaitChunk(long position, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (cursorMonitor) {
            cursorsWaiting++;
            try {
                long left;
                while (head <= position && !closed && (left = deadline - System.nanoTime()) > 0) {
                    cursorMonitor.wait(Math.max(1, left / 1_000_000L));
                }
            } finally {
                cursorsWaiting--;
            }
        }
    }

    /**
     * The Feed's channel stopped: cursors see the end; viewers are ended by the core. On the
     * Source's thread, after its last chunk: the segment files are closed (their memory freed).
     */
    void close() {
        closed = true;
        for (Slot slot : slots) {
            if (slot.file != null) {
                closeQuietly(slot.file);
            }
        }
        if (segment != null) {
            closeQuietly(segment);
        }
        synchronized (cursorMonitor) {
            cursorMonitor.notifyAll();
        }
    }

    boolean isClosed() {
        return closed;
    }

    void chunkListener(ChunkListener listener) {
        this.chunkListener = listener;
    }

    public long bytesIn() {
        return bytesIn;
    }

    /** Nanos since the last chunk was published (stall detection). */
    public long silentNanos() {
        return System.nanoTime() - lastChunkAtNanos;
    }

    void expectData(Runnable onFirstChunk) {
        this.onFlowing = onFirstChunk;
    }

    void resetSilence() {
        lastChunkAtNanos = System.nanoTime();
    }
}
