package io.panelx.live;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.channels.StreamSinkChannel;

/** What both viewer outputs do to a connection's sink the same way. */
final class SinkWrites {

    private SinkWrites() {}

    /**
     * One gathering write of everything the buffers hold, repeated while the sink takes bytes: a
     * response conduit may take one buffer per call (a chunked body does). Returns what it took.
     */
    static long gather(StreamSinkChannel sink, ByteBuffer[] buffers) throws IOException {
        long length = 0;
        for (ByteBuffer b : buffers) {
            length += b.remaining();
        }
        long n = 0;
        for (long w = 1; n < length && w > 0; ) {
            w = sink.write(buffers);
            n += w;
        }
        return n;
    }

    /** Whether a buffer still holds bytes: the sink is full. */
    static boolean left(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** Drops the connection at once, whatever is still queued (a kicked or stalled player). */
    static void drop(HttpServerExchange exchange) {
        try {
            exchange.getConnection().close();
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }
}
