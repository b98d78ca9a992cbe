package io.panelx.delivery;

import io.panelx.channel.ChannelInfo;
import io.panelx.config.Settings;
import io.panelx.viewer.Origin;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Keeps one channel's Feed filled: runs its Source, restarts it with backoff when it fails or
 * stalls, fails over to the next backup source after repeated failures (at once when the source
 * went silent: a hung upstream), and releases the viewers (UPSTREAM_GONE) only when no source has
 * delivered for the grace period. Viewers stay connected across restarts: they simply wait for the
 * next chunk.
 */
final class ChannelRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(ChannelRunner.class.getName());

    /** Consecutive failures of one source before the next backup is tried. */
    static final int FAILURES_BEFORE_FAILOVER = 2;

    interface Listener {
        void stateChanged(ChannelRunner runner, ChannelState state, String detail);

        void upstreamGone(ChannelRunner runner);
    }

    final ChannelInfo channel;
    final Feed feed;
    final Instant startedAt = Instant.now();

    /** Completes at the first chunk; fails when no source could deliver at start. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    private final SourceFactory sources;
    private final HlsRenditions renditions;
    private final Listener listener;
    private final Object wakeUp = new Object();

    private volatile boolean stopped;
    private volatile Source current;
    private volatile ChannelState state = ChannelState.STARTING;
    private volatile int sourceIndex;
    private volatile int restarts;
    private volatile String lastError;
    private volatile HlsWindow hls;
    volatile long noViewersSinceNanos = System.nanoTime();
    private volatile boolean restartRequested;

    /** Set when the running source went silent: the next attempt uses the next backup. */
    private volatile boolean failoverRequested;

    private volatile long sourceStartedNanos = System.nanoTime();

    /** {@code files}: where the Feed keeps its chunks (null: in memory). */
    ChannelRunner(ChannelInfo channel, SourceFactory sources, ChunkFiles files, Listener listener) {
        this.channel = channel;
        this.feed = new Feed(files);
        this.sources = sources;
        this.listener = listener;
        this.renditions = sources.renditions(channel, true);
    }

    @Override
    public void run() {
        int failures = 0;
        long downSince = System.nanoTime();
        boolean everDelivered = false;
        int triedAtStart = 0;
        listener.stateChanged(this, ChannelState.STARTING, null);
        while (!stopped) {
            Source source;
            try {
                source = sources.create(channel, sourceIndex);
            } catch (RuntimeException e) {
                lastError = e.getMessage();
                LOG.log(
                        java.util.logging.Level.WARNING,
                        "Channel " + channel.id() + ": no source could be made",
                        e);
                listener.stateChanged(this, ChannelState.FAILED, lastError);
                ready.completeExceptionally(e);
                break;
            }
            current = source;
            long before = feed.bytesIn();
            sourceStartedNanos = System.nanoTime();
            feed.resetSilence();
            feed.expectData(this::flowing);
            String error;
            try {
                if (stopped) break;
                source.run(feed);
                error = "upstream ended";
            } catch (java.net.SocketTimeoutException e) {
                error = "upstream sent nothing (read timed out)";
                failoverRequested = true; // hung, not refused: the next backup at once
            } catch (Exception e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                current = null;
            }
            if (stopped) {
                break;
            }
            boolean delivered = feed.bytesIn() > before;
            if (restartRequested) {
                restartRequested = false;
                error = "restarted by admin";
            } else {
                lastError = error;
            }
            restarts++;
            if (delivered) {
                everDelivered = true;
                failures = 0;
                downSince = System.nanoTime();
            } else {
                failures++;
                triedAtStart++;
            }
            logStop(sourceIndex, lastError);
            if (!everDelivered
                    && triedAtStart >= channel.sources().size() * FAILURES_BEFORE_FAILOVER) {
                ready.completeExceptionally(new IllegalStateException(lastError));
            }
            boolean hung = failoverRequested;
            failoverRequested = false;
            if ((hung || failures >= FAILURES_BEFORE_FAILOVER) && channel.sources().size() > 1) {
                // A source that went silent is not retried first: a hung upstream (connected,
                // sending nothing) would use up the viewers' grace while a backup waits.
                sourceIndex = (sourceIndex + 1) % channel.sources().size();
                failures = 0;
                hung = true;
            }
            if (System.nanoTime() - downSince > Settings.upstreamGraceTimeout().toNanos()) {
                listener.stateChanged(this, ChannelState.FAILED, lastError);
                listener.upstreamGone(this);
                if (channel.onDemand()) {
                    break; // the next viewer starts it again
                }
            } else {
                listener.stateChanged(this, ChannelState.RESTARTING, lastError);
            }
            pause(hung ? 0 : Math.min(5000, 250L << Math.min(failures, 5)));
        }
        stopped = true;
        feed.close();
        ready.completeExceptionally(new IllegalStateException("channel stopped"));
        listener.stateChanged(this, ChannelState.STOPPED, lastError);
    }

    /** Per source: the last reason logged and when. */
    private final java.util.Map<Integer, String> lastLogged = new java.util.HashMap<>();

    private final java.util.Map<Integer, Long> lastLoggedAtNanos = new java.util.HashMap<>();

    /**
     * A dead upstream is retried every few seconds for as long as the channel runs: the same reason
     * is logged once a minute, not at every attempt.
     */
    private void logStop(int index, String error) {
        long now = System.nanoTime();
        if (!java.util.Objects.equals(error, lastLogged.get(index))
                || now - lastLoggedAtNanos.getOrDefault(index, 0L) > TimeUnit.MINUTES.toNanos(1)) {
            LOG.info("Channel " + channel.id() + " source " + index + " stopped: " + error);
            lastLogged.put(index, error);
            lastLoggedAtNanos.put(index, now);
        }
    }

    /** Waits before the next attempt; stop() cuts the wait short. */
    private void pause(long millis) {
        synchronized (wakeUp) {
            long deadline = System.currentTimeMillis() + millis;
            long left;
            while (!stopped && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    wakeUp.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
    }

    /** Called on the Source thread at the first chunk after a (re)start. */
    void flowing() {
        if (state != ChannelState.RUNNING && !stopped) {
            ready.complete(null);
            listener.stateChanged(this, ChannelState.RUNNING, null);
        }
    }

    void stop() {
        stopped = true;
        Source s = current;
        if (s != null) {
            s.abort();
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /**
     * True when the current source has published nothing for longer than it may: a flowing source
     * by its own limit, one that has not delivered since it started by the start timeout.
     */
    boolean isSilent(long now) {
        Source s = current;
        if (s == null || stopped) {
            return false;
        }
        long limit =
                state == ChannelState.RUNNING
                        ? s.maxSilenceNanos()
                        : Settings.startTimeout().toNanos();
        return feed.silentNanos() > limit && now - sourceStartedNanos > limit;
    }

    /** The current source went silent: end it and go on with the next backup. */
    void failOver() {
        failoverRequested = true;
        Source s = current;
        if (s != null) {
            s.abort();
        }
    }

    /** Ends the current source so that it is started again; viewers stay. */
    void restart(boolean byAdmin) {
        restartRequested = byAdmin;
        Source s = current;
        if (s != null) {
            s.abort();
        }
    }

    private long bytesAtLastSample;
    private long lastSampleNanos = System.nanoTime();

    /** Inbound bits per second since the previous call (the hub's tick). */
    long sampleBitrate() {
        long now = System.nanoTime();
        long bytes = feed.bytesIn();
        long bps =
                (bytes - bytesAtLastSample)
                        * 8L
                        * 1_000_000_000L
                        / Math.max(1, now - lastSampleNanos);
        bytesAtLastSample = bytes;
        lastSampleNanos = now;
        return bps;
    }

    boolean isStopped() {
        return stopped;
    }

    void state(ChannelState state) {
        this.state = state;
    }

    ChannelState state() {
        return state;
    }

    Origin origin() {
        Source s = current;
        return s != null
                ? s.origin()
                : channel.deliveryMode() == io.panelx.channel.DeliveryMode.FFMPEG
                        ? Origin.FFMPEG
                        : Origin.PROXY;
    }

    int sourceIndex() {
        return sourceIndex;
    }

    int restarts() {
        return restarts;
    }

    String lastError() {
        return lastError;
    }

    Source current() {
        return current;
    }

    /** The adaptive renditions the channel's sources write, or null. */
    HlsRenditions renditions() {
        return renditions;
    }

    Watched watched() {
        return new Watched(channel.id(), channel.name(), origin());
    }

    /** The channel's HLS window, attached to the Feed on first use. */
    synchronized HlsWindow hls() {
        if (hls == null) {
            hls = new HlsWindow();
            feed.chunkListener(hls);
        }
        return hls;
    }

    /** Viewers waiting for the channel's first chunk: a channel they wait for is not idle. */
    private final java.util.concurrent.atomic.AtomicInteger awaiting =
            new java.util.concurrent.atomic.AtomicInteger();

    boolean awaitReady(long millis) {
        awaiting.incrementAndGet();
        try {
            ready.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        } finally {
            noViewersSinceNanos = 0;
            awaiting.decrementAndGet();
        }
    }

    boolean isAwaited() {
        return awaiting.get() > 0;
    }

    /** Open relays to other cluster nodes: they keep the channel running as viewers do. */
    final java.util.concurrent.atomic.AtomicInteger relays =
            new java.util.concurrent.atomic.AtomicInteger();
}
