package io.panelx.archive;

import io.panelx.admin.InvalidInput;
import io.panelx.admin.NotFound;
import io.panelx.channel.Channel;
import io.panelx.channel.Channels;
import io.panelx.vod.Movie;
import io.panelx.vod.VodLibrary;
import io.panelx.vod.VodSource;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Scheduled recordings. While a recording's window is on (from a minute before), its channel is
 * recorded into the archive whatever its archiveHours, and the archive keeps the window's segments
 * ({@link Archives#holds}). Once the window is over, its segments are copied, on an archive thread
 * (a long window is gigabytes), into one MPEG-TS file {@code
 * panelx.recordings-root/ID/recording.ts}, out of the archive's pruning; that file is the download
 * and becomes a movie in the VOD library (category "Recordings"), deleted with the recording. A
 * window already in the archive completes at once.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "Archives"})
public class Recordings {

    private static final Logger LOG = Logger.getLogger(Recordings.class.getName());

    /** A recording's channel is started this long before the window. */
    static final Duration LEAD = Duration.ofMinutes(1);

    /** After the window, how long to wait for the segment that holds its end to be closed. */
    static final Duration SETTLE = Duration.ofSeconds(45);

    static final Duration MAX_LENGTH = Duration.ofHours(24);

    /** The one file a recording is stored as, in its folder. */
    static final String FILE = "recording.ts";

    private static final List<Recording.Status> OPEN =
            List.of(
                    Recording.Status.SCHEDULED,
                    Recording.Status.RECORDING,
                    Recording.Status.STORING);

    @PersistenceContext EntityManager em;
    @Inject Channels channels;
    @Inject Archives archives;
    @Inject VodLibrary vod;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-archive")
    ManagedExecutorService copiers;

    /** To call {@link #stored} through the container: its lock and its transaction. */
    @Resource SessionContext context;

    /**
     * Recordings whose copy runs now: one copy each (a restart leaves none, so they start again).
     */
    private final Set<Long> copying = ConcurrentHashMap.newKeySet();

    public List<Recording> list() {
        return em.createQuery(
                        "select r from Recording r order by r.startsAt desc, r.id desc",
                        Recording.class)
                .getResultList();
    }

    public Recording get(long id) {
        Recording r = em.find(Recording.class, id);
        if (r == null) {
            throw new NotFound("no recording with id " + id);
        }
        return r;
    }

    public Recording schedule(RecordingForm form) {
        if (form == null || form.channelId() == null) {
            throw new InvalidInput("channelId is required");
        }
        Channel channel = channels.get(form.channelId());
        var r = new Recording();
        r.channelId = channel.getId();
        r.channelName = channel.getName();
        if (form.programmeId() != null) {
            Object[] p = programme(form.programmeId());
            if (p == null || channel.getEpgId() == null || !channel.getEpgId().equals(p[0])) {
                throw new InvalidInput(
                        "no EPG programme " + form.programmeId() + " on this channel");
            }
            r.programmeId = form.programmeId();
            r.startsAt = instant(p[1]);
            r.endsAt = instant(p[2]);
            r.title = (String) p[3];
        } else {
            if (form.startsAt() == null || form.endsAt() == null) {
                throw new InvalidInput("startsAt and endsAt (or programmeId) are required");
            }
            r.startsAt = form.startsAt();
            r.endsAt = form.endsAt();
        }
        if (!r.endsAt.isAfter(r.startsAt)) {
            throw new InvalidInput("endsAt must be after startsAt");
        }
        if (Duration.between(r.startsAt, r.endsAt).compareTo(MAX_LENGTH) > 0) {
            throw new InvalidInput("a recording is at most 24 hours long");
        }
        if (form.title() != null && !form.title().isBlank()) {
            r.title = form.title().trim();
        }
        if (r.title == null || r.title.isBlank()) {
            r.title = channel.getName() + " " + r.startsAt;
        }
        if (r.title.length() > 300) {
            r.title = r.title.substring(0, 300);
        }
        em.persist(r);
        em.flush();
        advance(r, Instant.now());
        return r;
    }

    public void delete(long id) {
        Recording r = get(id);
        if (r.movieId != null && em.find(Movie.class, r.movieId) != null) {
            vod.deleteMovie(r.movieId);
        }
        em.remove(r);
        deleteFiles(id);
        holds();
    }

