package io.panelx.delivery;

import io.panelx.admin.Conflict;
import io.panelx.admin.NotFound;
import io.panelx.channel.ChannelDirectory;
import io.panelx.channel.ChannelInfo;
import io.panelx.config.Settings;
import io.panelx.line.Refusal;
import io.panelx.viewer.EndReason;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The registry of running channels: one ChannelRunner (and so one Feed and one Source) per running
 * channel, started on demand by its first viewer or with the server for always-on channels, stopped
 * and restarted by admins. {@link ChannelLifecycle} starts the always-on channels with the server,
 * restarts changed ones and stops them all at shutdown.
 *
 * <p>A plain CDI bean, not an EJB: every viewer calls it twice while it connects ({@link #watch},
 * {@link #attach}), and an EJB business method's interceptor chain per call was a measurable part
 * of a connect storm. It needs no container service: the map is concurrent and a start is
 * serialised on it.
 */
@ApplicationScoped
public class RunningChannels {

    @Inject Event<ChannelStateChanged> stateChanged;
    @Inject ChannelDirectory directory;
    @Inject Sources sources;
    @Inject OpenViewers viewers;
    @Inject ChannelOwners owners;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-sources")
    ManagedExecutorService sourceThreads;

    private volatile boolean shuttingDown;
    private final ConcurrentHashMap<Long, ChannelRunner> running = new ConcurrentHashMap<>();

    /** Refuses new viewers, ends the open ones and stops every channel (the server stops). */
    void shutdown() {
        shuttingDown = true;
        viewers.endAll(EndReason.SHUTDOWN);
        for (ChannelRunner r : List.copyOf(running.values())) {
            r.stop();
        }
    }

    /** The channel's runner, started if needed. */
    public ChannelRunner runnerFor(ChannelInfo channel) throws Refused {
        if (shuttingDown) {
            throw new Refused(Refusal.UNAVAILABLE);
        }
        ChannelRunner existing = running.get(channel.id());
        if (existing != null && !existing.isStopped()) {
            return existing;
        }
        synchronized (running) {
            existing = running.get(channel.id());
            if (existing != null && !existing.isStopped()) {
                return existing;
            }
            var runner =
                    new ChannelRunner(
                            channel,
                            sources.factoryFor(channel),
                            Settings.feedDirectory().map(ChunkFiles::in).orElse(null),
                            new RunnerEvents());
            try {
                sourceThreads.execute(runner);
            } catch (RejectedExecutionException e) {
                throw new Refused(Refusal.UNAVAILABLE);
            }
            running.put(channel.id(), runner);
            return runner;
        }
    }

    /**
     * The running channel, started if needed; waits (bounded) for a cold channel's first chunk so
     * that a dead upstream gets a clear 503.
     */
    public ChannelRunner ready(ChannelInfo channel) throws Refused {
        ChannelRunner runner = runnerFor(channel);
        if (!runner.awaitReady(Settings.startTimeout().toMillis())) {
            throw new Refused(Refusal.UNAVAILABLE);
        }
        return runner;
    }

    /** What a viewer of the channel watches, once the channel delivers. */
    public Watched watch(ChannelInfo channel) throws Refused {
        return ready(channel).watched();
    }

    /** Starts draining the channel's Feed into the output (after the response is set up). */
    public void attach(ViewerSession session, ViewerOutput output) {
        ChannelRunner runner = running.get(session.viewer().channelId());
        if (runner == null || runner.isStopped()) {
            session.end(EndReason.CHANNEL_STOPPED);
            output.close();
            return;
        }
        session.stream(runner.feed, output);
    }

    /** A reader of the channel's Feed that is not a viewer, or null when it is not running. */
    public FeedCursor cursor(long channelId) {
        ChannelRunner r = running.get(channelId);
        return r == null || r.isStopped() ? null : r.feed.cursor();
    }

    /**
     * A relay of the channel's Feed to another cluster node, started if needed. Unlike other
     * cursors, an open relay keeps an on-demand channel running: it stands for the viewers of the
     * node it feeds. Close it when the relay ends.
     */
    public Relay relay(ChannelInfo channel) throws Refused {
        ChannelRunner r = ready(channel);
        return new Relay(r, r.feed.cursor());
    }

    /** An open relay: its cursor, and {@link #close()} when the peer went away. */
    public static final class Relay implements AutoCloseable {
        private final ChannelRunner runner;
        private final FeedCursor cursor;
        private final java.util.concurrent.atomic.AtomicBoolean open =
                new java.util.concurrent.atomic.AtomicBoolean(true);

        Relay(ChannelRunner runner, FeedCursor cursor) {
            this.runner = runner;
            this.cursor = cursor;
            runner.relays.incrementAndGet();
        }

        public FeedCursor cursor() {
            return cursor;
        }

        /** True once the channel stopped here (the peer reconnects and asks again). */
        public boolean ended() {
            return runner.isStopped() || cursor.closed();
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                runner.relays.decrementAndGet();
            }
        }
    }

    public ChannelRunner runner(long channelId) {
        return running.get(channelId);
    }

    public Collection<ChannelRunner> runners() {
        return running.values();
    }

    public int count() {
        return running.size();
    }

    /** Reports a runner's state as a CDI event; ends viewers when the upstream is gone. */
    private final class RunnerEvents implements ChannelRunner.Listener {
        @Override
        public void stateChanged(ChannelRunner runner, ChannelState state, String detail) {
            runner.state(state);
            if (state == ChannelState.STOPPED) {
                running.remove(runner.channel.id(), runner);
                owners.release(runner.channel.id());
            }
            stateChanged.fire(
                    new ChannelStateChanged(
                            runner.channel.id(),
                            runner.channel.name(),
                            state,
                            runner.origin(),
                            runner.sourceIndex(),
                            detail,
                            Instant.now()));
        }

        @Override
        public void upstreamGone(ChannelRunner runner) {
            viewers.endViewersOf(runner.channel.id(), EndReason.UPSTREAM_GONE);
        }
    }

    // ---- admin operations

    /** Starts the channel (and its Source) if it is not running. */
    public void start(long channelId) {
        ChannelInfo c = directory.find(channelId);
        if (c == null) {
            throw new NotFound("no channel with id " + channelId);
        }
        try {
            runnerFor(c);
        } catch (Refused e) {
            throw new Conflict("channel " + channelId + " cannot start now: " + e.reason.message());
        }
    }

    /** Stops the channel; its viewers end with CHANNEL_STOPPED. */
    public void stop(long channelId) {
        ChannelRunner r = running.get(channelId);
        viewers.endViewersOf(channelId, EndReason.CHANNEL_STOPPED);
        if (r != null) {
            r.stop();
        }
    }

    /** Restarts the channel's Source; viewers stay connected and see the stream resume. */
    public void restart(long channelId) {
        ChannelRunner r = running.get(channelId);
        if (r == null) {
            start(channelId);
        } else {
            r.restart(true);
        }
    }
}
