package io.panelx.proxy;

import io.panelx.delivery.Feed;
import io.panelx.delivery.Source;
import io.panelx.viewer.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Direct proxy of an HLS upstream: follows the media playlist and writes each new segment, once,
 * into the Feed as one continuous MPEG-TS stream. Viewers then get either that stream or PanelX's
 * own HLS playlist (HlsWindow), so each upstream segment is fetched once whatever the audience.
 */
public final class HlsPullSource implements Source {

    /** On first load, start this many segments from the live edge. */
    static final int LIVE_EDGE_SEGMENTS = 3;

    private final URI playlistUri;
    private final CountDownLatch aborted = new CountDownLatch(1);
    private volatile HttpURLConnection connection;

    /** Segments arrive in bursts, one per target duration: silence is normal up to a few. */
    private volatile long maxSilenceNanos = TimeUnit.SECONDS.toNanos(15);

    public HlsPullSource(URI playlistUri) {
        this.playlistUri = playlistUri;
    }

    @Override
    public Origin origin() {
        return Origin.PROXY;
    }

    record MediaPlaylist(
            long mediaSequence, double targetDuration, List<URI> segments, boolean ended) {}

    @Override
    public void run(Feed feed) throws IOException, InterruptedException {
        URI media = playlistUri;
        long nextSequence = -1;
        while (aborted.getCount() > 0) {
            String text = fetchText(media);
            URI variant = firstVariant(media, text);
            if (variant != null) {
                media = variant;
                continue;
            }
            MediaPlaylist playlist = parse(media, text);
            if (playlist.segments().isEmpty()) {
                throw new IOException("upstream playlist has no segments");
            }
            maxSilenceNanos =
                    TimeUnit.MILLISECONDS.toNanos(
                            (long) (Math.max(2, playlist.targetDuration()) * 3000));
            long first = playlist.mediaSequence();
            long last = first + playlist.segments().size() - 1;
            if (nextSequence < 0 || nextSequence < first || nextSequence > last + 1) {
                nextSequence = Math.max(first, last - LIVE_EDGE_SEGMENTS + 1);
            }
            for (; nextSequence <= last && aborted.getCount() > 0; nextSequence++) {
                copySegment(playlist.segments().get((int) (nextSequence - first)), feed);
            }
            if (playlist.ended()) {
                throw new IOException("upstream playlist ended (#EXT-X-ENDLIST)");
            }
            // Reload at half the target duration, as RFC 8216 suggests for live playlists.
            long waitMillis = (long) Math.max(500, playlist.targetDuration() * 500);
            aborted.await(waitMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void copySegment(URI segment, Feed feed) throws IOException {
        HttpURLConnection c = HttpPullSource.open(segment);
        connection = c;
        try (InputStream in = c.getInputStream()) {
            while (aborted.getCount() > 0 && feed.fill(in) >= 0) {
                // chunks go to the viewers as they arrive
            }
        } finally {
            c.disconnect();
        }
    }

    private String fetchText(URI uri) throws IOException {
        HttpURLConnection c = HttpPullSource.open(uri);
        connection = c;
        try (InputStream in = c.getInputStream()) {
            byte[] body = in.readNBytes(4 * 1024 * 1024);
            return new String(body, StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    /** For a master playlist: the first variant's URI; null for a media playlist. */
    static URI firstVariant(URI base, String text) {
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("#EXT-X-STREAM-INF")) {
                for (int j = i + 1; j < lines.length; j++) {
                    String l = lines[j].trim();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        return base.resolve(l);
                    }
                }
            }
        }
        return null;
    }

    static MediaPlaylist parse(URI base, String text) throws IOException {
        if (!text.startsWith("#EXTM3U")) {
            throw new IOException("upstream playlist is not an M3U8 playlist");
        }
        long sequence = 0;
        double target = 6;
        boolean ended = false;
        var segments = new ArrayList<URI>();
        for (String raw : text.split("\\R")) {
            String line = raw.trim();
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                sequence = Long.parseLong(line.substring(22).trim());
            } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                target = Double.parseDouble(line.substring(22).trim());
            } else if (line.startsWith("#EXT-X-ENDLIST")) {
                ended = true;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                segments.add(base.resolve(line));
            }
        }
        return new MediaPlaylist(sequence, target, segments, ended);
    }

    @Override
    public long maxSilenceNanos() {
        return maxSilenceNanos;
    }

    @Override
    public void abort() {
        aborted.countDown();
        HttpPullSource.disconnect(connection);
    }
}
