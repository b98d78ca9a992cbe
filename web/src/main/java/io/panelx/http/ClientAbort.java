package io.panelx.http;

import java.io.IOException;

/**
 * Tells a client's mistake from a server fault: reading a request fails with an IOException when
 * the client hung up or aborted its body. That is the client's business, worth a FINE line at most;
 * an operator's log shows the server's faults.
 */
public final class ClientAbort {

    private ClientAbort() {}

    /** Whether an IOException (the client went away while it was read or written) caused this. */
    public static boolean caused(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
