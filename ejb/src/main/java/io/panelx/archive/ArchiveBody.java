package io.panelx.archive;

import io.panelx.delivery.Body;
import io.panelx.delivery.ViewerOutput;
import java.io.IOException;
import java.util.List;

/**
 * A timeshift response body: the archive files of a window, read into one buffer allocated per
 * response and handed to the viewer's output one write at a time, only as fast as the player takes
 * them (the session calls it while the output is ready).
 */
public final class ArchiveBody implements Body {

    private static final int BUFFER = 64 * 1024;

    private final ArchiveReader reader;
    private final byte[] buffer = new byte[BUFFER];

    public ArchiveBody(List<ArchiveWindow.Range> ranges) {
        this.reader = new ArchiveReader(ranges);
    }

    @Override
    public int writeTo(ViewerOutput out) throws IOException {
        int n = reader.read(buffer, 0, buffer.length);
        if (n < 0) {
            return -1;
        }
        out.write(buffer, 0, n);
        return n;
    }

    @Override
    public void close() {
        reader.close();
    }
}
