package io.panelx.live;

import io.panelx.delivery.IoThread;
import io.panelx.delivery.ViewerOutput;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.channels.StreamSinkChannel;

/**
 * A live stream's response written straight to the Undertow exchange's response channel, for the
 * requests {@link StreamDoor} takes past the servlet chain (plain HTTP/1 only). Like {@link
 * ServletViewerOutput} it never blocks, runs every write on the connection's I/O thread and counts
 * a write once the socket has taken it; the body is not chunked and ends with the connection.
 *
 * <p>The handler resumes writes before it returns; Undertow hands the channel to the I/O thread
 * after that, and the first writable event is what makes the output ready, so no write can meet the
 * exchange while the request's thread still holds it.
 */
final class ExchangeViewerOutput implements ViewerOutput {

    private final HttpServerExchange exchange;
    private final IoThread ioThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private StreamSinkChannel channel;
    private volatile Listener listener;

    /** Set by the first writable event, on the I/O thread. */
    private volatile boolean started;

    /** The socket took less than it was given: not ready until it is writable again. */
    private volatile boolean blocked;

    /** What the socket did not take of a {@link #write(byte[], int, int)}, copied. */
    private ByteBuffer rest;

    /** The response head is out: only then does the channel take a file by position. */
    private boolean headSent;

    private ExchangeViewerOutput(HttpServerExchange exchange) {
        this.exchange = exchange;
        this.ioThread = XnioThreads.of(exchange.getIoThread());
    }

    /** The response of an endless stream: unchunked, its end is the connection's. */
    static ExchangeViewerOutput stream(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        return new ExchangeViewerOutput(exchange);
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        channel = exchange.getResponseChannel();
        channel.getWriteSetter().set(c -> writable());
        exchange.getConnection().addCloseListener(c -> failed());
        channel.resumeWrites();
    }

    /** The socket can take bytes again (I/O thread). */
    private void writable() {
        started = true;
        try {
            if (rest != null) {
                channel.write(rest);
                if (rest.hasRemaining()) {
                    return; // writes stay resumed
                }
                rest = null;
            }
        } catch (IOException e) {
            failed();
            return;
        }
        channel.suspendWrites();
        blocked = false;
        Listener l = listener;
        if (l != null) {
            l.writePossible();
        }
    }

    @Override
    public boolean isReady() {
        return started && !blocked && !closed.get();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data, offset, length);
        write(new ByteBuffer[] {b});
        if (b.hasRemaining()) {
            ByteBuffer copy = ByteBuffer.allocate(b.remaining());
            rest = copy.put(b).flip(); // the caller's array is not kept
        }
    }

    @Override
    public long write(ByteBuffer[] buffers) throws IOException {
        long n = SinkWrites.gather(channel, buffers);
        if (SinkWrites.left(buffers)) {
            blocked = true;
            channel.resumeWrites();
        }
        return n;
    }

    /**
     * A Feed's segment file to the socket by {@code sendfile}. While the head is queued, Undertow's
     * response conduit reads a file from the file's own position, whatever was asked: the head is
     * flushed first, and a file is handed over only once it is out.
     */
    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        long n = 0;
        if (headSent || (headSent = channel.flush())) {
            n = channel.transferFrom(file, position, count);
        }
        if (n < count) {
            blocked = true; // the socket is full: ready again at its next writable event
            channel.resumeWrites();
        }
        return n;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Not started: the request's thread still holds the exchange (a channel stopped
            // between admission and attach) and ends it itself.
            if (channel == null || ioThread.isCurrent()) {
                exchange.endExchange();
            } else {
                ioThread.execute(exchange::endExchange);
            }
        }
    }

    @Override
    public void abort() {
        if (closed.compareAndSet(false, true)) {
            SinkWrites.drop(exchange);
        }
    }

    @Override
    public IoThread executor() {
        return ioThread;
    }

    private void failed() {
        closed.set(true);
        Listener l = listener;
        if (l != null) {
            l.failed();
        }
    }
}
