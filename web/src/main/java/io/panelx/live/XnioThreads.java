package io.panelx.live;

import io.panelx.delivery.IoThread;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioIoThread;

/**
 * The XNIO I/O threads as the delivery core sees them: one {@link IoThread} per thread, shared by
 * both kinds of output ({@link ServletViewerOutput}, {@link ExchangeViewerOutput}), because a Feed
 * groups its viewers by the identity of their thread.
 */
final class XnioThreads {

    private static final ConcurrentHashMap<XnioIoThread, IoThread> THREADS =
            new ConcurrentHashMap<>();

    private XnioThreads() {}

    static IoThread of(XnioIoThread thread) {
        return THREADS.computeIfAbsent(thread, XnioThread::new);
    }

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
}
