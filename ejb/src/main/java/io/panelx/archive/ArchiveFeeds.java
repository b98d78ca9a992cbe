package io.panelx.archive;

import io.panelx.config.Ticks;
import io.panelx.delivery.ChannelState;
import io.panelx.delivery.ChannelStateChanged;
import io.panelx.delivery.ChunkSink;
import io.panelx.delivery.FeedCursor;
import io.panelx.delivery.RunningChannels;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Attaches a recorder to every channel that must be recorded (archived, or needed by a scheduled
 * recording): one long-running task per channel on the managed executor {@code panelx-archive}
 * reads the channel's Feed through a cursor, which is never a viewer. The channel is started when
 * it is not running; a cursor that closes (the Feed ended: restart, new settings) is replaced and
 * the archive records a gap, as it does when the cursor fell behind or the source went silent.
 */
@Singleton
@Startup
// Stops before the archive and the channels it reads (the last segment is closed first).
@DependsOn({"Archives", "ChannelLifecycle", "Ticks"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ArchiveFeeds {

    private static final Logger LOG = Logger.getLogger(ArchiveFeeds.class.getName());

    /** No chunk for this long: the source is away, the segment ends there (a gap). */
    static final long SILENCE_MILLIS = 5_000;

    @Inject Archives archives;
    @Inject RunningChannels running;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-archive")
    ManagedExecutorService recorderThreads;

    @Inject Ticks ticks;

    /** Channels whose recorder task is running. */
    private final java.util.Set<Long> tasks = ConcurrentHashMap.newKeySet();

    /** Channels whose source restarted or failed over since their recorder last looked. */
    private final ConcurrentHashMap<Long, Boolean> sourceChanged = new ConcurrentHashMap<>();

    private ScheduledFuture<?> tick;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        tick = ticks.scheduleWithFixedDelay(this::attach, 1, 2, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (tick != null) {
            tick.cancel(false);
        }
        // Each task sees the flag within a second (cursor timeout, short sleeps), closes its
        // segment into the index and ends: wait for that, a little.
        long until = System.currentTimeMillis() + 3000;
        while (!tasks.isEmpty() && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * A source restart or failover keeps the Feed (viewers stay connected) but breaks the stream:
     * the archive records a gap there. An EJB observer must be a business method: public.
     */
    public void channelStateChanged(@Observes ChannelStateChanged e) {
        if (e.state() != ChannelState.RUNNING && tasks.contains(e.channelId())) {
            sourceChanged.put(e.channelId(), Boolean.TRUE);
        }
    }

    /** Starts a recorder task for each channel that needs one and has none. */
    void attach() {
        if (stopping) {
            return;
        }
        var wanted = new java.util.HashSet<Long>(archives.archived().keySet());
        wanted.addAll(archives.held());
        for (long id : wanted) {
            if (!tasks.add(id)) {
                continue;
            }
            try {
                recorderThreads.execute(() -> record(id));
            } catch (RejectedExecutionException e) {
                tasks.remove(id);
                LOG.warning(
                        () -> "No recorder thread for channel " + id + " (panelx-archive full)");
            }
        }
    }

    private void record(long channelId) {
        ChannelRecorder recorder = archives.newRecorder(channelId);
        try {
            while (!stopping && archives.wanted(channelId) && !Thread.interrupted()) {
                if (recorder.state() == RecordingState.FAILED) {
                    pause(ArchiveSettings.retryMillis());
                    if (stopping || !archives.wanted(channelId)) {
                        break;
                    }
                    archives.recorderEnded(channelId, recorder);
                    recorder = archives.newRecorder(channelId); // retry: space may be free again
                    continue;
                }
                FeedCursor cursor = running.cursor(channelId);
                if (cursor == null) {
                    recorder.gap();
                    try {
                        running.start(channelId);
                    } catch (Exception e) {
                        LOG.log(Level.FINE, "Archived channel " + channelId + " not started", e);
                    }
                    pause(1000);
                    continue;
                }
                follow(cursor, recorder, channelId);
                recorder.gap(); // the Feed ended: the next cursor starts after a gap
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recorder of channel " + channelId + " failed", e);
        } finally {
            recorder.close();
            archives.recorderEnded(channelId, recorder);
            tasks.remove(channelId);
        }
    }

    /** Sleeps in steps of a second, so that undeploy does not wait for a long retry pause. */
    private void pause(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (!stopping && System.currentTimeMillis() < until) {
            Thread.sleep(Math.min(1000, Math.max(1, until - System.currentTimeMillis())));
        }
    }

    /** Copies chunks from one cursor until it closes, the recorder fails or is no longer wanted. */
    private void follow(FeedCursor cursor, ChannelRecorder recorder, long channelId)
            throws InterruptedException {
        sourceChanged.remove(channelId); // a new cursor starts after a gap anyway
        var sink = new GapAwareSink(cursor, recorder, channelId, sourceChanged);
        long lastChunk = System.currentTimeMillis();
        long checkedAt = lastChunk;
        while (!cursor.closed() && !stopping && recorder.state() != RecordingState.FAILED) {
            if (cursor.next(sink, 1000)) {
                lastChunk = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChunk > SILENCE_MILLIS) {
                recorder.gap(); // the source went silent: end the segment at its last chunk
            }
            long now = System.currentTimeMillis();
            if (now - checkedAt > 2000) {
                checkedAt = now;
                if (!archives.wanted(channelId)) {
                    return;
                }
            }
        }
    }

    /**
     * Hands chunks to the recorder, telling it first when the cursor lost some or the source
     * changed (a gap).
     */
    private static final class GapAwareSink implements ChunkSink {
        private final FeedCursor cursor;
        private final ChannelRecorder recorder;
        private final long channelId;
        private final ConcurrentHashMap<Long, Boolean> sourceChanged;
        private long skipped;

        GapAwareSink(
                FeedCursor cursor,
                ChannelRecorder recorder,
                long channelId,
                ConcurrentHashMap<Long, Boolean> sourceChanged) {
            this.cursor = cursor;
            this.recorder = recorder;
            this.channelId = channelId;
            this.sourceChanged = sourceChanged;
            this.skipped = cursor.skipped();
        }

        @Override
        public void accept(byte[] data, int offset, int length, boolean randomAccess) {
            long s = cursor.skipped();
            if (s != skipped || sourceChanged.remove(channelId) != null) {
                skipped = s;
                recorder.gap();
            }
            recorder.accept(data, offset, length, randomAccess);
        }
    }
}
