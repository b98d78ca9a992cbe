package io.panelx.channel;

import java.util.List;

/**
 * What FFmpeg does to a source. The arguments are the output part of the command line; the ladder
 * has none here, its command is built rung by rung (see HlsLadder).
 */
public enum FfmpegProfile {
    COPY(List.of("-c", "copy")),
    H264_1080P(x264("1920x1080", "5000k", "128k")),
    H264_720P(x264("1280x720", "3000k", "128k")),
    H264_480P(x264("854x480", "1200k", "96k")),
    /**
     * Adaptive HLS: 720p, 480p and 360p from one FFmpeg; .m3u8 viewers get a master playlist of the
     * three, .ts viewers the 720p rung.
     */
    HLS_LADDER(List.of());

    private final List<String> outputArguments;

    FfmpegProfile(List<String> outputArguments) {
        this.outputArguments = outputArguments;
    }

    public List<String> outputArguments() {
        return outputArguments;
    }

    public boolean isLadder() {
        return this == HLS_LADDER;
    }

    /** libx264, H.264 Main, tuned for live: how every transcoding profile encodes video. */
    public static List<String> h264Live() {
        return List.of(
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-tune",
                "zerolatency",
                "-profile:v",
                "main",
                "-pix_fmt",
                "yuv420p");
    }

    private static List<String> x264(String size, String videoRate, String audioRate) {
        var args = new java.util.ArrayList<>(h264Live());
        args.addAll(
                List.of(
                        "-s",
                        size,
                        "-b:v",
                        videoRate,
                        "-maxrate",
                        videoRate,
                        "-bufsize",
                        videoRate,
                        "-g",
                        "50",
                        "-keyint_min",
                        "50",
                        "-sc_threshold",
                        "0",
                        "-c:a",
                        "aac",
                        "-b:a",
                        audioRate,
                        "-ar",
                        "48000",
                        "-ac",
                        "2"));
        return List.copyOf(args);
    }
}
