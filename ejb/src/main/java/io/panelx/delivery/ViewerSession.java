package io.panelx.delivery;

import io.panelx.viewer.EndReason;
import io.panelx.viewer.TrafficSampled;
import io.panelx.viewer.Viewer;
import io.panelx.viewer.ViewerConnected;
import io.panelx.viewer.ViewerDisconnected;
import jakarta.enterprise.event.Event;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One player's connection to one channel, whatever delivered the channel (proxy or FFmpeg) and
 * whatever the format (a continuous MPEG-TS response, or HLS segment fetches). It is the ONLY code
 * that fires the viewer events, so no delivery path can forget the stats: ViewerConnected once,
 * TrafficSampled at most once a second, ViewerDisconnected exactly once.
 *
 * <p>An MPEG-TS viewer drains its Feed through a {@link ViewerOutput}: writes happen only while the
 * output is ready; otherwise the session waits for the output's or the Feed's signal. The drain
 * runs on whichever thread signals, one at a time (a work-in-progress counter), never blocking.
 */
public final class ViewerSession {

    /** The CDI events a session fires; handed in by the ChannelHub. */
    public record Events(
            Event<ViewerConnected> connected,
            Event<TrafficSampled> sampled,
            Event<ViewerDisconnected> disconnected) {}

    /** How many times a slow viewer is moved forward before it is let go. */
    static final int MAX_SKIPS = 3;

    private final Viewer viewer;
    private final Events events;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger wip = new AtomicInteger();

    private volatile Feed feed;
    private volatile ViewerOutput output;

    /** Next chunk to send; touched only inside the drain loop. */
    private long position = -1;

    /** Bytes to skip in the chunk at {@code position}: a start or skip lands on its keyframe. */
    private int offset;

    /** Set when the session is waiting for the Feed to publish. */
    private volatile boolean waitingForFeed;

    private int skips;

    private volatile long bytesSent;
    private long bytesAtLastSample;
    private long lastSampleNanos = System.nanoTime();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile EndReason endReason;

    /** An end asked for by another thread, carried out inside the drain loop. */
    private final java.util.concurrent.atomic.AtomicReference<EndReason> requestedEnd =
            new java.util.concurrent.atomic.AtomicReference<>();

    ViewerSession(Viewer viewer, Events events, Runnable onEnd) {
        this.viewer = viewer;
        this.events = events;
        this.onEnd = onEnd;
    }

    public Viewer viewer() {
        return viewer;
    }

    public String connectionId() {
        return viewer.connectionId();
    }

    public long bytesSent() {
        return bytesSent;
    }

    public boolean isEnded() {
        return ended.get();
    }

    public EndReason endReason() {
        return endReason;
    }

    private volatile boolean announced;

    void announce() {
        if (io.panelx.config.Settings.trackingEnabled()) {
            announced = true;
            events.connected().fire(new ViewerConnected(viewer));
        }
    }

    // ---- MPEG-TS streaming

    /** Attaches the Feed and the player's output, positioned at the newest keyframe. */
    void stream(Feed feed, ViewerOutput output) {
        this.position = feed.startPosition();
        this.offset = feed.startOffset(position);
        this.feed = feed;
        this.output = output; // volatile: a drain that sees the output sees the position too
        feed.add(this);
        if (ended.get()) { // ended before the output was attached: close it here
            feed.remove(this);
            output.close();
            return;
        }
        signal(); // the output's first writePossible may have come before the Feed was attached
    }

    /** Called by the output when a write became possible again. */
    public void writePossible() {
        signal();
    }

    /** Called by the output when the player's connection failed or closed. */
    public void outputFailed() {
        end(EndReason.CLIENT_CLOSED);
    }

    /** Called on the Source thread after each chunk: cheap unless this viewer was waiting. */
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
        if (f == null || out == null) {
            return;
        }
        EndReason asked = requestedEnd.get();
        if (asked != null) {
            finish(asked);
            return;
        }
        try {
            while (!ended.get() && out.isReady()) {
                if (position >= f.head()) {
                    waitingForFeed = true;
                    if (position >= f.head()) {
                        return; // the Feed's next chunk will signal
                    }
                    waitingForFeed = false;
                }
                if (position < f.oldestReadable()) {
                    if (++skips > MAX_SKIPS) {
                        finish(EndReason.TOO_SLOW);
                        return;
                    }
                    position = f.startPosition(); // skip to a keyframe-safe point
                    offset = f.startOffset(position);
                    continue;
                }
                long seq = position;
                int length = f.length(seq) - offset;
                out.write(f.data(seq), offset, length);
                offset = 0;
                if (!f.intact(seq)) {
                    finish(EndReason.TOO_SLOW); // overwritten while being copied out
                    return;
                }
                bytesSent += length;
                position = seq + 1;
            }
        } catch (IOException | RuntimeException e) {
            finish(EndReason.CLIENT_CLOSED);
        }
    }

    // ---- HLS

    /** An HLS segment (or playlist) was served to this viewer. */
    void served(long bytes) {
        bytesSent += bytes;
        lastActivityNanos = System.nanoTime();
    }

    void touched() {
        lastActivityNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastActivityNanos;
    }

    // ---- sampling and the end

    /** Fires TrafficSampled; called by the hub's one-second tick, never per chunk. */
    void sample() {
        if (ended.get() || !announced) {
            return;
        }
        long now = System.nanoTime();
        long bytes = bytesSent;
        long elapsed = Math.max(1, now - lastSampleNanos);
        long bps = (bytes - bytesAtLastSample) * 8L * 1_000_000_000L / elapsed;
        bytesAtLastSample = bytes;
        lastSampleNanos = now;
        events.sampled().fire(new TrafficSampled(viewer, Instant.now(), bytes, bps));
    }

    /**
     * Ends the connection; the first reason wins and later calls do nothing. A streaming session
     * ends inside its drain loop, so that the bytes it reports are exactly the bytes written.
     */
    public boolean end(EndReason reason) {
        if (ended.get() || !requestedEnd.compareAndSet(null, reason)) {
            return false;
        }
        if (output == null) {
            finish(reason);
        } else {
            signal();
        }
        return true;
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
            out.close();
        }
        onEnd.run();
        if (announced)
            events.disconnected()
                    .fire(new ViewerDisconnected(viewer, Instant.now(), bytesSent, reason));
    }
}
