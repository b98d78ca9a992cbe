package io.panelx.archive;

import io.panelx.delivery.ViewerOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads the ranges of an {@link ArchiveWindow} one after the other, into the caller's buffer or
 * straight to a player's output (sendfile where the connection allows it): one open file at a time,
 * nothing allocated per transfer. A file pruned after the window was planned is skipped (the next
 * segment starts at a keyframe).
 */
public final class ArchiveReader implements AutoCloseable {

    private final List<ArchiveWindow.Range> ranges;
    private int next;
    private FileChannel file;
    private long position;
    private long remaining;

    public ArchiveReader(List<ArchiveWindow.Range> ranges) {
        this.ranges = ranges;
    }

    /** Reads up to {@code length} bytes; -1 once every range was read. */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (openNext()) {
            int n = file.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)));
            if (n > 0) {
                position += n;
                remaining -= n;
                return n;
            }
            remaining = 0; // shorter than indexed: go on with the next range
        }
        return -1;
    }

    /**
     * Hands up to {@code max} bytes of the current range to the output; what it took (possibly 0:
     * the output is then not ready), or -1 once every range was sent.
     */
    public long transferTo(ViewerOutput out, long max) throws IOException {
        while (openNext()) {
            long n = out.transferFrom(file, position, Math.min(max, remaining));
            if (n >= 0) {
                position += n;
                remaining -= n;
                return n;
            }
            remaining = 0; // shorter than indexed: go on with the next range
        }
        return -1;
    }

    /** True when a range with bytes left is open, opening the next ones as needed. */
    private boolean openNext() throws IOException {
        while (file == null || remaining <= 0) {
            closeFile();
            if (next >= ranges.size()) {
                return false;
            }
            ArchiveWindow.Range r = ranges.get(next++);
            try {
                file = FileChannel.open(r.file(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                continue; // pruned in between
            }
            position = r.from();
            file.position(position);
            remaining = r.length();
        }
        return true;
    }

    private void closeFile() throws IOException {
        if (file != null) {
            FileChannel f = file;
            file = null;
            f.close();
        }
    }

    @Override
    public void close() {
        try {
            closeFile();
        } catch (IOException ignored) {
            // read-only file: nothing to lose
        }
    }
}
