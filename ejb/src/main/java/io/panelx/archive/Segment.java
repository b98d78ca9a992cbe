package io.panelx.archive;

import java.util.List;

/**
 * One archive segment file: MPEG-TS from {@code startMillis} (wall clock, UTC) for {@code
 * durationMillis}. {@code keyframe}: it starts with a video keyframe (segments are cut only there);
 * {@code afterGap}: the archive holds nothing between the previous segment's end and this start
 * (source restart, failover, server down). {@code psiBytes}: the PAT and PMT written first, so a
 * player starting at any of the {@code marks} (keyframes inside the file) still finds the tables.
 */
public record Segment(
        long startMillis,
        long durationMillis,
        long bytes,
        boolean keyframe,
        boolean afterGap,
        int psiBytes,
        List<Mark> marks) {

    /** A keyframe inside the segment: its byte offset and its time after the segment's start. */
    public record Mark(long offset, long millis) {}

    public long endMillis() {
        return startMillis + durationMillis;
    }

    /**
     * Where to start reading to play from {@code atMillis}: the latest keyframe at or before it
     * (the segment's start when none is later), as a byte offset into the file.
     */
    public long offsetFor(long atMillis) {
        long offset = 0;
        for (Mark m : marks) {
            if (startMillis + m.millis() <= atMillis) {
                offset = m.offset();
            }
        }
        return offset;
    }

    /** The wall-clock time playback begins at when starting at {@link #offsetFor}. */
    public long startFor(long atMillis) {
        long start = startMillis;
        for (Mark m : marks) {
            if (startMillis + m.millis() <= atMillis) {
                start = startMillis + m.millis();
            }
        }
        return start;
    }

    /** The index line: {@code S start duration bytes flags psi marks}. */
    String indexLine() {
        var sb = new StringBuilder(64);
        sb.append("S ").append(startMillis).append(' ').append(durationMillis).append(' ');
        sb.append(bytes).append(' ');
        sb.append(keyframe ? "k" : "").append(afterGap ? "g" : "");
        if (!keyframe && !afterGap) {
            sb.append('-');
        }
        sb.append(' ').append(psiBytes).append(' ');
        if (marks.isEmpty()) {
            sb.append('-');
        }
        for (int i = 0; i < marks.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(marks.get(i).offset()).append(':').append(marks.get(i).millis());
        }
        return sb.append('\n').toString();
    }

    /** Parses an index line; null when it is not one (a torn last line after a crash). */
    static Segment parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 7 || !f[0].equals("S")) {
            return null;
        }
        try {
            var marks = new java.util.ArrayList<Mark>();
            if (!f[6].equals("-")) {
                for (String m : f[6].split(",")) {
                    int colon = m.indexOf(':');
                    marks.add(
                            new Mark(
                                    Long.parseLong(m.substring(0, colon)),
                                    Long.parseLong(m.substring(colon + 1))));
                }
            }
            return new Segment(
                    Long.parseLong(f[1]),
                    Long.parseLong(f[2]),
                    Long.parseLong(f[3]),
                    f[4].contains("k"),
                    f[4].contains("g"),
                    Integer.parseInt(f[5]),
                    List.copyOf(marks));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
