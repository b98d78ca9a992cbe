package io.panelx.ffmpeg;

import io.panelx.channel.FfmpegProfile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds FFmpeg argument lists (never a shell line). The source URL is always one argument after
 * {@code -i}, already checked by SourceUrl; input options depend on its scheme.
 */
final class FfmpegCommand {

    private FfmpegCommand() {}

    /**
     * Arguments (without the binary) that read {@code source} and write MPEG-TS to stdout.
     *
     * @param instanceMarker tags the process as this server's, so a later start can find and end
     *     the processes a killed server left behind
     */
    static List<String> toMpegTs(
            String source, FfmpegProfile profile, String instanceMarker, int ingestPort) {
        var args = new ArrayList<String>();
        args.addAll(List.of("-hide_banner", "-nostdin", "-loglevel", "warning"));
        args.addAll(List.of("-progress", "pipe:2", "-stats_period", "1", "-nostats"));
        String scheme = URI.create(source).getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("lavfi")) {
            // Live inputs: probe half a second instead of FFmpeg's default five, so that a
            // cold channel's first byte comes quickly.
            args.addAll(
                    List.of(
                            "-fflags",
                            "+genpts+discardcorrupt",
                            "-probesize",
                            "500000",
                            "-analyzeduration",
                            "500000"));
        }
        boolean encodedInput = true;
        switch (scheme) {
            case "http", "https" ->
                    args.addAll(
                            List.of(
                                    "-reconnect",
                                    "1",
                                    "-reconnect_streamed",
                                    "1",
                                    "-reconnect_delay_max",
                                    "2",
                                    "-rw_timeout",
                                    "10000000",
                                    "-i",
                                    source));
            case "rtsp", "rtsps" ->
                    args.addAll(
                            List.of(
                                    "-rtsp_transport",
                                    "tcp",
                                    "-timeout",
                                    "10000000",
                                    "-i",
                                    source));
            case "rtmp", "rtmps" -> args.addAll(List.of("-rw_timeout", "10000000", "-i", source));
            case "udp", "rtp", "srt" -> args.addAll(List.of("-timeout", "10000000", "-i", source));
            case "file" ->
                    args.addAll(
                            List.of(
                                    "-re",
                                    "-stream_loop",
                                    "-1",
                                    "-i",
                                    Path.of(URI.create(source)).toString()));
            case "push" ->
                    args.addAll(
                            List.of(
                                    "-listen",
                                    "1",
                                    "-timeout",
                                    "-1",
                                    "-i",
                                    "rtmp://0.0.0.0:"
                                            + ingestPort
                                            + "/live/"
                                            + source.substring(5)));
            case "lavfi" -> {
                // Raw test pattern: it must be encoded whatever the profile.
                encodedInput = false;
                String pattern = source.substring(6);
                args.addAll(
                        List.of(
                                "-re",
                                "-f",
                                "lavfi",
                                "-i",
                                pattern + "=size=1280x720:rate=25",
                                "-f",
                                "lavfi",
                                "-i",
                                "sine=frequency=1000:sample_rate=48000"));
            }
            default -> throw new IllegalArgumentException("unsupported source scheme " + scheme);
        }
        if (!encodedInput && profile == FfmpegProfile.COPY) {
            args.addAll(
                    List.of(
                            "-c:v",
                            "libx264",
                            "-preset",
                            "ultrafast",
                            "-tune",
                            "zerolatency",
                            "-pix_fmt",
                            "yuv420p",
                            "-g",
                            "50",
                            "-b:v",
                            "1500k",
                            "-c:a",
                            "aac",
                            "-b:a",
                            "96k"));
        } else {
            args.addAll(profile.outputArguments());
        }
        args.addAll(
                List.of(
                        "-metadata",
                        "service_provider=PanelX",
                        "-metadata",
                        "panelx_instance=" + instanceMarker,
                        "-f",
                        "mpegts",
                        "-mpegts_flags",
                        "+resend_headers",
                        "pipe:1"));
        return args;
    }
}
