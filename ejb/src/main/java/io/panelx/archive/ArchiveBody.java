package io.panelx.archive;

import io.panelx.delivery.Body;
import io.panelx.delivery.ViewerOutput;
import java.io.IOException;
import java.util.List;

/**
 * A timeshift response body: the archive files of a window, handed to the viewer's output one
 * transfer at a time (sendfile where the connection allows it), only as fast as the player takes
 * them (the session calls it while the output is ready).
 */
public final class ArchiveBody implements Body {

    /** The most handed over at once (the socket takes what fits its buffer anyway). */
    private static final long PIECE = 1024 * 1024;

    private final ArchiveReader reader;

    public ArchiveBody(List<ArchiveWindow.Range> ranges) {
        this.reader = new ArchiveReader(ranges);
    }

    @Override
    public int writeTo(ViewerOutput out) throws IOException {
        return (int) reader.transferTo(out, PIECE);
    }

    @Override
    public void close() {
        reader.close();
    }
}
