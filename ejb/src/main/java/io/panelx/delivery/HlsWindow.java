package io.panelx.delivery;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * PanelX's own HLS for a channel: cuts the Feed's MPEG-TS into segments at keyframes (about every
 * {@value #TARGET_SECONDS} s) and keeps the last few. Attached to a Feed only while it has HLS
 * viewers; it allocates per segment, never per chunk.
 */
public final class HlsWindow implements Feed.ChunkListener {

    static final int TARGET_SECONDS = 2;
    static final int KEEP = 6;

    public record Segment(long sequence, byte[] data, int length, double seconds) {}

    private final ArrayDeque<Segment> segments = new ArrayDeque<>();
    private long nextSequence;
    private byte[] buffer = new byte[1 << 20];
    private int length;
    private long startedNanos;
    private boolean open;

    @Override
    public void onChunk(byte[] data, int chunkLength, int randomAccessOffset) {
        long now = System.nanoTime();
        int from = 0;
        if (!open) {
            // Start at a keyframe so that every segment is decodable on its own; streams
            // without keyframe flags are cut on time alone.
            if (randomAccessOffset < 0 && seenChunks++ < 50) {
                return;
            }
            from = Math.max(0, randomAccessOffset);
            open = true;
            startedNanos = now;
        } else if (now - startedNanos >= TimeUnit.SECONDS.toNanos(TARGET_SECONDS)
                && (randomAccessOffset >= 0
                        || now - startedNanos >= TimeUnit.SECONDS.toNanos(3L * TARGET_SECONDS))) {
            int cut = Math.max(0, randomAccessOffset);
            append(data, 0, cut); // the end of the previous picture group
            close(now);
            startedNanos = now;
            from = cut;
        }
        append(data, from, chunkLength - from);
    }

    private void append(byte[] data, int from, int n) {
        if (length + n > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + n));
        }
        System.arraycopy(data, from, buffer, length, n);
        length += n;
    }

    private int seenChunks;

    private void close(long now) {
        var segment =
                new Segment(
                        nextSequence++,
                        java.util.Arrays.copyOf(buffer, length),
                        length,
                        (now - startedNanos) / 1e9);
        synchronized (this) {
            segments.addLast(segment);
            while (segments.size() > KEEP) {
                segments.removeFirst();
            }
            notifyAll();
        }
        length = 0;
    }

    /** Waits (bounded) until at least one segment exists; false on timeout. */
    synchronized boolean awaitSegment(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (segments.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** A live media playlist whose segment URIs are absolute paths under {@code prefix}. */
    synchronized String playlist(String prefix) {
        var sb = new StringBuilder(512);
        double max = TARGET_SECONDS;
        for (Segment s : segments) {
            max = Math.max(max, s.seconds());
        }
        sb.append("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:")
                .append((long) Math.ceil(max))
                .append("\n#EXT-X-MEDIA-SEQUENCE:")
                .append(segments.isEmpty() ? 0 : segments.peekFirst().sequence())
                .append('\n');
        for (Segment s : segments) {
            sb.append("#EXTINF:")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", s.seconds()))
                    .append(",\n")
                    .append(prefix)
                    .append(s.sequence())
                    .append(".ts\n");
        }
        return sb.toString();
    }

    synchronized Segment segment(long sequence) {
        for (Segment s : segments) {
            if (s.sequence() == sequence) {
                return s;
            }
        }
        return null;
    }
}
