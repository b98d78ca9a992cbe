package io.panelx.viewer;

/** Why a viewer connection ended; recorded in the ledger and shown on the dashboard. */
public enum EndReason {
    CLIENT_CLOSED,
    KICKED_MAX_CONNECTIONS,
    KILLED_BY_ADMIN,
    UPSTREAM_GONE,
    TOO_SLOW,
    /**
     * The player accepted no byte for {@code panelx.stalled-viewer-seconds}; its socket is dropped.
     */
    STALLED,
    CHANNEL_STOPPED,
    SHUTDOWN,
    /** Set at startup on records a crashed server left open. */
    SERVER_RESTART,
    /**
     * Set by a surviving cluster node on the records of a node that left the cluster without
     * closing them (a crash, a cut network).
     */
    NODE_LOST
}
