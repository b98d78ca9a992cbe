package io.panelx.viewer;

import java.util.concurrent.CompletionStage;

/**
 * The ledger as admission sees it: a viewer's first byte waits (bounded) until its connection
 * record is stored, so that a crash never loses a connection that sent anything.
 */
public interface RecordKeeper {

    /**
     * Completes once the record of a connection announced with ViewerConnected is stored, or after
     * a bounded wait (a few seconds) when the database did not confirm in time (the record stays
     * queued). Never blocks; the completion runs on the keeper's own threads, so callbacks must be
     * quick.
     */
    CompletionStage<Void> recorded(String connectionId);

    /**
     * Closes, at their last checkpoint and with reason NODE_LOST, the open records of a cluster
     * node that left without closing them; queued, so it never blocks the caller.
     */
    void closeRecordsOf(String lostNode);
}
