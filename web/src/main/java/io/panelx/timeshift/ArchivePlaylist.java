package io.panelx.timeshift;

import io.panelx.archive.ArchiveWindow;
import io.panelx.archive.Segment;
import java.util.Locale;

/**
 * The HLS form of a catch-up window: the archive's own segment files as media segments. A window
 * that has ended is a VOD playlist (with ENDLIST); one still airing ("start over") is an EVENT
 * playlist that grows as the recorder closes segments. The first segment starts at the keyframe
 * nearest before the requested time; a gap in the archive becomes a DISCONTINUITY.
 */
final class ArchivePlaylist {

    private ArchivePlaylist() {}

    /**
     * @param prefix absolute path the segment names are appended to (players resolve relative URLs
     *     against the first URL, not a redirect target)
     */
    static String of(ArchiveWindow window, String prefix, boolean ended) {
        var body = new StringBuilder(128 + window.segments().size() * 64);
        var entries = new StringBuilder(window.segments().size() * 64);
        double longest = 1;
        for (int i = 0; i < window.segments().size(); i++) {
            Segment s = window.segments().get(i);
            long offset = i == 0 ? s.offsetFor(window.fromMillis()) : 0;
            long start = i == 0 && offset > 0 ? s.startFor(window.fromMillis()) : s.startMillis();
            double seconds = Math.max(0.001, (s.endMillis() - start) / 1000.0);
            longest = Math.max(longest, seconds);
            if (i > 0 && s.afterGap()) {
                entries.append("#EXT-X-DISCONTINUITY\n");
            }
            entries.append(String.format(Locale.ROOT, "#EXTINF:%.3f,\n", seconds));
            entries.append(prefix).append(s.startMillis());
            if (offset > 0) {
                entries.append('-').append(offset);
            }
            entries.append(".ts\n");
        }
        body.append("#EXTM3U\n#EXT-X-VERSION:3\n");
        body.append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(longest)).append('\n');
        body.append("#EXT-X-MEDIA-SEQUENCE:0\n");
        body.append("#EXT-X-PLAYLIST-TYPE:").append(ended ? "VOD" : "EVENT").append('\n');
        body.append(entries);
        if (ended) {
            body.append("#EXT-X-ENDLIST\n");
        }
        return body.toString();
    }

    /** A segment name {@code START[-OFFSET].ts}: {start, offset}, or null when malformed. */
    static long[] segmentName(String name) {
        if (name == null || !name.endsWith(".ts") || name.length() > 45) {
            return null;
        }
        String core = name.substring(0, name.length() - 3);
        int dash = core.indexOf('-');
        String start = dash < 0 ? core : core.substring(0, dash);
        String offset = dash < 0 ? "0" : core.substring(dash + 1);
        if (start.isEmpty()
                || offset.isEmpty()
                || !start.chars().allMatch(c -> c >= '0' && c <= '9')
                || !offset.chars().allMatch(c -> c >= '0' && c <= '9')
                || start.length() > 18
                || offset.length() > 18) {
            return null;
        }
        return new long[] {Long.parseLong(start), Long.parseLong(offset)};
    }
}
