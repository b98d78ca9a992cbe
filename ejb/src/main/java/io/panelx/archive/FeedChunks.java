package io.panelx.archive;

/**
 * What the recorder consumes: the chunks of a channel's Feed in order, as a Feed cursor hands them
 * out. The shape matches the delivery core's chunk sink so a cursor can feed a recorder directly,
 * while the recorder stays testable without a server.
 */
public interface FeedChunks {

    /**
     * One chunk of whole MPEG-TS packets; {@code randomAccess}: it starts with a video keyframe.
     * The array is the Feed's own and is reused after the call returns: copy, never keep it.
     */
    void accept(byte[] data, int offset, int length, boolean randomAccess);
}
