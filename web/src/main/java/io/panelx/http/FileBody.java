package io.panelx.http;

import io.panelx.delivery.Body;
import io.panelx.delivery.ViewerOutput;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A byte range of a file as a response body: the file is opened once per response and handed to the
 * player's connection by {@link ViewerOutput#transferFrom} (sendfile where the connection allows
 * it), never more than the player takes.
 */
public final class FileBody implements Body {

    /**
     * The most handed over at once: the socket takes what fits in its buffer anyway; a bound keeps
     * each count an int and confirmations frequent.
     */
    private static final long PIECE = 1024 * 1024;

    private final FileChannel file;
    private final long end;
    private long position;

    /** Sends {@code length} bytes from {@code start}; takes ownership of the open file. */
    public FileBody(FileChannel file, long start, long length) {
        this.file = file;
        this.position = start;
        this.end = start + length;
    }

    @Override
    public int writeTo(ViewerOutput out) throws IOException {
        long n = Math.min(PIECE, end - position);
        if (n <= 0) {
            return -1;
        }
        long took = out.transferFrom(file, position, n);
        if (took < 0) {
            return -1; // the file is shorter than it was (truncated under us)
        }
        position += took;
        return (int) took;
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            // nothing to do: it was only read
        }
    }
}
