package io.panelx.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The chunks one write hands to a player: the viewer's next chunks up to the Feed's head, at most
 * {@link #MAX_CHUNKS} and about {@link #MAX_BYTES}. Chunks in a segment file go as one range of it
 * ({@code sendfile}: the kernel hands the file's pages to the socket); chunks kept in memory go as
 * views of the Feed's own (direct) slots in one gathering write: no copy, neither here nor in the
 * JDK's socket write. One system call per batch instead of one per chunk is what keeps the byte
 * path's CPU near a plain file server's.
 *
 * <p>A lane's batch is confined to the lane's I/O thread and reuses its buffers and arrays, so a
 * write allocates nothing; a drain on any other thread uses a throwaway batch.
 */
final class ChunkBatch {

    static final int MAX_CHUNKS = 64;

    /**
     * What one write hands over at most (a chunk more when the first is larger): a wake-up's worth
     * of a fast channel. It bounds what a dropped player's record may lack (bytes handed over but
     * not confirmed are not counted); what the socket does not take is not copied anywhere.
     */
    static final int MAX_BYTES = 1024 * 1024;

    /** Views of the Feed's slots, by slot; null for a throwaway batch. */
    private final ByteBuffer[] views;

    /** The slot buffer each view is of (a lane serves one Feed: set once per slot). */
    private final ByteBuffer[] viewed;

    /** Arrays of each batch length, reused; null for a throwaway batch. */
    private final ByteBuffer[][] arrays;

    private int chunks;
    private int bytes;

    private ChunkBatch(boolean reused) {
        views = reused ? new ByteBuffer[Feed.SLOTS] : null;
        viewed = reused ? new ByteBuffer[Feed.SLOTS] : null;
        arrays = reused ? new ByteBuffer[MAX_CHUNKS + 1][] : null;
    }

    /** A batch confined to one I/O thread, reused for every write of that thread's viewers. */
    static ChunkBatch reused() {
        return new ChunkBatch(true);
    }

    static ChunkBatch throwaway() {
        return new ChunkBatch(false);
    }

    /**
     * Offers chunks {@code [from, head)} (at most a batch), less {@code offset} bytes of the first,
     * to the output in one write and returns what it took; {@link #chunks()} and {@link #bytes()}
     * say what was offered. A batch is all in one segment file (one range of it) or all in memory.
     */
    long send(ViewerOutput out, Feed feed, long from, int offset, long head) throws IOException {
        FileChannel file = feed.file(from);
        if (file == null) {
            return out.write(gather(feed, from, offset, head));
        }
        int count = 0;
        int total = 0;
        // A segment's chunks follow each other in it: the batch is one range of the file.
        for (long seq = from; seq < head && count < MAX_CHUNKS && feed.file(seq) == file; seq++) {
            int length = feed.length(seq) - (count == 0 ? offset : 0);
            if (count > 0 && total + length > MAX_BYTES) {
                break;
            }
            total += length;
            count++;
        }
        chunks = count;
        bytes = total;
        long taken = out.transferFrom(file, feed.fileOffset(from) + offset, total);
        if (taken < 0) {
            throw new IOException("a Feed chunk's file ended early");
        }
        return taken;
    }

    /**
     * The buffers of chunks {@code [from, head)} kept in memory (at most a batch), skipping {@code
     * offset} bytes of the first. {@link #chunks()} and {@link #bytes()} say what they hold.
     */
    ByteBuffer[] gather(Feed feed, long from, int offset, long head) {
        int count = 0;
        int total = 0;
        for (long seq = from;
                seq < head && count < MAX_CHUNKS && (count == 0 || feed.file(seq) == null);
                seq++) {
            int length = feed.length(seq) - (count == 0 ? offset : 0);
            if (count > 0 && total + length > MAX_BYTES) {
                break;
            }
            total += length;
            count++;
        }
        ByteBuffer[] buffers = array(count);
        total = 0;
        for (int i = 0; i < count; i++) {
            long seq = from + i;
            int start = i == 0 ? offset : 0;
            int end = feed.length(seq);
            buffers[i] = view(feed, seq).limit(end).position(start);
            total += end - start;
        }
        chunks = count;
        bytes = total;
        return buffers;
    }

    int chunks() {
        return chunks;
    }

    int bytes() {
        return bytes;
    }

    private ByteBuffer[] array(int count) {
        if (arrays == null) {
            return new ByteBuffer[count];
        }
        ByteBuffer[] a = arrays[count];
        if (a == null) {
            a = arrays[count] = new ByteBuffer[count];
        }
        return a;
    }

    /**
     * This batch's own view of the chunk's slot (position and limit of its own; the slot's bytes
     * shared): once per slot for a reused batch, since a slot's buffer never changes.
     */
    private ByteBuffer view(Feed feed, long seq) {
        ByteBuffer data = feed.data(seq);
        if (views == null) {
            return data.duplicate();
        }
        int slot = (int) (seq % Feed.SLOTS);
        ByteBuffer v = views[slot];
        if (viewed[slot] != data) {
            v = views[slot] = data.duplicate();
            viewed[slot] = data;
        }
        return v.clear();
    }
}
