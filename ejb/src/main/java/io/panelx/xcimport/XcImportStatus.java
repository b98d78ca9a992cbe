package io.panelx.xcimport;

import java.time.Instant;

/**
 * The state of the running or last import: {@code IDLE} (none yet), {@code RUNNING}, {@code DONE}
 * or {@code FAILED} (with the error; what was committed before stays, a rerun continues).
 */
public record XcImportStatus(
        String state,
        boolean dryRun,
        String phase,
        long read,
        long total,
        Instant startedAt,
        Instant finishedAt,
        String error,
        XcReport.Summary report) {

    static XcImportStatus idle() {
        return new XcImportStatus("IDLE", false, null, 0, 0, null, null, null, null);
    }

    public boolean running() {
        return "RUNNING".equals(state);
    }
}
