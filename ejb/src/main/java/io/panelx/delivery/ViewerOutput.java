package io.panelx.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A player's response as the core sees it: non-blocking writes, on the connection's own I/O thread.
 * The web module implements it once on Servlet async I/O, so the core stays free of the servlet API
 * and no thread is held per viewer.
 */
public interface ViewerOutput {

    /** Told when writing is possible again and when the connection failed or closed. */
    interface Listener {
        void writePossible();

        /** The connection failed or was closed by the player. */
        void failed();

        /** The response completed: everything written has been sent. */
        default void completed() {
            failed();
        }
    }

    /** Starts non-blocking mode; the listener's first writePossible follows. Called once. */
    void start(Listener listener);

    /**
     * True when a write will not block; when false, writePossible() follows later: when the socket
     * is writable, or after a pause, so it may follow while the socket still takes nothing.
     */
    boolean isReady();

    /**
     * Hands the bytes to the connection (copied or written at once, never kept by reference). They
     * count as sent once {@link #isReady()} is true again: only then has the socket accepted them.
     */
    void write(byte[] data, int offset, int length) throws IOException;

    /**
     * Offers the buffers' remaining bytes to the connection in one gathering write (one system
     * call) and returns how many it took: all of them, or fewer when the socket is full (then
     * {@link #isReady()} is false and writePossible follows). Nothing is copied or kept: the caller
     * offers what was not taken again, from its own place in the Feed. What was taken counts on the
     * terms of {@link #write(byte[], int, int)}.
     */
    long write(ByteBuffer[] buffers) throws IOException;

    /**
     * Hands up to {@code count} bytes of the file from {@code position} to the connection, by the
     * kernel (sendfile) where the connection allows it, so that a movie's bytes never pass through
     * the heap. Non-blocking: returns what the connection took, possibly 0 (then {@link #isReady()}
     * is false and writePossible follows), or -1 when the file has no byte at {@code position}.
     * What it took counts like a write: once {@link #isReady()} is true again. Neither the file nor
     * its position is changed.
     */
    long transferFrom(FileChannel file, long position, long count) throws IOException;

    /** Completes the response: what was written is flushed, then the response ends. */
    void close();

    /** Drops the connection at once, unsent bytes included: a kicked or stalled player's end. */
    void abort();

    /**
     * The connection's I/O thread: every write and callback of this output runs there. The same
     * thread is the same object for every output, so that a Feed groups its viewers by it.
     */
    IoThread executor();
}
