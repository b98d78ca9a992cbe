package io.panelx.live;

import io.panelx.delivery.IoThread;
import io.panelx.delivery.ViewerOutput;
import io.undertow.io.BufferWritableOutputStream;
import io.undertow.server.HttpServerExchange;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.XnioIoThread;

/**
 * A player's response as a non-blocking {@link ViewerOutput}: Servlet async I/O on Undertow, so no
 * worker thread is held while a viewer watches, and every write runs on the connection's own XNIO
 * I/O thread (where Undertow calls the write listener too).
 *
 * <p>The response buffer is made tiny, so that each write goes to the socket at once: a write that
 * leaves the output ready was accepted by the socket whole, which is what makes the core's byte
 * counts exact. A gathering write goes through Undertow's own {@link BufferWritableOutputStream}
 * (one system call for several chunks).
 */
public final class ServletViewerOutput implements ViewerOutput, WriteListener, AsyncListener {

    /** One {@link IoThread} per XNIO I/O thread, so that the core groups viewers by identity. */
    private static final ConcurrentHashMap<XnioIoThread, IoThread> IO_THREADS =
            new ConcurrentHashMap<>();

    private final AsyncContext context;
    private final ServletOutputStream out;
    private final HttpServerExchange exchange;
    private final IoThread ioThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listener listener;

    /** The response's Content-Length, or -1; Undertow ends the body itself when it is reached. */
    private long contentLength = -1;

    private long written;

    private ServletViewerOutput(
            AsyncContext context, ServletOutputStream out, HttpServerExchange exchange) {
        this.context = context;
        this.out = out;
        this.exchange = exchange;
        this.ioThread = IO_THREADS.computeIfAbsent(exchange.getIoThread(), XnioThread::new);
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
        return !closed.get() && out.isReady();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
        written(length);
    }

    @Override
    public void write(ByteBuffer[] buffers) throws IOException {
        long length = 0;
        for (ByteBuffer b : buffers) {
            length += b.remaining();
        }
        ((BufferWritableOutputStream) out).write(buffers);
        written(length);
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
            try {
                exchange.getConnection().close(); // the socket goes, whatever is still queued
            } catch (IOException | RuntimeException e) {
                // already closed
            }
        }
    }

    @Override
    public IoThread executor() {
        return ioThread;
    }

    /** An XNIO I/O thread as the delivery core sees it. */
    private record XnioThread(XnioIoThread thread) implements IoThread {
        @Override
        public void execute(Runnable task) {
            thread.execute(task);
        }

        @Override
        public void executeAfter(Runnable task, long delayMillis) {
            thread.executeAfter(task, delayMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean isCurrent() {
            return Thread.currentThread() == thread;
        }
    }

    @Override
    public void onWritePossible() {
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
