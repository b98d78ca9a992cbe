package io.panelx.live;

import io.panelx.delivery.IoThread;
import io.panelx.delivery.ViewerOutput;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.servlet.handlers.ServletRequestContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.channels.StreamSinkChannel;

/**
 * A player's response as a non-blocking {@link ViewerOutput}: Servlet async I/O on Undertow, so no
 * worker thread is held while a viewer watches, and every write runs on the connection's own XNIO
 * I/O thread (where Undertow calls the write listener too).
 *
 * <p>The response buffer is made tiny, so that each write goes to the socket at once: a write that
 * leaves the output ready was accepted by the socket whole, which is what makes the core's byte
 * counts exact.
 *
 * <p>On HTTP/1 a gathering write (one system call for several chunks) and a file (by sendfile) go
 * to the connection's sink channel under the servlet stream (see {@link #sink()}), whose write
 * listener still tells when the socket is writable again. Undertow's own async {@code
 * write(ByteBuffer[])} sends a stray byte when the socket fills, and its async {@code
 * transferFrom(FileChannel)} cannot serve a range (in 2.3.23 its first call passes a null file, it
 * ends at {@code source.size()}, and what it sends after a resume is not counted toward the
 * Content-Length).
 */
public final class ServletViewerOutput implements ViewerOutput, WriteListener, AsyncListener {

    private final AsyncContext context;
    private final ServletOutputStream out;
    private final HttpServerExchange exchange;
    private final IoThread ioThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listener listener;

    /** The response's Content-Length, or -1; Undertow ends the body itself when it is reached. */
    private long contentLength = -1;

    private long written;

    private static final int PIECE = 64 * 1024;

    /** The connection's sink under the servlet stream, for sendfile; null until looked up. */
    private StreamSinkChannel sink;

    private boolean sinkLookedUp;

    /** True once the response head is out: only then does the sink take a file by position. */
    private boolean headSent;

    /** The sink took less than it was given: not ready until it is writable again. */
    private volatile boolean blocked;

    /** Without sendfile: a file's bytes are read here (one buffer per response). */
    private ByteBuffer piece;

    /** A gathering write's buffers joined (64 KiB), where the sink is not for this connection. */
    private byte[] joined;

    private ServletViewerOutput(
            AsyncContext context, ServletOutputStream out, HttpServerExchange exchange) {
        this.context = context;
        this.out = out;
        this.exchange = exchange;
        this.ioThread = XnioThreads.of(exchange.getIoThread());
    }

    /**
     * Puts the response (status and headers set) into async mode; the body goes through the
     * returned output. Call on the request's thread.
     */
    public static ServletViewerOutput start(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        HttpServerExchange exchange = ServletRequestContext.requireCurrent().getExchange();
        resp.setBufferSize(1);
        AsyncContext context = req.startAsync();
        context.setTimeout(0); // the delivery tick ends viewers that make no progress
        return new ServletViewerOutput(context, resp.getOutputStream(), exchange);
    }

    /**
     * Like {@link #start}, for a live stream, which lasts until the player leaves: on HTTP/1.1 the
     * body is not chunked but ends with the connection ({@code Connection: close}), as a player of
     * an endless stream never reuses it anyway. Undertow's chunked conduit sends one buffer per
     * gathering write, so a chunked stream would go out one Feed chunk per system call, the rest
     * copied and sent after a writable event; unchunked, a batch is one {@code writev}.
     */
    public static ServletViewerOutput stream(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        HttpServerExchange exchange = ServletRequestContext.requireCurrent().getExchange();
        if (exchange.getConnection() instanceof HttpServerConnection) {
            exchange.setPersistent(false);
        }
        return start(req, resp);
    }

    @Override
    public void start(Listener listener) {
        String length = exchange.getResponseHeaders().getFirst("Content-Length");
        contentLength = length == null ? -1 : Long.parseLong(length);
        this.listener = listener;
        context.addListener(this);
        out.setWriteListener(this);
    }

    @Override
    public boolean isReady() {
        return !closed.get() && !blocked && out.isReady();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        written(length);
    }

