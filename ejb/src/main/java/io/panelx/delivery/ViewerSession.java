package io.panelx.delivery;

import io.panelx.viewer.EndReason;
import io.panelx.viewer.LiveConnection;
import io.panelx.viewer.Viewer;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One player's connection, whatever delivers it (proxy, FFmpeg, a file) and whatever the format (a
 * continuous MPEG-TS response, HLS fetches, Range requests of a movie). It is the ONLY code that
 * fires the viewer events, and the one place where a viewer's bytes are counted: ViewerConnected
 * once, ViewerDisconnected exactly once with the bytes the player's socket accepted.
 *
 * <p>No byte leaves before the connection's record is stored ({@link #recordStored}): the session
 * is attached at once, and its first write waits for the record keeper's callback, so that no
 * request thread waits for the database. Bytes count when the output is ready again after a write
 * (the socket took them), never when they were handed over. All writes to an output run on that
 * output's I/O thread: a Feed wakes its viewers there, and ends asked for by other threads (kill,
 * kick, stall) are carried out there.
 */
public final class ViewerSession implements LiveConnection {

    /** The CDI events a session fires; handed in by ViewerAdmission. */
    public record Events(
            Event<ViewerConnected> connected, Event<ViewerDisconnected> disconnected) {}

    /** How many times a slow viewer is moved forward before it is let go. */
    static final int MAX_SKIPS = 3;

    private final Viewer viewer;
    private final Events events;

    /** Tracking was on at admission: the session fires its events and has a record. */
    private final boolean tracked;

    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();

    /** An end asked for by another thread, carried out on the output's thread. */
    private final AtomicReference<EndReason> requestedEnd = new AtomicReference<>();

    private volatile EndReason endReason;
    private volatile boolean announced;

    /** The connection record is stored (or need not be): bytes may flow. */
    private volatile boolean recorded;

    // ---- a continuous MPEG-TS response (touched only inside the drain loop, except the volatiles)

    private volatile Feed feed;
    private volatile ViewerOutput output;

    /** The Feed's viewers of this connection's I/O thread (their shared write scratch). */
    private volatile Feed.Lane lane;

    private final AtomicBoolean outputReleased = new AtomicBoolean();
    private final Runnable drainTask = this::drainOnIoThread;

    /** Next chunk to send; -1 until the first drain places it at the newest keyframe. */
    private long position = -1;

    /** Bytes to skip in the chunk at {@code position}: a start or skip lands on its keyframe. */
    private int offset;

    /** Bytes written but not yet accepted by the socket. */
    private int unconfirmed;

    private int skips;

    /** Set when the session is waiting for the Feed to publish. */
    private volatile boolean waitingForFeed;

    /**
     * Since when bytes have waited for the player without its socket taking any; 0 while it takes
     * them or nothing waits.
     */
    private volatile long blockedSinceNanos;

    // ---- request/response deliveries (HLS, Range requests)

    private final Set<Transfer> transfers = ConcurrentHashMap.newKeySet();
    private volatile long lastRequestNanos = System.nanoTime();

    // ---- figures, sampled by the delivery tick

    static final long RATE_SPAN_NANOS = 1_000_000_000L;
    static final long RATE_QUIET_NANOS = 6_000_000_000L;

    /** When the socket last took bytes of this session. */
    private volatile long countedAtNanos = System.nanoTime();

    private long rateFromBytes;
    private long rateFromNanos = countedAtNanos;
    private volatile long bitsPerSecond;

    ViewerSession(Viewer viewer, Events events, boolean tracked, Runnable onEnd) {
        this.viewer = viewer;
        this.events = events;
        this.tracked = tracked;
        this.onEnd = onEnd;
    }

    @Override
    public Viewer viewer() {
        return viewer;
    }

    public String connectionId() {
        return viewer.connectionId();
    }

    @Override
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public long bitsPerSecond() {
        return bitsPerSecond;
    }

    public boolean isEnded() {
        return ended.get();
    }

    /** True once ViewerConnected was fired (tracking on): the figures and the ledger know it. */
    boolean isAnnounced() {
        return announced;
    }

    public EndReason endReason() {
        return endReason;
    }

