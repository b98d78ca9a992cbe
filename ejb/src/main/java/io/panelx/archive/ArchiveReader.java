package io.panelx.archive;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.List;

/**
 * Reads the ranges of an {@link ArchiveWindow} one after the other into the caller's buffer: one
 * open file at a time, nothing allocated per read. A file pruned after the window was planned is
 * skipped (the next segment starts at a keyframe).
 */
public final class ArchiveReader implements AutoCloseable {

    private final List<ArchiveWindow.Range> ranges;
    private int next;
    private RandomAccessFile file;
    private long remaining;

    public ArchiveReader(List<ArchiveWindow.Range> ranges) {
        this.ranges = ranges;
    }

    /** Reads up to {@code length} bytes; -1 once every range was read. */
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            if (file != null && remaining > 0) {
                int n = file.read(buffer, offset, (int) Math.min(length, remaining));
                if (n > 0) {
                    remaining -= n;
                    return n;
                }
                remaining = 0; // shorter than indexed: go on with the next range
            }
            closeFile();
            if (next >= ranges.size()) {
                return -1;
            }
            ArchiveWindow.Range r = ranges.get(next++);
            try {
                file = new RandomAccessFile(r.file().toFile(), "r");
            } catch (java.io.FileNotFoundException e) {
                continue; // pruned in between
            }
            file.seek(r.from());
            remaining = r.length();
        }
    }

    private void closeFile() throws IOException {
        if (file != null) {
            RandomAccessFile f = file;
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
