package io.panelx.http;

import io.panelx.delivery.Body;
import io.panelx.delivery.ViewerOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A byte range of a file as a response body: the file is opened once per response and read in 64
 * KiB pieces into one buffer allocated for the response, never more than the player takes.
 */
public final class FileBody implements Body {

    private static final int PIECE = 64 * 1024;

    private final FileChannel file;
    private final long end;
    private long position;
    private byte[] buffer;

    /** Sends {@code length} bytes from {@code start}; takes ownership of the open file. */
    public FileBody(FileChannel file, long start, long length) {
        this.file = file;
        this.position = start;
        this.end = start + length;
    }

    @Override
    public int writeTo(ViewerOutput out) throws IOException {
        int n = (int) Math.min(PIECE, end - position);
        if (n <= 0) {
            return -1;
        }
        if (buffer == null) {
            buffer = new byte[(int) Math.min(PIECE, end - position)];
        }
        int read = file.read(ByteBuffer.wrap(buffer, 0, n), position);
        if (read <= 0) {
            return -1; // the file is shorter than it was (truncated under us)
        }
        out.write(buffer, 0, read);
        position += read;
        return read;
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
