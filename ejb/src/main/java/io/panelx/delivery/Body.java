package io.panelx.delivery;

import java.io.IOException;

/**
 * A response body pulled by a ViewerSession while the player's output is ready: a file range (a
 * movie, an archive window), an HLS segment. It opens what it reads once, allocates its buffer
 * once, and never blocks for long.
 */
public interface Body {

    /** Writes the next bytes with at most one {@code out.write}; the count, or -1 at the end. */
    int writeTo(ViewerOutput out) throws IOException;

    /** Releases what the body holds (a file); called once, whatever the end. */
    void close();

    /** A body of bytes already in memory (not copied: the array must not change). */
    static Body of(byte[] data, int offset, int length) {
        return new Body() {
            private int position = offset;

            @Override
            public int writeTo(ViewerOutput out) throws IOException {
                int n = Math.min(64 * 1024, offset + length - position);
                if (n <= 0) {
                    return -1;
                }
                out.write(data, position, n);
                position += n;
                return n;
            }

            @Override
            public void close() {}
        };
    }
}
