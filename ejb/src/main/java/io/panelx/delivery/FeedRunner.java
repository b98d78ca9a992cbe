package io.panelx.delivery;

import io.panelx.channel.ChannelInfo;
import io.panelx.config.Settings;
import io.panelx.viewer.Origin;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Keeps one channel's Feed filled: runs its Source, restarts it with backoff when it fails or
 * stalls, fails over to the next backup source after repeated failures, and releases the viewers
 * (UPSTREAM_GONE) only when no source has delivered for the grace period. Viewers stay connected
 * across restarts: they simply wait for the next chunk.
 */
final class FeedRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(FeedRunner.class.getName());

    /** Consecutive failures of one source before the next backup is tried. */
    static final int FAILURES_BEFORE_FAILOVER = 2;

    interface Listener {
        void stateChanged(FeedRunner runner, ChannelState state, String detail);

        void upstreamGone(FeedRunner runner);
    }

    final ChannelInfo channel;
    final Feed feed = new Feed();
    final Instant startedAt = Instant.now();

    /** Completes at the first chunk; fails when no source could deliver at start. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    private final BiFunction<ChannelInfo, Integer, Source> sources;
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

    FeedRunner(
            ChannelInfo channel,
            BiFunction<ChannelInfo, Integer, Source> sources,
            Listener listener) {
        this.channel = channel;
        this.sources = sources;
        this.listener = listener;
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
                source = sources.apply(channel, sourceIndex);
            } catch (RuntimeException e) {
                lastError = e.getMessage();
                listener.stateChanged(this, ChannelState.FAILED, lastError);
                ready.completeExceptionally(e);
                break;
            }
            current = source;
            long before = feed.bytesIn();
            feed.resetSilence();
            feed.expectData(this::flowing);
            String error;
            try {
                if (stopped) break;
                source.run(feed);
                error = "upstream ended";
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
            LOG.info(
                    () ->
                            "Channel "
                                    + channel.id()
                                    + " source "
                                    + sourceIndex
                                    + " stopped: "
                                    + lastError);
            if (!everDelivered
                    && triedAtStart >= channel.sources().size() * FAILURES_BEFORE_FAILOVER) {
                ready.completeExceptionally(new IllegalStateException(lastError));
            }
            if (failures >= FAILURES_BEFORE_FAILOVER && channel.sources().size() > 1) {
                sourceIndex = (sourceIndex + 1) % channel.sources().size();
                failures = 0;
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
            pause(Math.min(5000, 250L << Math.min(failures, 5)));
        }
        stopped = true;
        ready.completeExceptionally(new IllegalStateException("channel stopped"));
        listener.stateChanged(this, ChannelState.STOPPED, lastError);
    }

    /** Waits before the next attempt; stop() and restart() cut the wait short. */
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

    /** Ends the current source so that it is started again; viewers stay. */
    void restart(String why) {
        restartRequested = "admin".equals(why);
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

    /** The channel's HLS window, attached to the Feed on first use. */
    synchronized HlsWindow hls() {
        if (hls == null) {
            hls = new HlsWindow();
            feed.chunkListener(hls);
        }
        return hls;
    }

    boolean awaitReady(long millis) {
        try {
            ready.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