    /**
     * Fires ViewerConnected once for a tracked session. Admission calls it after releasing the
     * line's lock; an end that comes first (a concurrent admission evicted it) fires it itself,
     * just before ViewerDisconnected, so that every admitted connection has its record.
     */
    synchronized void announce() {
        if (tracked && !announced) {
            announced = true;
            events.connected().fire(new ViewerConnected(viewer));
        }
    }

    /**
     * The record keeper stored the connection record (or gave up waiting for the database, or
     * tracking is off): the bytes waiting for it go out, on the output's thread.
     */
    void recordStored() {
        recorded = true; // then read output and transfers: stream and send read it after theirs
        schedule();
        for (Transfer t : transfers) {
            t.schedule();
        }
    }

    // ---- MPEG-TS streaming from a Feed

    /** Attaches the Feed and the player's output; the first drain starts at the newest keyframe. */
    void stream(Feed feed, ViewerOutput output) {
        this.feed = feed;
        output.start(
                new ViewerOutput.Listener() {
                    @Override
                    public void writePossible() {
                        signal();
                    }

                    @Override
                    public void failed() {
                        outputFailed();
                    }
                });
        lane = feed.add(this, output.executor());
        // Published last (volatile): a drain that sees the output sees its listener set (no write
        // before it: Undertow would block) and the lane. recordStored may run on
        // another thread at any time: it reads output after setting recorded, and this reads
        // recorded after setting output, so one of the two schedules the first drain.
        this.output = output;
        if (ended.get()) { // ended before the output was attached (evicted, killed)
            feed.remove(this);
            releaseOutput(output, false);
            return;
        }
        if (recorded) {
            schedule(); // else recordStored schedules the first drain (one wake-up, not two)
        }
    }

    /** Ends the player's response once, cleanly or by dropping the connection. */
    private void releaseOutput(ViewerOutput out, boolean graceful) {
        if (outputReleased.compareAndSet(false, true)) {
            if (graceful) {
                out.close();
            } else {
                out.abort();
            }
        }
    }

    /** Runs the drain on the output's I/O thread. */
    private void schedule() {
        ViewerOutput out = output;
        if (out == null) {
            return;
        }
        try {
            out.executor().execute(drainTask);
        } catch (RuntimeException e) {
            finish(EndReason.CLIENT_CLOSED); // the connection's thread is gone
        }
    }

    private void drainOnIoThread() {
        try {
            signal();
        } catch (RuntimeException e) {
            // An observer of the end event failed (the deployment stopping): the I/O thread must
            // go on serving its other connections.
        }
    }

    private void outputFailed() {
        requestedEnd.compareAndSet(null, EndReason.CLIENT_CLOSED);
        signal();
    }

    /** Called on the viewer's I/O thread after each chunk: cheap unless it was waiting. */
    void chunkPublished() {
        if (waitingForFeed) {
            waitingForFeed = false;
            signal();
        }
    }

