package io.panelx.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Every channel's archive under one root, and the two prunings: by age per channel, and by the disk
 * quota across channels (the oldest segment of any channel goes first). No server needed: the
 * {@link Archives} bean drives it.
 */
public final class ArchiveStore implements ChannelRecorder.Quota {

    private static final Logger LOG = Logger.getLogger(ArchiveStore.class.getName());

    private final Path root;
    private final ConcurrentHashMap<Long, ChannelArchive> archives = new ConcurrentHashMap<>();
    private volatile long maxBytes;

    /** Bytes of the segments being written (recorders' open files), counted against the quota. */
    private volatile LongSupplier openBytes = () -> 0;

    public ArchiveStore(Path root, long maxBytes) {
        this.root = root;
        this.maxBytes = maxBytes;
    }

    /** Reads every channel folder under the root back (a restart keeps the archive). */
    public void load() throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> s = Files.list(root)) {
            for (Path dir : s.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || name.length() > 18) {
                    continue;
                }
                long id = Long.parseLong(name);
                try {
                    archives.put(id, ChannelArchive.load(id, dir));
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Archive of channel " + id + " could not be read", e);
                }
            }
        }
    }

    public Path root() {
        return root;
    }

    /** The channel's archive, created (empty) when it has none. */
    public ChannelArchive archive(long channelId) {
        return archives.computeIfAbsent(
                channelId, id -> new ChannelArchive(id, root.resolve(Long.toString(id))));
    }

    /** The channel's archive, or null when nothing was ever recorded. */
    public ChannelArchive find(long channelId) {
        return archives.get(channelId);
    }

    public Collection<ChannelArchive> all() {
        return List.copyOf(archives.values());
    }

    public void openBytes(LongSupplier openBytes) {
        this.openBytes = openBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public void maxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Bytes of finished segments across channels. */
    public long bytes() {
        long sum = 0;
        for (ChannelArchive a : archives.values()) {
            sum += a.bytes();
        }
        return sum;
    }

    /** Deletes a channel's segments that ended before the cutoff; returns how many. */
    public int pruneByAge(long channelId, long cutoffMillis) {
        ChannelArchive a = archives.get(channelId);
        return a == null ? 0 : a.removeEndingBefore(cutoffMillis);
    }

    /** Removes an archive entirely (a deleted channel). */
    public void drop(long channelId) {
        ChannelArchive a = archives.remove(channelId);
        if (a != null) {
            while (a.removeOldest()) {
                // one segment at a time: its hour folder goes with its last segment
            }
            try {
                Files.deleteIfExists(a.dir());
            } catch (IOException e) {
                LOG.log(Level.FINE, "Archive folder of channel " + channelId + " kept", e);
            }
        }
    }

    /**
     * Brings the archive under the quota by deleting the oldest segments of any channel.
     *
     * @return how many segments were deleted
     */
    public synchronized int pruneByQuota() {
        return pruneByQuota(null);
    }

    private int pruneByQuota(Segment keep) {
        int removed = 0;
        while (bytes() + openBytes.getAsLong() > maxBytes) {
            ChannelArchive oldest = null;
            Segment oldestSegment = null;
            for (ChannelArchive a : archives.values()) {
                Segment s = a.oldest();
                if (s != null
                        && s != keep
                        && (oldestSegment == null
                                || s.startMillis() < oldestSegment.startMillis())) {
                    oldest = a;
                    oldestSegment = s;
                }
            }
            if (oldest == null) {
                return removed;
            }
            oldest.removeOldest();
            removed++;
        }
        return removed;
    }

    /** Called by a recorder for each finished segment: older segments make room, or it stops. */
    @Override
    public synchronized String admit(ChannelArchive archive, Segment segment) {
        pruneByQuota(segment);
        if (bytes() + openBytes.getAsLong() > maxBytes) {
            return "archive quota reached: panelx.archive-max-gb ("
                    + String.format(java.util.Locale.ROOT, "%.3f", maxBytes / 1073741824.0)
                    + " GB) holds no more than the newest segment";
        }
        return null;
    }
}
