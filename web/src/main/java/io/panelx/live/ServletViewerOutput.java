package io.panelx.live;

import io.panelx.delivery.ViewerOutput;
import io.panelx.delivery.ViewerSession;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A player's response as a non-blocking {@link ViewerOutput}: Servlet async I/O, so no worker
 * thread is held while a viewer watches. The session is told when writing is possible again and
 * when the connection fails.
 */
final class ServletViewerOutput implements ViewerOutput, WriteListener, AsyncListener {

    private final AsyncContext context;
    private final ServletOutputStream out;
    private final ViewerSession session;
    private final AtomicBoolean closed = new AtomicBoolean();

    ServletViewerOutput(AsyncContext context, ServletOutputStream out, ViewerSession session) {
        this.context = context;
        this.out = out;
        this.session = session;
    }

    @Override
    public boolean isReady() {
        return !closed.get() && out.isReady();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
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
    public void onWritePossible() {
        session.writePossible();
    }

    @Override
    public void onError(Throwable t) {
        closed.set(true);
        session.outputFailed();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        closed.set(true);
        session.outputFailed(); // no-op when the session ended first
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        session.outputFailed();
    }

    @Override
    public void onError(AsyncEvent event) {
        closed.set(true);
        session.outputFailed();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}
}