    /** The files of a completed recording, in order (their concatenation is the recording). */
    public List<Path> files(long id) throws IOException {
        Path dir = ArchiveSettings.recordingsRoot().resolve(Long.toString(id));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ts")).sorted().toList();
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void tick() {
        Instant now = Instant.now();
        for (Recording r : open()) {
            advance(r, now);
        }
        holds();
    }

    private void advance(Recording r, Instant now) {
        if (r.status == Recording.Status.SCHEDULED && !now.isBefore(r.startsAt)) {
            r.status = Recording.Status.RECORDING;
        }
        if (r.status == Recording.Status.RECORDING && settled(r, now)) {
            r.status = Recording.Status.STORING;
        }
        if (r.status == Recording.Status.STORING && copying.add(r.id)) {
            store(r);
        }
    }

    private List<Recording> open() {
        return em.createQuery("select r from Recording r where r.status in :open", Recording.class)
                .setParameter("open", OPEN)
                .getResultList();
    }

    /** The window is over and its last segment is closed (or long enough ago that none will be). */
    private boolean settled(Recording r, Instant now) {
        if (now.isBefore(r.endsAt)) {
            return false;
        }
        ChannelArchive a = archives.find(r.channelId);
        Segment newest = a == null ? null : a.newest();
        return (newest != null && newest.endMillis() >= r.endsAt.toEpochMilli())
                || now.isAfter(r.endsAt.plus(SETTLE));
    }

    /** Hands the window's segments to a copy; the archive keeps them while the status is open. */
    private void store(Recording r) {
        ChannelArchive a = archives.find(r.channelId);
        List<Segment> segments =
                a == null
                        ? List.of()
                        : a.between(r.startsAt.toEpochMilli(), r.endsAt.toEpochMilli());
        if (segments.isEmpty()) {
            copying.remove(r.id);
            r.status = Recording.Status.FAILED;
            r.detail = "nothing was recorded in this window (channel down, or not archived then)";
            return;
        }
        Segment first = segments.get(0);
        Segment last = segments.get(segments.size() - 1);
        boolean partial =
                first.startMillis() > r.startsAt.toEpochMilli() + 15_000
                        || last.endMillis() < r.endsAt.toEpochMilli() - 15_000
                        || segments.stream().skip(1).anyMatch(Segment::afterGap);
        List<Path> files = segments.stream().map(a::fileOf).toList();
        long id = r.id;
        Recordings self = context.getBusinessObject(Recordings.class);
        try {
            copiers.execute(() -> copy(self, id, files, partial));
        } catch (RejectedExecutionException e) {
            copying.remove(id); // the executor is full: the next tick tries again
        }
    }

    /** On an archive thread: the segments, concatenated into the recording's one file. */
    private void copy(Recordings self, long id, List<Path> segments, boolean partial) {
        Path dir = ArchiveSettings.recordingsRoot().resolve(Long.toString(id));
        Path part = dir.resolve(FILE + ".part");
        long bytes = 0;
        String error = null;
        try {
            Files.createDirectories(dir);
            try (FileChannel out =
                    FileChannel.open(
                            part,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                for (Path segment : segments) {
                    try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
                        long size = in.size();
                        for (long at = 0; at < size; ) {
                            at += in.transferTo(at, size - at, out);
                        }
                    } catch (NoSuchFileException e) {
                        // pruned (quota) before the copy: the recording is partial
                    }
                }
                bytes = out.size();
            }
            Files.move(
                    part,
                    dir.resolve(FILE),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Recording " + id + " could not be stored in " + dir, e);
            error = "could not be stored: " + e.getMessage();
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the next try truncates it
            }
        } finally {
            try {
                self.stored(id, bytes, partial, error);
            } finally {
                copying.remove(id);
            }
        }
    }

    /**
     * Called by the copy when it is done: the recording is completed and becomes a movie, or failed
     * with the reason. A recording deleted while it was copied loses its file.
     */
    public void stored(long id, long bytes, boolean partial, String error) {
        Recording r = em.find(Recording.class, id);
        if (r == null) {
            deleteFiles(id);
            return;
        }
        if (error != null || bytes == 0) {
            r.status = Recording.Status.FAILED;
            r.detail = error != null ? error : "the window's segments were pruned before the copy";
            return;
        }
        r.bytes = bytes;
        r.status = Recording.Status.COMPLETED;
        r.detail = partial ? "partial: the archive has gaps in this window" : null;
        Path file = ArchiveSettings.recordingsRoot().resolve(Long.toString(id)).resolve(FILE);
        if (VodSource.file(file.toString()) != null) {
            r.movieId =
                    vod.addRecording(
                                    r.title,
                                    "Recorded from "
                                            + r.channelName
                                            + ", "
                                            + r.startsAt
                                            + " to "
                                            + r.endsAt,
                                    r.startsAt.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                                    file)
                            .getId();
        } else {
            r.detail = "stored, but not served as a movie: " + file + " is not a readable file";
        }
        LOG.info(() -> "Recording " + id + " completed: " + bytes + " bytes, movie " + r.movieId);
    }

    /** Tells the archive which channels to record and keep for the open recordings. */
    private void holds() {
        Instant now = Instant.now();
        Map<Long, Long> holds = new HashMap<>();
        for (Recording r : open()) {
            if (!now.isBefore(r.startsAt.minus(LEAD))) {
                holds.merge(r.channelId, r.startsAt.toEpochMilli(), Math::min);
            }
        }
        archives.holds(holds);
    }

    private Object[] programme(long id) {
        List<?> rows =
                em.createNativeQuery(
                                "SELECT epg_channel_id, start_at, stop_at, title FROM epg_programme"
                                        + " WHERE id = ?")
                        .setParameter(1, id)
                        .getResultList();
        return rows.isEmpty() ? null : (Object[]) rows.get(0);
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("unexpected time value " + value);
    }

    private static void deleteFiles(long id) {
        Path dir = ArchiveSettings.recordingsRoot().resolve(Long.toString(id));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : new ArrayList<>(s.toList())) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Files of recording " + id + " could not be deleted", e);
        }
    }
}
