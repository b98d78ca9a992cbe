package io.panelx.delivery;

import java.io.IOException;

/**
 * The player's socket as the core sees it: non-blocking writes. The web module implements it on
 * Servlet async I/O (a WriteListener calls {@link ViewerSession#writePossible()}), so the core
 * stays free of the servlet API and no thread is held per viewer.
 */
public interface ViewerOutput {

    /** True when a write will not block; when false, writePossible() follows later. */
    boolean isReady();

    void write(byte[] data, int offset, int length) throws IOException;

    /** Completes the response: what was written is flushed, then the connection ends. */
    void close();
}
