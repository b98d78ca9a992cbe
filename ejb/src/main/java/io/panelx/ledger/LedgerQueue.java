package io.panelx.ledger;

import io.panelx.viewer.RecordKeeper;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The ledger's inbox: viewer events and lost nodes queued for ConnectionLedger's writer, and the
 * first bytes waiting for their record. A plain CDI bean, not the EJB: its observers run on the
 * request threads of a connect storm, and an EJB business method (interceptors, invocation context)
 * per event was a third of the admission's cost in a profile. Only queues and maps here; the writer
 * drains them, through methods only (it holds a client proxy, whose fields are not these).
 */
@ApplicationScoped
public class LedgerQueue implements RecordKeeper {

    private static final CompletionStage<Void> STORED = CompletableFuture.completedStage(null);

    /** A queued insert's first byte: released when it is stored, or when it waited too long. */
    record Waiter(CompletableFuture<Void> stored, long sinceNanos) {}

    /** Inserts waiting to be written, in admission order; {@link #waiting} holds their waiters. */
    private final ConcurrentLinkedQueue<LedgerStore.Opened> opened = new ConcurrentLinkedQueue<>();

    private final ConcurrentLinkedQueue<LedgerStore.Closed> closed = new ConcurrentLinkedQueue<>();

    /** Cluster nodes whose open records are to be closed (NODE_LOST). */
    private final ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();

    private final ConcurrentHashMap<String, Waiter> waiting = new ConcurrentHashMap<>();

    /** Told of every queued insert: the writer's wake-up (a first byte waits for the write). */
    private volatile Runnable insertQueued = () -> {};

    void connected(@Observes ViewerConnected event) {
        waiting.put(
                event.viewer().connectionId(),
                new Waiter(new CompletableFuture<>(), System.nanoTime()));
        opened.add(new LedgerStore.Opened(event.viewer(), null, null, 0));
        insertQueued.run();
    }

    /** What to run after each queued insert (cheap: it runs on the admitting request thread). */
    void onInsertQueued(Runnable wake) {
        insertQueued = wake;
    }

    void disconnected(@Observes ViewerDisconnected event) {
        closed.add(
                new LedgerStore.Closed(
                        event.viewer().connectionId(),
                        event.at(),
                        event.reason(),
                        event.bytesSent()));
    }

    @Override
    public void closeRecordsOf(String lostNode) {
        lost.add(lostNode);
    }

    @Override
    public CompletionStage<Void> recorded(String connectionId) {
        Waiter w = waiting.get(connectionId);
        return w == null ? STORED : w.stored().minimalCompletionStage();
    }

    /** The next insert to write, or null. */
    LedgerStore.Opened nextOpened() {
        return opened.poll();
    }

    /** The next close to write, or null. */
    LedgerStore.Closed nextClosed() {
        return closed.poll();
    }

    /**
     * The next lost node to close the records of, or null; it stays queued until {@link
     * #lostClosed}.
     */
    String nextLost() {
        return lost.peek();
    }

    void lostClosed() {
        lost.poll();
    }

    boolean hasOpened() {
        return !opened.isEmpty();
    }

    boolean hasClosed() {
        return !closed.isEmpty();
    }

    /** Inserts and closes not yet taken by the writer. */
    int queued() {
        return opened.size() + closed.size();
    }

    /** The insert of this connection is queued (its first byte waits for it). */
    boolean waitsForRecord(String connectionId) {
        return waiting.containsKey(connectionId);
    }

    /** The record of a connection is stored: its first byte may go. */
    void stored(String connectionId) {
        Waiter w = waiting.remove(connectionId);
        if (w != null) {
            w.stored().complete(null);
        }
    }

    /**
     * Lets first bytes go that waited longer than {@code maxWaitNanos} (the records stay queued).
     */
    void releaseWaitingOver(long maxWaitNanos) {
        if (waiting.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (Waiter w : waiting.values()) {
            if (now - w.sinceNanos() > maxWaitNanos) {
                w.stored().complete(null);
            }
        }
    }
}
