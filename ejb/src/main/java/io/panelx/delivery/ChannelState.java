package io.panelx.delivery;

/** The life of a channel's Feed and the Source filling it. */
public enum ChannelState {
    STARTING,
    RUNNING,
    /**
     * The source failed or stalled; viewers stay connected while it is restarted or failed over.
     */
    RESTARTING,
    /** Every source failed repeatedly; viewers were released. */
    FAILED,
    STOPPED
}
