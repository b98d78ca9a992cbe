package io.panelx.http;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs server faults at SEVERE, at most {@code perMinute} a minute for its logger; the rest are
 * counted and the count is told with the next line that is logged. A fault that a flood of requests
 * triggers must not fill the disk.
 */
public final class FaultLog {

    private final Logger log;
    private final int perMinute;
    private long windowStart;
    private int inWindow;
    private int suppressed;

    public FaultLog(Logger log, int perMinute) {
        this.log = log;
        this.perMinute = perMinute;
    }

    public void severe(String message, Throwable thrown) {
        int skipped;
        synchronized (this) {
            long now = System.currentTimeMillis();
            if (now - windowStart >= 60_000) {
                windowStart = now;
                inWindow = 0;
            }
            if (++inWindow > perMinute) {
                suppressed++;
                return;
            }
            skipped = suppressed;
            suppressed = 0;
        }
        log.log(
                Level.SEVERE,
                skipped == 0 ? message : message + " (" + skipped + " more not logged before this)",
                thrown);
    }
}