    /**
     * On HTTP/1 one gathering write on the connection's sink (see {@link #sink()}); what the socket
     * did not take stays with the caller, who offers it again at writePossible. Not through
     * Undertow's own async {@code write(ByteBuffer[])}: in 2.3.23, when the socket fills, it queues
     * its empty response buffer and then compacts it, so a stray byte goes out before the rest.
     * Elsewhere (HTTP/2) up to 64 KiB of the buffers are copied into one array and written like
     * one.
     */
    @Override
    public long write(ByteBuffer[] buffers) throws IOException {
        StreamSinkChannel s = sink();
        if (s == null) {
            // A piece at most (the rest stays with the caller): every HTTP/2 viewer keeps one.
            byte[] piece = joined == null ? joined = new byte[PIECE] : joined;
            int at = 0;
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), piece.length - at);
                b.get(piece, at, n);
                at += n;
            }
            write(piece, 0, at);
            return at;
        }
        long n = SinkWrites.gather(s, buffers);
        if (SinkWrites.left(buffers)) {
            blocked = true;
            s.resumeWrites();
        }
        written += n;
        return n;
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        StreamSinkChannel s = sendfile() ? sink() : null;
        if (s == null) {
            return copyFrom(file, position, count);
        }
        long n = 0;
        // While the head is queued, Undertow's response conduit reads the file from its own
        // position, whatever was asked: a file is handed over only once the head is out.
        if (headSent || (headSent = s.flush())) {
            n = s.transferFrom(file, position, count);
        }
        if (n == 0 && headSent && position >= file.size()) {
            return -1;
        }
        if (n < count) {
            // The socket is full: the servlet stream's listener hears when it is writable again.
            blocked = true;
            s.resumeWrites();
        }
        written += n;
        return n;
    }

    /**
     * The connection's sink channel for this response, or null when it is not for it. The servlet
     * stream's flush makes it take the exchange's response channel and set its write listener on
     * the connection's sink: below, the sink is then this response's conduit chain (fixed length or
     * chunked, HTTP), whose writable events reach {@link #onWritePossible()}. Only plain HTTP/1
     * connections (an HTTP/2 stream or AJP frames its own way).
     */
    private StreamSinkChannel sink() throws IOException {
        if (!sinkLookedUp) {
            sinkLookedUp = true;
            if (exchange.getConnection() instanceof HttpServerConnection http) {
                out.flush();
                if (exchange.isResponseStarted()) {
                    sink = http.getChannel().getSinkChannel();
                }
            }
        }
        return sink;
    }

    /**
     * Whether files go by sendfile: the server's {@code panelx.vod.sendfile} (default true), read
     * per response so that a benchmark can compare both ways on one running server.
     */
    private static boolean sendfile() {
        return !"false".equals(System.getProperty("panelx.vod.sendfile"));
    }

    /**
     * Without sendfile: the file read into one buffer per response and written like a byte array.
     */
    private long copyFrom(FileChannel file, long position, long count) throws IOException {
        if (piece == null) {
            piece = ByteBuffer.wrap(new byte[PIECE]);
        }
        piece.clear().limit((int) Math.min(PIECE, count));
        int n = file.read(piece, position);
        if (n <= 0) {
            return -1;
        }
        write(piece.array(), 0, n);
        return n;
    }

    private void written(long length) {
        written += length;
        if (contentLength >= 0 && written >= contentLength && !out.isReady()) {
            // The last bytes wait in Undertow, which sends them and ends the body without
            // another writePossible: completing now makes onComplete say when they are out.
            close();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                context.complete();
            } catch (IllegalStateException e) {
                // the container already completed the request (client gone)
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

    @Override
    public void onWritePossible() {
        blocked = false;
        Listener l = listener;
        if (l != null) {
            l.writePossible();
        }
    }

    private void failed() {
        closed.set(true);
        Listener l = listener;
        if (l != null) {
            l.failed();
        }
    }

    @Override
    public void onError(Throwable t) {
        failed();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closed.set(true);
        Listener l = listener;
        if (l != null) {
            l.completed(); // for a stream: the player is gone (no-op when the session ended first)
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        failed();
    }

    @Override
    public void onError(AsyncEvent event) {
        failed();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}
}
