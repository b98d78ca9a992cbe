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
}
