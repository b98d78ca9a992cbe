package io.panelx.viewer;

/**
 * An open viewer connection as the figures see it: read when a snapshot or a ledger checkpoint is
 * taken, so that traffic needs no event per viewer per second.
 */
public interface LiveConnection {

    Viewer viewer();

    /** Bytes the player's socket has accepted so far. */
    long bytesSent();

    /** The rate over the last second, as sampled by the delivery tick. */
    long bitsPerSecond();
}
