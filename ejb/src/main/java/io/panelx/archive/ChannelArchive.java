package io.panelx.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One channel's archive on disk: {@code DIR/YYYYMMDDHH/START.ts} segment files (UTC hour of their
 * start, start in epoch millis) and one {@code index} file per hour listing the finished segments
 * in order (one line each, appended when a segment is closed). The index is held in memory, sorted
 * by start; a restart reads it back. A segment file without an index line (the server died while
 * writing it) is removed at load, so every byte on disk is accounted for.
 */
public final class ChannelArchive {

    private static final Logger LOG = Logger.getLogger(ChannelArchive.class.getName());
    static final String INDEX = "index";
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private final long channelId;
    private final Path dir;
    private final ArrayList<Segment> segments = new ArrayList<>();
    private long bytes;

    ChannelArchive(long channelId, Path dir) {
        this.channelId = channelId;
        this.dir = dir;
    }

    /** Reads a channel's archive back from disk (an absent folder is an empty archive). */
    static ChannelArchive load(long channelId, Path dir) throws IOException {
        var archive = new ChannelArchive(channelId, dir);
        if (!Files.isDirectory(dir)) {
            return archive;
        }
        List<Path> hours;
        try (Stream<Path> s = Files.list(dir)) {
            hours = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path hour : hours) {
            archive.loadHour(hour);
        }
        archive.segments.sort((a, b) -> Long.compare(a.startMillis(), b.startMillis()));
        return archive;
    }

    private void loadHour(Path hour) throws IOException {
        var indexed = new java.util.HashSet<String>();
        Path index = hour.resolve(INDEX);
        if (Files.exists(index)) {
            for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
                Segment s = Segment.parse(line);
                if (s == null) {
                    continue;
                }
                String name = s.startMillis() + ".ts";
                if (Files.exists(hour.resolve(name))) {
                    indexed.add(name);
                    segments.add(s);
                    bytes += s.bytes();
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(hour, "*.ts")) {
            for (Path f : files) {
                if (!indexed.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f); // unfinished when the server stopped
                }
            }
        }
        deleteHourIfEmpty(hour);
    }

    public long channelId() {
        return channelId;
    }

    Path dir() {
        return dir;
    }

    /** The file of a segment (it may be gone: pruned after the caller listed it). */
    public Path fileOf(Segment s) {
        return hourDir(s.startMillis()).resolve(s.startMillis() + ".ts");
    }

    Path hourDir(long startMillis) {
        return dir.resolve(HOUR.format(Instant.ofEpochMilli(startMillis)));
    }

    /** Records a finished segment in the hour's index, then in memory. */
    void add(Segment s) throws IOException {
        Files.writeString(
                hourDir(s.startMillis()).resolve(INDEX),
                s.indexLine(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        synchronized (this) {
            segments.add(s);
            bytes += s.bytes();
        }
    }

    /** The segments that overlap {@code [fromMillis, toMillis)}, oldest first. */
    public synchronized List<Segment> between(long fromMillis, long toMillis) {
        int i = firstEndingAfter(fromMillis);
        var result = new ArrayList<Segment>();
        for (; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.startMillis() >= toMillis) {
                break;
            }
            result.add(s);
        }
        return result;
    }

    /** Index of the first segment whose end lies after {@code millis} (binary search). */
    private int firstEndingAfter(long millis) {
        int lo = 0, hi = segments.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (segments.get(mid).endMillis() <= millis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether the archive holds any segment overlapping {@code [fromMillis, toMillis)}. */
    public synchronized boolean covers(long fromMillis, long toMillis) {
        int i = firstEndingAfter(fromMillis);
        return i < segments.size() && segments.get(i).startMillis() < toMillis;
    }

    public synchronized Segment oldest() {
        return segments.isEmpty() ? null : segments.get(0);
    }

    public synchronized Segment newest() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }

    public synchronized int size() {
        return segments.size();
    }

    /** Bytes of the finished segments on disk. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Every gap: {@code [end of the segment before, start of the segment after]}. */
    public synchronized List<long[]> gaps() {
        var gaps = new ArrayList<long[]>();
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).afterGap()) {
                gaps.add(
                        new long[] {
                            segments.get(i - 1).endMillis(), segments.get(i).startMillis()
                        });
            }
        }
        return gaps;
    }

    /** Deletes the oldest segment; false when there is none. */
    boolean removeOldest() {
        Segment s;
        synchronized (this) {
            if (segments.isEmpty()) {
                return false;
            }
            s = segments.remove(0);
            bytes -= s.bytes();
        }
        delete(s);
        return true;
    }

    /**
     * Deletes the segments that ended before {@code cutoffMillis}.
     *
     * @return how many
     */
    int removeEndingBefore(long cutoffMillis) {
        int n = 0;
        while (true) {
            synchronized (this) {
                if (segments.isEmpty() || segments.get(0).endMillis() >= cutoffMillis) {
                    return n;
                }
            }
            removeOldest();
            n++;
        }
    }

    private void delete(Segment s) {
        Path file = fileOf(s);
        try {
            Files.deleteIfExists(file);
            deleteHourIfEmpty(file.getParent());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "Archive segment " + file + " could not be deleted", e);
        }
    }

    /** Removes an hour folder (its index too) once no segment file is left in it. */
    private static void deleteHourIfEmpty(Path hour) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(hour, "*.ts")) {
            if (files.iterator().hasNext()) {
                return;
            }
        } catch (NoSuchFileException e) {
            return;
        }
        Files.deleteIfExists(hour.resolve(INDEX));
        try {
            Files.deleteIfExists(hour);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // the recorder just opened a new segment here
        }
    }
}
