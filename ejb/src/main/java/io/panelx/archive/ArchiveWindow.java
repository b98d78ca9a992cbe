package io.panelx.archive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a timeshift request plays: the byte ranges of the archive files for {@code [from, to)},
 * starting at the keyframe at or before {@code from} (with the segment's PAT and PMT in front, so
 * the player decodes at once) and ending with the last segment that starts before {@code to}. Gaps
 * are skipped: the segment after one starts at a keyframe with its own tables.
 */
public record ArchiveWindow(
        long fromMillis,
        long toMillis,
        long startsAtMillis,
        List<Segment> segments,
        List<Range> ranges) {

    /** Bytes {@code [from, to)} of one file. */
    public record Range(Path file, long from, long to) {
        public long length() {
            return to - from;
        }
    }

    public static ArchiveWindow of(ChannelArchive archive, long fromMillis, long toMillis) {
        List<Segment> segments = archive.between(fromMillis, toMillis);
        var ranges = new ArrayList<Range>(segments.size() + 1);
        long startsAt = segments.isEmpty() ? fromMillis : segments.get(0).startMillis();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Path file = archive.fileOf(s);
            long offset = i == 0 ? s.offsetFor(fromMillis) : 0;
            if (offset > 0) {
                startsAt = s.startFor(fromMillis);
                if (s.psiBytes() > 0) {
                    ranges.add(new Range(file, 0, s.psiBytes()));
                }
            }
            ranges.add(new Range(file, offset, s.bytes()));
        }
        return new ArchiveWindow(fromMillis, toMillis, startsAt, segments, List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public long bytes() {
        long sum = 0;
        for (Range r : ranges) {
            sum += r.length();
        }
        return sum;
    }

    /** The part {@code [from, to)} of the bytes the ranges hold one after the other. */
    public static List<Range> slice(List<Range> ranges, long from, long to) {
        var result = new ArrayList<Range>();
        long at = 0;
        for (Range r : ranges) {
            long start = Math.max(from, at), end = Math.min(to, at + r.length());
            if (start < end) {
                result.add(new Range(r.file(), r.from() + start - at, r.from() + end - at));
            }
            at += r.length();
        }
        return result;
    }
}
