package io.panelx.archive;

import io.panelx.channel.Channel;
import io.panelx.channel.ChannelChanged;
import io.panelx.channel.Channels;
import io.panelx.config.Ticks;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The archive of every channel under {@code panelx.archive-root}: read back at start, pruned every
 * {@link #PRUNE_SECONDS} s by age (each channel's {@code archiveHours}) and by the quota {@code
 * panelx.archive-max-gb}, oldest segment first across channels. A channel no longer archived (0
 * hours, or deleted) loses its archive at the next pruning, unless a scheduled recording still
 * needs part of it ({@link #holds}).
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Ticks"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Archives {

    private static final Logger LOG = Logger.getLogger(Archives.class.getName());
    static final int PRUNE_SECONDS = 10;

    @Inject Channels channels;

    @Inject Ticks ticks;

    private ArchiveStore store;
    private ScheduledFuture<?> pruning;

    /** archiveHours of every archived channel. */
    private final ConcurrentHashMap<Long, Integer> hours = new ConcurrentHashMap<>();

    /** Channel -> keep segments from this instant on (scheduled recordings not yet copied). */
    private final ConcurrentHashMap<Long, Long> holds = new ConcurrentHashMap<>();

    /** The recorder of each channel being recorded (set by ArchiveFeeds). */
    private final ConcurrentHashMap<Long, ChannelRecorder> recorders = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        store = new ArchiveStore(ArchiveSettings.root(), ArchiveSettings.maxBytes());
        store.openBytes(
                () -> {
                    long sum = 0;
                    for (ChannelRecorder r : recorders.values()) {
                        sum += r.openBytes();
                    }
                    return sum;
                });
        try {
            store.load();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.SEVERE, "Archive root " + store.root() + " cannot be read", e);
        }
        for (Channel c : channels.list()) {
            if (c.getArchiveHours() > 0) {
                hours.put(c.getId(), c.getArchiveHours());
            }
        }
        LOG.info(
                () ->
                        "Archive at "
                                + store.root()
                                + ": "
                                + store.all().size()
                                + " channel folders, "
                                + store.bytes() / (1024 * 1024)
                                + " MiB");
        // Not at once: scheduled recordings tell which channels they hold first (every 5 s).
        pruning =
                ticks.scheduleWithFixedDelay(
                        this::prune, PRUNE_SECONDS, PRUNE_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (pruning != null) {
            pruning.cancel(false);
        }
    }

    /** An EJB observer must be a business method: public. */
    public void channelChanged(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged e) {
        Channel c = e.deleted() ? null : channels.find(e.channelId());
        if (c == null || c.getArchiveHours() == 0) {
            hours.remove(e.channelId());
        } else {
            hours.put(e.channelId(), c.getArchiveHours());
        }
    }

    /** Runs the two prunings (also called by tests through the admin API's refresh). */
    public void prune() {
        try {
            long now = System.currentTimeMillis();
            for (ChannelArchive a : store.all()) {
                long id = a.channelId();
                long cutoff = now - hours.getOrDefault(id, 0) * 3_600_000L;
                Long hold = holds.get(id);
                if (hold != null) {
                    cutoff = Math.min(cutoff, hold);
                }
                store.pruneByAge(id, cutoff);
            }
            store.maxBytes(maxBytesSetting());
            store.pruneByQuota();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Archive pruning failed", e);
        }
    }

    /** The quota: the runtime override when an admin set one, else panelx.archive-max-gb. */
    private volatile Long maxBytesOverride;

    private long maxBytesSetting() {
        Long o = maxBytesOverride;
        return o != null ? o : ArchiveSettings.maxBytes();
    }

    /** Sets the quota until the next restart (null: back to panelx.archive-max-gb). */
    public void maxBytes(Long bytes) {
        maxBytesOverride = bytes;
        store.maxBytes(maxBytesSetting());
        store.pruneByQuota();
    }

    public long maxBytes() {
        return store.maxBytes();
    }

    /** Bytes of finished segments across channels (what is on disk, but open files). */
    public long bytes() {
        return store.bytes();
    }

    /** The channel's archive, or null when nothing was recorded. */
    public ChannelArchive find(long channelId) {
        return store.find(channelId);
    }

    public ArchiveStore store() {
        return store;
    }

    /** The channel's archiveHours (0: not archived). */
    public int hours(long channelId) {
        return hours.getOrDefault(channelId, 0);
    }

    /** Archived channels: id -> archiveHours. */
    public Map<Long, Integer> archived() {
        return Map.copyOf(hours);
    }

    /**
     * Channels to record and keep from an instant on, whatever their archiveHours: the open
     * scheduled recordings (replaces the previous set).
     */
    public void holds(Map<Long, Long> fromMillisByChannel) {
        holds.keySet().retainAll(fromMillisByChannel.keySet());
        holds.putAll(fromMillisByChannel);
    }

    /** Channels held by scheduled recordings now. */
    public java.util.Set<Long> held() {
        return java.util.Set.copyOf(holds.keySet());
    }

    /** Whether the channel must be recorded now: archived, or a recording needs it. */
    public boolean wanted(long channelId) {
        return hours.containsKey(channelId) || holds.containsKey(channelId);
    }

    /** A recorder for the channel, writing into its archive and deciding with the quota. */
    public ChannelRecorder newRecorder(long channelId) {
        var recorder =
                new ChannelRecorder(store.archive(channelId), System::currentTimeMillis, store);
        recorders.put(channelId, recorder);
        return recorder;
    }

    /** The channel no longer records (its recorder ended). */
    public void recorderEnded(long channelId, ChannelRecorder recorder) {
        recorders.remove(channelId, recorder);
    }

    public ChannelRecorder recorder(long channelId) {
        return recorders.get(channelId);
    }

    /** The channel's archive and recorder, for the admin API and monitoring. */
    public ArchiveStatus status(long channelId) {
        ChannelArchive a = store.find(channelId);
        ChannelRecorder r = recorders.get(channelId);
        RecordingState state =
                r != null
                        ? r.state()
                        : wanted(channelId) ? RecordingState.WAITING : RecordingState.OFF;
        Segment oldest = a == null ? null : a.oldest();
        Segment newest = a == null ? null : a.newest();
        return new ArchiveStatus(
                channelId,
                hours(channelId),
                state,
                state == RecordingState.FAILED ? r.failure() : null,
                (a == null ? 0 : a.bytes()) + (r == null ? 0 : r.openBytes()),
                a == null ? 0 : a.size(),
                oldest == null ? null : java.time.Instant.ofEpochMilli(oldest.startMillis()),
                newest == null ? null : java.time.Instant.ofEpochMilli(newest.endMillis()),
                a == null
                        ? java.util.List.of()
                        : a.gaps().stream()
                                .map(
                                        g ->
                                                new ArchiveStatus.Gap(
                                                        java.time.Instant.ofEpochMilli(g[0]),
                                                        java.time.Instant.ofEpochMilli(g[1])))
                                .toList());
    }

    /** Every channel that is archived, being recorded, or still has segments on disk. */
    public java.util.List<ArchiveStatus> statuses() {
        var ids = new java.util.TreeSet<Long>(hours.keySet());
        ids.addAll(holds.keySet());
        ids.addAll(recorders.keySet());
        for (ChannelArchive a : store.all()) {
            if (a.size() > 0) {
                ids.add(a.channelId());
            }
        }
        return ids.stream().map(this::status).toList();
    }
}