    private void signal() {
        if (wip.getAndIncrement() != 0) {
            return; // the running drain will loop once more
        }
        int missed = 1;
        do {
            drain();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() {
        Feed f = feed;
        ViewerOutput out = output;
        if (f == null || out == null || ended.get()) {
            return;
        }
        EndReason asked = requestedEnd.get();
        if (asked != null) {
            finish(asked);
            return;
        }
        if (!recorded) {
            return; // recordStored schedules the first drain
        }
        if (position < 0) {
            // Placed when the first byte may go, not at attach: the wait for the record does not
            // add to the backlog a new viewer is sent at once.
            position = f.startPosition();
            offset = f.startOffset(position);
        }
        try {
            while (true) {
                if (!out.isReady()) {
                    if (blockedSinceNanos == 0) {
                        blockedSinceNanos = System.nanoTime();
                    }
                    return; // writePossible follows
                }
                if (unconfirmed > 0) {
                    counted(unconfirmed); // the socket took the previous write
                    unconfirmed = 0;
                    blockedSinceNanos = 0;
                }
                // Ready is not progress: an output may ask again after a pause (see
                // ViewerOutput#isReady), and a socket that takes nothing each time is stalled.
                if (position >= f.head()) {
                    blockedSinceNanos = 0; // nothing waits for the player
                    waitingForFeed = true;
                    if (position >= f.head()) {
                        return; // the Feed's next chunk wakes this lane
                    }
                    waitingForFeed = false;
                }
                // Behind the ring: skip forward, but never out of the middle of a TS packet the
                // socket took part of (the player would get a broken packet): that packet's rest
                // goes first while it is still in the ring.
                if (position < f.oldestReadable()
                        && (offset % Feed.TS_PACKET == 0 || !f.intact(position))) {
                    if (++skips > MAX_SKIPS) {
                        finish(EndReason.TOO_SLOW);
                        return;
                    }
                    position = f.startPosition(); // skip to a keyframe-safe point
                    offset = f.startOffset(position);
                    continue;
                }
                // Everything up to the head in one write (a batch at most), straight from the
                // Feed's segment file or slots.
                long seq = position;
                Feed.Lane l = lane;
                ChunkBatch batch = l == null ? ChunkBatch.throwaway() : l.batch();
                long taken = batch.send(out, f, seq, offset, f.head());
                if (!f.intact(seq)) {
                    finish(EndReason.TOO_SLOW); // overwritten while being copied out
                    return;
                }
                unconfirmed = (int) taken;
                if (taken == batch.bytes()) {
                    position = seq + batch.chunks();
                    offset = 0;
                } else {
                    // The socket is full: go on from the first byte it did not take, still in
                    // the Feed (nothing was copied aside).
                    long at = offset + taken;
                    while (at >= f.length(seq)) {
                        at -= f.length(seq);
                        seq++;
                    }
                    position = seq;
                    offset = (int) at;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The player's connection failed, or the chunk's segment file was closed under the
            // write: it left the ring (the viewer is too slow) or the channel stopped (its end
            // is asked for already).
            EndReason endAsked = requestedEnd.get();
            finish(
                    endAsked != null
                            ? endAsked
                            : f.intact(position) ? EndReason.CLIENT_CLOSED : EndReason.TOO_SLOW);
        }
    }

    // ---- request/response deliveries

    /** A request of this player arrived (an HLS fetch, a Range request): it is still here. */
    public void touched() {
        lastRequestNanos = System.nanoTime();
    }

    /** Nanos since the last request; HLS and file sessions end after a quiet while. */
    long quietNanos(long now) {
        return transfers.isEmpty() ? now - lastRequestNanos : 0;
    }

    /**
     * Sends one response body to the player, asynchronously on the output's I/O thread: every byte
     * counts on this session once the socket accepted it; the response completes at the body's end
     * and is dropped when the session ends. Any number of sends, concurrent ones too.
     */
    public void send(Body body, ViewerOutput output) {
        touched();
        var transfer = new Transfer(body, output);
        output.start(transfer); // before recordStored can see it: no write without a listener
        transfers.add(transfer);
        if (ended.get()) {
            transfers.remove(transfer);
            body.close();
            output.abort();
            return;
        }
        if (recorded) {
            transfer.schedule(); // else recordStored does
        }
    }

    /** One response body on its way to the player. */
    private final class Transfer implements ViewerOutput.Listener, Runnable {
        private final Body body;
        private final ViewerOutput out;
        private final AtomicInteger wip = new AtomicInteger();
        private int unconfirmed;
        private boolean done;
        private volatile boolean failed;
        private volatile boolean completed;
        volatile long blockedSinceNanos;

        Transfer(Body body, ViewerOutput out) {
            this.body = body;
            this.out = out;
        }

        void schedule() {
            try {
                out.executor().execute(this);
            } catch (RuntimeException e) {
                failed = true;
                run();
            }
        }

        @Override
        public void run() {
            writePossible();
        }

        @Override
        public void writePossible() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                pump();
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        @Override
        public void failed() {
            failed = true;
            writePossible();
        }

        /** The output sent the last bytes itself (the response reached its length). */
        @Override
        public void completed() {
            completed = true;
            writePossible();
        }

        private void pump() {
            if (done) {
                return;
            }
            try {
                while (true) {
                    if (completed && !failed) {
                        end(true);
                        return;
                    }
                    if (failed || ended.get()) {
                        end(false);
                        return;
                    }
                    if (!recorded) {
                        return; // recordStored schedules it
                    }
                    if (!out.isReady()) {
                        if (blockedSinceNanos == 0) {
                            blockedSinceNanos = System.nanoTime();
                        }
                        return;
                    }
                    confirm();
                    blockedSinceNanos = 0;
                    int n = body.writeTo(out);
                    if (n < 0) {
                        end(true);
                        return;
                    }
                    unconfirmed = n;
                }
            } catch (IOException | RuntimeException e) {
                end(false);
            }
        }

        private void confirm() {
            if (unconfirmed > 0) {
                counted(unconfirmed);
                unconfirmed = 0;
                lastRequestNanos = System.nanoTime();
            }
        }

        private void end(boolean complete) {
            done = true;
            transfers.remove(this);
            body.close();
            if (complete) {
                confirm(); // ready again after the last write, or completed: the socket took it
                out.close();
            } else {
                out.abort();
            }
            lastRequestNanos = System.nanoTime();
        }
    }

    // ---- sampling and the end

    /**
     * Nanos the player has accepted nothing while bytes were waiting for it (0 when it keeps up or
     * waits for the channel). Read by the delivery tick, which ends stalled viewers.
     */
    long stalledNanos(long now) {
        long since = blockedSinceNanos;
        long stalled = since == 0 ? 0 : now - since;
        for (Transfer t : transfers) {
            long s = t.blockedSinceNanos;
            if (s != 0) {
                stalled = Math.max(stalled, now - s);
            }
        }
        return stalled;
    }

    /** The socket accepted these bytes: they count now, at this time (for the rate). */
    private void counted(long bytes) {
        sent.addAndGet(bytes);
        countedAtNanos = System.nanoTime();
    }

    /**
     * Updates the rate; called by the delivery tick once a second, never per chunk. The rate is the
     * bytes counted between two writes the socket took, over the time between them (at least {@link
     * #RATE_SPAN_NANOS}), not per tick: a live stream goes out in a batch per Feed wake-up and an
     * HLS player fetches a segment every few seconds, so a second's count would swing between
     * nothing and twice the rate. No write taken for {@link #RATE_QUIET_NANOS}: 0.
     */
    void sample(long now) {
        long at = countedAtNanos; // before the bytes: a write counted in between adds to both
        long bytes = sent.get();
        if (at - rateFromNanos >= RATE_SPAN_NANOS) {
            bitsPerSecond = (bytes - rateFromBytes) * 8L * 1_000_000_000L / (at - rateFromNanos);
            rateFromBytes = bytes;
            rateFromNanos = at;
        } else if (now - at > RATE_QUIET_NANOS) {
            bitsPerSecond = 0;
        }
    }

    /**
     * Ends the connection; the first reason wins and later calls do nothing. A streaming session
     * ends on its output's thread, so that the bytes it reports are exactly the bytes the socket
     * accepted.
     */
    public boolean end(EndReason reason) {
        if (ended.get() || !requestedEnd.compareAndSet(null, reason)) {
            return false;
        }
        if (output == null) {
            finish(reason);
        } else {
            schedule();
        }
        return true;
    }

    /**
     * Ends the connection at once on the calling thread, not on the output's: for the server's
     * shutdown, when the end must be recorded before the ledger stops.
     */
    void endNow(EndReason reason) {
        requestedEnd.compareAndSet(null, reason);
        finish(reason);
    }

    private void finish(EndReason reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        endReason = reason;
        Feed f = feed;
        if (f != null) {
            f.remove(this);
        }
        ViewerOutput out = output;
        if (out != null) {
            // A player that takes its bytes gets a clean end; one that does not is cut off, so
            // that nothing stays queued for it in the server.
            boolean ready;
            try {
                ready = out.isReady();
            } catch (RuntimeException e) {
                ready = false;
            }
            if (ready && unconfirmed > 0) {
                counted(unconfirmed); // the socket took the last write
                unconfirmed = 0;
            }
            releaseOutput(out, ready && isGraceful(reason));
        }
        for (Transfer t : transfers) {
            t.failed = true;
            t.schedule();
        }
        onEnd.run();
        synchronized (this) {
            announce(); // when admission has not yet: its record opens and closes here
            if (announced) {
                events.disconnected()
                        .fire(new ViewerDisconnected(viewer, Instant.now(), sent.get(), reason));
            }
        }
    }

    private static boolean isGraceful(EndReason reason) {
        return reason != EndReason.STALLED
                && reason != EndReason.TOO_SLOW
                && reason != EndReason.KICKED_MAX_CONNECTIONS
                && reason != EndReason.KILLED_BY_ADMIN;
    }
}
