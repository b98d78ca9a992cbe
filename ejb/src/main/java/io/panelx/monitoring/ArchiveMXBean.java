package io.panelx.monitoring;

import java.util.Map;

/** {@code io.panelx:type=Archive}: the catch-up archive's disk use and each recorder's state. */
public interface ArchiveMXBean {

    /** Bytes on disk (finished segments and the ones being written). */
    long getBytes();

    /** The quota in force (panelx.archive-max-gb, or an admin's runtime change). */
    long getMaxBytes();

    int getChannelsRecording();

    /** Channels whose recording stopped on a disk error or the quota. */
    int getChannelsFailed();

    /** Bytes on disk per channel id. */
    Map<String, Long> getChannelBytes();

    /** Recorder state per channel id: OFF, WAITING, RECORDING, or FAILED with the reason. */
    Map<String, String> getChannelStates();
}
