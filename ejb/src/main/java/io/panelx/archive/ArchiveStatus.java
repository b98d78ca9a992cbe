package io.panelx.archive;

import java.time.Instant;
import java.util.List;

/**
 * One channel's archive as the admin API, the dashboard and monitoring show it: its recorder's
 * state (with the reason when it failed), what is on disk, and its gaps.
 */
public record ArchiveStatus(
        long channelId,
        int archiveHours,
        RecordingState state,
        String failure,
        long bytes,
        int segments,
        Instant oldest,
        Instant newest,
        List<Gap> gaps) {

    /** Nothing was recorded between {@code from} and {@code to}. */
    public record Gap(Instant from, Instant to) {}
}
