package io.panelx.delivery;

/** Takes the chunks a {@link FeedCursor} reads. */
public interface ChunkSink {

    /** {@code randomAccess}: these bytes start with a video keyframe (a place to cut or start). */
    void accept(byte[] data, int offset, int length, boolean randomAccess);
}
