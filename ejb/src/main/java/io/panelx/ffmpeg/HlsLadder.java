package io.panelx.ffmpeg;

import io.panelx.delivery.HlsRenditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An adaptive HLS ladder that one FFmpeg process writes as files into a channel's folder: per rung
 * a media playlist {@code vN.m3u8} and its segments {@code vN_SEQ.ts}, every rung cut at the same
 * keyframes and numbered alike, so that players can switch rungs at any segment. PanelX writes the
 * master playlist itself (its URIs carry the viewer's token); media playlists and segments are
 * served as FFmpeg wrote them, their relative URIs resolving under the same token.
 */
public final class HlsLadder implements HlsRenditions {

    /** One rendition. {@code levelIdc} is the H.264 level times ten, as in the CODECS string. */
    public record Rung(int width, int height, int videoKbps, int levelIdc) {

        /** The x264 {@code -level} value, e.g. "3.1". */
        public String level() {
            return levelIdc / 10 + "." + levelIdc % 10;
        }

        String codecs() {
            // avc1 + Main profile (0x4d) + the constraint flags x264 writes for Main (0x40) +
            // level; AAC-LC audio.
            return String.format(Locale.ROOT, "avc1.4d40%02x,mp4a.40.2", levelIdc);
        }
    }

    /** The ladder, best first: TS viewers of a ladder channel get the first rung. */
    public static final List<Rung> RUNGS =
            List.of(
                    new Rung(1280, 720, 3000, 31),
                    new Rung(854, 480, 1200, 30),
                    new Rung(640, 360, 600, 30));

    /** Shared by every rung: FFmpeg encodes the audio once. */
    public static final int AUDIO_KBPS = 128;

    /** Segment length FFmpeg aims for; keyframes are forced at this interval on every rung. */
    public static final int SEGMENT_SECONDS = 2;

    private static final Pattern FILE_NAME =
            Pattern.compile("v([0-9])(?:\\.m3u8|_[0-9]{1,19}\\.ts)");

    private final Path directory;

    public HlsLadder(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * True for names FFmpeg writes ({@code v0.m3u8}, {@code v0_123.ts}); nothing else is served.
     */
    public static boolean isFileName(String name) {
        var m = FILE_NAME.matcher(name);
        return m.matches() && Integer.parseInt(m.group(1)) < RUNGS.size();
    }

    /** The file behind a name accepted by {@link #isFileName}, else null; it may be gone. */
    @Override
    public Path file(String name) {
        return isFileName(name) ? directory.resolve(name) : null;
    }

    /** The master playlist; rung URIs are {@code prefix + "vN.m3u8"}. */
    @Override
    public String masterPlaylist(String prefix) {
        var sb = new StringBuilder(512);
        sb.append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (int i = 0; i < RUNGS.size(); i++) {
            Rung r = RUNGS.get(i);
            long average = (r.videoKbps() + AUDIO_KBPS) * 1000L;
            // Peak: the encoder's maxrate plus MPEG-TS overhead (about 10 %).
            long peak = average * 11 / 10;
            sb.append("#EXT-X-STREAM-INF:BANDWIDTH=")
                    .append(peak)
                    .append(",AVERAGE-BANDWIDTH=")
                    .append(average)
                    .append(",RESOLUTION=")
                    .append(r.width())
                    .append('x')
                    .append(r.height())
                    .append(",CODECS=\"")
                    .append(r.codecs())
                    .append("\"\n")
                    .append(prefix)
                    .append('v')
                    .append(i)
                    .append(".m3u8\n");
        }
        return sb.toString();
    }

    /**
     * Players start a live stream a few segments behind its newest one; a playlist with just one
     * segment leaves them none to spare, and they stall at every segment until they fall behind.
     */
    static final int SEGMENTS_BEFORE_PLAY = 2;

    /**
     * Waits (bounded) until every rung's media playlist lists {@link #SEGMENTS_BEFORE_PLAY}
     * segments, so that a master playlist handed out can be played smoothly at once (a cold
     * channel: about one segment longer to start). FFmpeg writes files and signals nothing, so the
     * folder is checked every 50 ms.
     */
    @Override
    public boolean awaitPlaylists(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            boolean all = true;
            for (int i = 0; i < RUNGS.size() && all; i++) {
                all = segmentsListed(directory.resolve("v" + i + ".m3u8")) >= SEGMENTS_BEFORE_PLAY;
            }
            if (all) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(50);
        }
    }

    private static int segmentsListed(Path playlist) {
        try {
            int n = 0;
            for (String line : Files.readAllLines(playlist)) {
                if (line.startsWith("#EXTINF:")) {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            return 0; // not written yet (FFmpeg renames a complete file into place)
        }
    }
}
