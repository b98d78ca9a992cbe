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

    /**
     * The first pause before a full socket is offered more while the kernel's TCP memory is high
     * ({@link TcpMemory}); it doubles while the socket stays full. Without it, 5,000 viewers of a 2
     * Mbit/s channel behind real time under pressure cost 40,000-95,000 {@code sendfile}s a second
     * of 10-20 KiB each (each one a splice of up to 64 KiB of page lookups), more than a core, and
     * the pressure never lifted.
     */
    static final long MIN_PAUSE_MILLIS = 50;

    /**
     * The longest pause, a lane's wake-up interval (a viewer at the live edge is written as often):
     * under pressure a full socket still held about 200 KiB (0.8 s of a 2 Mbit/s channel).
     */
    static final long MAX_PAUSE_MILLIS = 400;

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

    /** The pause before the next offer to a full socket; 0 when it was not full. I/O thread. */
    private long pauseMillis;

    private final Runnable afterPause = this::writable;

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

    /** The socket can take bytes again, or a pause is over (I/O thread). */
    private void writable() {
        if (closed.get() && started) {
            return; // a pause ended after the connection did
        }
        started = true;
        try {
            if (rest != null) {
                channel.write(rest);
                if (rest.hasRemaining()) {
                    channel.resumeWrites();
                    return;
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
            full(true);
        } else {
            pauseMillis = 0;
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
            full(headSent); // while the head is queued, its flush is what is waited for
        } else {
            pauseMillis = 0;
        }
        return n;
    }

    /**
     * The socket did not take all of a write: not ready until its next writable event, or, while
     * the kernel's TCP memory is high, until a pause is over.
     */
    private void full(boolean mayPause) {
        blocked = true;
        if (!mayPause || !TcpMemory.high()) {
            pauseMillis = 0;
            channel.resumeWrites();
            return;
        }
        pauseMillis =
                pauseMillis == 0 ? MIN_PAUSE_MILLIS : Math.min(2 * pauseMillis, MAX_PAUSE_MILLIS);
        ioThread.executeAfter(afterPause, pauseMillis);
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
