package io.panelx.channel;

import java.util.List;

/** What FFmpeg does to a source. The arguments are the output part of the command line. */
public enum FfmpegProfile {
    COPY(List.of("-c", "copy")),
    H264_1080P(x264("1920x1080", "5000k", "128k")),
    H264_720P(x264("1280x720", "3000k", "128k")),
    H264_480P(x264("854x480", "1200k", "96k"));

    private final List<String> outputArguments;

    FfmpegProfile(List<String> outputArguments) {
        this.outputArguments = outputArguments;
    }

    public List<String> outputArguments() {
        return outputArguments;
    }

    private static List<String> x264(String size, String videoRate, String audioRate) {
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
                "yuv420p",
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
                "2");
    }
}
