package io.panelx.delivery;

import java.nio.ByteBuffer;

/**
 * A reader of a channel's Feed that is not a viewer: the archive recorder, a relay to another node.
 * It reads on its own thread at its own pace, fires no viewer event, counts toward no limit and
 * does not keep an on-demand channel running. A cursor that falls behind the ring is moved to the
 * newest keyframe and counts what it lost.
 */
public final class FeedCursor {

    private final Feed feed;

    /** The chunk being handed over, copied out of the Feed's (direct) slot: once per cursor. */
    private final byte[] chunk = new byte[Feed.SLOT_CAPACITY];

    private final ByteBuffer chunkView = ByteBuffer.wrap(chunk);

    private long position;
    private long skipped;

    FeedCursor(Feed feed, long position) {
        this.feed = feed;
        this.position = position;
    }

    /**
     * Hands the next chunk to {@code sink}, split at its keyframe if it holds one; waits up to
     * {@code timeoutMillis} for it. False when nothing new arrived (or the Feed closed).
     */
    public boolean next(ChunkSink sink, long timeoutMillis) throws InterruptedException {
        if (position >= feed.head()) {
            feed.awaitChunk(position, timeoutMillis);
            if (position >= feed.head()) {
                return false;
            }
        }
        if (position < feed.oldestReadable()) {
            long restart = feed.startPosition();
            skipped += restart - position;
            position = restart;
        }
        long seq = position;
        int length = feed.length(seq);
        int keyframe = feed.keyframeOffset(seq);
        byte[] data = chunk;
        feed.copy(seq, chunkView, length);
        if (keyframe > 0) {
            sink.accept(data, 0, keyframe, false);
            sink.accept(data, keyframe, length - keyframe, true);
        } else {
            sink.accept(data, 0, length, keyframe == 0);
        }
        if (!feed.intact(seq)) {
            skipped++; // overwritten while being read: the reader is far too slow
        }
        position = seq + 1;
        return true;
    }

    /** Chunks this cursor lost by falling behind the ring. */
    public long skipped() {
        return skipped;
    }

    /** True once the Feed's channel stopped: ask RunningChannels for a new cursor. */
    public boolean closed() {
        return feed.isClosed() && position >= feed.head();
    }
}
