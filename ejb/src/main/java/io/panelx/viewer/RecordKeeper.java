package io.panelx.viewer;

/**
 * The ledger as admission sees it: a viewer's first byte waits (bounded) until its connection
 * record is stored, so that a crash never loses a connection that sent anything.
 */
public interface RecordKeeper {

    /**
     * Waits up to {@code timeoutMillis} for the record of a connection announced with
     * ViewerConnected; false when the database did not confirm in time (the record stays queued).
     */
    boolean awaitRecorded(String connectionId, long timeoutMillis);

    /**
     * Closes, at their last checkpoint and with reason NODE_LOST, the open records of a cluster
     * node that left without closing them; queued, so it never blocks the caller.
     */
    void closeRecordsOf(String lostNode);
}
