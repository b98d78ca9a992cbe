package io.panelx.delivery;

import java.time.Instant;

/**
 * Once a second per running channel: what its Source delivered. {@code ffmpegPid} is 0 for direct
 * proxies; {@code progress} the last FFmpeg progress line's fields (fps, speed, drop) or null.
 */
public record FeedSampled(
        long channelId,
        long bytesIn,
        long bitsPerSecondIn,
        int viewers,
        long ffmpegPid,
        int restarts,
        String lastError,
        FfmpegProgress progress,
        Instant at) {

    /** The figures FFmpeg reports with -progress. */
    public record FfmpegProgress(double fps, double speed, long droppedFrames, long bitrateKbps) {}
}
