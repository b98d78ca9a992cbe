package io.panelx.archive;

/** Where a channel's recorder stands (dashboard, JMX, Prometheus). */
public enum RecordingState {
    /** The channel is not archived (archiveHours 0). */
    OFF,
    /** Archived, but no chunk is arriving: the channel is starting or its source is down. */
    WAITING,
    /** Chunks are being written to the archive. */
    RECORDING,
    /** Stopped by a disk error or the quota; retried after panelx.archive-retry-seconds. */
    FAILED
}
