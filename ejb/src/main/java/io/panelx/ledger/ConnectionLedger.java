package io.panelx.ledger;

import io.panelx.config.Settings;
import io.panelx.config.Ticks;
import io.panelx.viewer.OpenConnections;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connection records: a record is inserted when a viewer is admitted (its first byte waits,
 * bounded, for the commit, by a callback on {@link #recorded}: a crash never loses a connection,
 * and no request thread waits), closed with its exact bytes when it ends, and the bytes of open
 * records are written every {@code panelx.ledger-checkpoint-seconds} in JDBC batches of a thousand,
 * after the queued inserts (see {@link #writeCheckpoint}). Inserts and closes are group-committed,
 * so a connect storm costs a few batches, not a transaction per viewer: the writer looks every 50
 * ms, and a queued insert wakes it at once when it is idle (a first byte waits for it; on a quiet
 * panel the first viewer's insert would wait for the next look). The viewer events reach it through
 * {@link LedgerQueue}, whose observers only queue (they run on the request threads of a connect
 * storm and return at once).
 *
 * <p>When the database is away, nothing is lost: queued changes stay in memory and are written when
 * it is back, and viewers are admitted meanwhile (their record waits). At startup, records a
 * crashed run left open are closed at their last checkpoint with its bytes.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Ticks"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// The ledger commits its own JDBC batches, also in @PreDestroy (no container transaction there).
@TransactionManagement(TransactionManagementType.BEAN)
@LocalBean
public class ConnectionLedger {

    private static final Logger LOG = Logger.getLogger(ConnectionLedger.class.getName());

    /** Most rows per transaction: a storm of thousands is written in a few batches. */
    static final int BATCH = 1000;

    /**
     * Most inserts per transaction: a viewer's first byte waits for the commit of its batch, so a
     * connect storm is stored in several smaller ones and the first viewers need not wait for the
     * last.
     */
    static final int INSERTS = 100;

    /** How long a first byte waits for the database to store the connection record. */
    static final long RECORD_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    @Resource(lookup = "java:jboss/datasources/PanelXDS")
    DataSource dataSource;

    @Inject OpenConnections open;
    @Inject LedgerFigures figures;

    @Inject Ticks ticks;

    /** The queued events and the waiting first bytes (a plain CDI bean: see its doc). */
    @Inject LedgerQueue queue;

    /** Touched only by the writer task. */
    private final Map<String, Long> checkpointed = new HashMap<>();

    private final List<LedgerStore.Opened> retryOpened = new ArrayList<>();
    private final List<LedgerStore.Closed> retryClosed = new ArrayList<>();

    /** Held by the write under way: a periodic look or a wake-up that finds it held returns. */
    private final ReentrantLock writing = new ReentrantLock();

    /**
     * Set by the insert that asks for a wake-up, cleared by the writer just before it looks at the
     * queues for the last time: inserts queued in between are taken by that run and ask for none.
     */
    private final AtomicBoolean woken = new AtomicBoolean();

    private long nextCheckpointNanos;
    private long retryAtNanos;
    private boolean careful;
    private volatile boolean databaseUp = true;
    private ScheduledFuture<?> writer;
    private ScheduledFuture<?> releaser;

    private LedgerStore store;

    @PostConstruct
    void start() {
        store = new LedgerStore(dataSource, Settings.nodeName());
        try {
            int n = store.closeLeftOpen(Settings.clustered());
            figures.executed(1);
            if (n > 0) {
                LOG.info(() -> n + " connection records left open by the last run closed");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not close the records left open by the last run", e);
        }
        nextCheckpointNanos = System.nanoTime() + Settings.ledgerCheckpoint().toNanos();
        writer = ticks.scheduleWithFixedDelay(this::writeDue, 50, 50, TimeUnit.MILLISECONDS);
        queue.onInsertQueued(
                () -> {
                    if (woken.compareAndSet(false, true)) {
                        try {
                            ticks.execute(this::writeDue);
                        } catch (RuntimeException stopping) {
                            // the scheduler is stopping: the look or the shutdown write takes it
                        }
                    }
                });
        // Apart from the writer, which may be stuck in a JDBC call while the database is away.
        releaser =
                ticks.scheduleWithFixedDelay(this::releaseOverdue, 250, 250, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (writer != null) {
            writer.cancel(false);
        }
        if (releaser != null) {
            releaser.cancel(false);
        }
        queue.onInsertQueued(() -> {});
        writing.lock(); // after the write under way
        try {
            retryAtNanos = 0;
            writeDue(); // the viewers ended at shutdown
        } finally {
            writing.unlock();
        }
    }

    /**
     * Lets first bytes go after {@link #RECORD_WAIT_NANOS} when the database has not confirmed
     * their records (slow or away): the viewers are served and the records stay queued. One sweep
     * for all, not a timer per viewer (the JDK's one timeout scheduler queued a connect storm).
     */
    private void releaseOverdue() {
        queue.releaseWaitingOver(RECORD_WAIT_NANOS);
    }

    /**
     * Runs every 50 ms on the tick scheduler, and when an insert wakes it; one run at a time (a run
     * that finds another under way leaves the queues to it).
     */
    private void writeDue() {
        if (!writing.tryLock()) {
            return;
        }
        try {
            writeDueLocked();
        } finally {
            writing.unlock();
        }
    }

    private void writeDueLocked() {
        long now = System.nanoTime();
        if (retryAtNanos != 0 && now < retryAtNanos) {
            return; // woken stays set: inserts during an outage ask for no wake-up
        }
        boolean checkpoint = now >= nextCheckpointNanos;
        closeLost();
        if (!moreQueued() && retryClosed.isEmpty() && !checkpoint) {
            return;
        }
        try {
            if (moreQueued() || !retryClosed.isEmpty()) {
                do {
                    writeBatch();
                } while (moreQueued());
            }
            if (checkpoint) {
                writeCheckpoint();
                nextCheckpointNanos = now + Settings.ledgerCheckpoint().toNanos();
            }
            if (!databaseUp) {
                databaseUp = true;
                figures.databaseUp(true);
                LOG.info("Database reachable again: queued connection records written");
            }
            retryAtNanos = 0;
            careful = false;
        } catch (Exception e) {
            // Kept for the next try; a batch whose commit is in doubt is retried carefully.
            careful = true;
            retryAtNanos = now + TimeUnit.SECONDS.toNanos(1);
            if (databaseUp) {
                databaseUp = false;
                figures.databaseUp(false);
                LOG.log(
                        Level.WARNING,
                        "Database unavailable: connection records kept in memory until it is back",
                        e);
            }
        }
    }

    /** Whether anything waits to be written; from here on, a queued insert wakes the writer. */
    private boolean moreQueued() {
        woken.set(false);
        return queue.hasOpened() || queue.hasClosed() || !retryOpened.isEmpty();
    }

    /** A lost node's records; one that fails stays queued for the next run. */
    private void closeLost() {
        String node;
        while ((node = queue.nextLost()) != null) {
            try {
                int n = store.closeLost(node);
                figures.executed(1);
                String name = node;
                LOG.info(() -> n + " open connection records of lost node " + name + " closed");
            } catch (Exception e) {
                return; // the database is away: the outage path below reports it
            }
            queue.lostClosed();
        }
    }

    private void writeBatch() throws Exception {
        // Inserts of this batch, by id, so that a close of the same connection joins its insert.
        var inserts = new LinkedHashMap<String, LedgerStore.Opened>();
        for (LedgerStore.Opened o : retryOpened) {
            inserts.put(o.viewer().connectionId(), o);
        }
        retryOpened.clear();
        LedgerStore.Opened o;
        while (inserts.size() < INSERTS && (o = queue.nextOpened()) != null) {
            inserts.put(o.viewer().connectionId(), o);
        }
        var closes = new ArrayList<LedgerStore.Closed>(retryClosed);
        retryClosed.clear();
        LedgerStore.Closed c;
        while (closes.size() < BATCH && (c = queue.nextClosed()) != null) {
            closes.add(c);
        }
        var updates = new ArrayList<LedgerStore.Closed>(closes.size());
        var deferred = new ArrayList<LedgerStore.Closed>();
        for (LedgerStore.Closed cl : closes) {
            LedgerStore.Opened ins = inserts.get(cl.id());
            if (ins != null) {
                inserts.put(
                        cl.id(),
                        new LedgerStore.Opened(
                                ins.viewer(), cl.endedAt(), cl.endReason(), cl.bytesSent()));
            } else if (queue.waitsForRecord(cl.id())) {
                deferred.add(cl); // its insert is still queued: close it after
            } else {
                updates.add(cl);
            }
        }
        try {
            figures.executed(
                    store.write(List.copyOf(inserts.values()), updates, List.of(), careful));
        } catch (Exception e) {
            retryOpened.addAll(inserts.values());
            retryClosed.addAll(updates);
            retryClosed.addAll(deferred);
            figures.pending(queue.queued() + retryOpened.size() + retryClosed.size());
            throw e;
        }
        retryClosed.addAll(deferred);
        figures.pending(queue.queued() + retryClosed.size());
        for (LedgerStore.Opened stored : inserts.values()) {
            String id = stored.viewer().connectionId();
            if (stored.endedAt() == null) {
                checkpointed.put(id, stored.bytesSent()); // an idle viewer costs no checkpoint
            }
            queue.stored(id);
        }
    }

    /**
     * The bytes of the open records, after the queued inserts and closes (a first byte waits for
     * its insert; a checkpoint waits for nobody), in batches of {@link #BATCH} with the inserts
     * queued meanwhile written between them, so a connect storm during a checkpoint of thousands
     * waits for one batch, not for all. A record whose insert is still queued is written at the
     * next checkpoint; a close that overtakes its checkpoint wins (the UPDATE skips ended records).
     */
    private void writeCheckpoint() throws Exception {
        var checkpoints = new ArrayList<LedgerStore.Checkpoint>();
        var seen = new HashMap<String, Long>();
        open.forEach(
                conn -> {
                    String id = conn.viewer().connectionId();
                    if (queue.waitsForRecord(id)) {
                        return;
                    }
                    long bytes = conn.bytesSent();
                    seen.put(id, bytes);
                    Long last = checkpointed.get(id);
                    if (last == null || last != bytes) {
                        checkpoints.add(new LedgerStore.Checkpoint(id, bytes));
                    }
                });
        checkpointed.clear(); // until the last batch is in, all are written again next time
        for (int from = 0; from < checkpoints.size(); from += BATCH) {
            var part = checkpoints.subList(from, Math.min(from + BATCH, checkpoints.size()));
            figures.executed(store.write(List.of(), List.of(), part, false));
            while (moreQueued()) {
                writeBatch();
            }
        }
        checkpointed.putAll(seen);
    }
}
