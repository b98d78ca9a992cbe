package io.panelx.ffmpeg;

import io.panelx.channel.FfmpegProfile;
import io.panelx.config.Settings;
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
     * Arguments (without the binary) that read {@code source} and write MPEG-TS to stdout; with the
     * ladder profile also the HLS ladder, into the process's working folder.
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
                                    "rtmp://"
                                            + Settings.rtmpIngestAddress()
                                            + ":"
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
        if (profile.isLadder()) {
            // A test pattern's audio is the second input.
            args.addAll(ladderOutput(encodedInput ? "0:a:0?" : "1:a:0", instanceMarker));
            return args;
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

    /**
     * The ladder: the video is decoded once, scaled (letterboxed) to every rung and encoded with
     * keyframes forced every {@link HlsLadder#SEGMENT_SECONDS} on all rungs, so their segments line
     * up; the audio is encoded once. The tee muxer writes rung 0 as MPEG-TS to stdout (the Feed)
     * and every rung as HLS (relative names, so no folder path needs escaping).
     */
    private static List<String> ladderOutput(String audio, String instanceMarker) {
        var rungs = HlsLadder.RUNGS;
        var filter = new StringBuilder("[0:v:0]split=").append(rungs.size());
        for (int i = 0; i < rungs.size(); i++) {
            filter.append("[s").append(i).append(']');
        }
        for (int i = 0; i < rungs.size(); i++) {
            String size = rungs.get(i).width() + ":" + rungs.get(i).height();
            filter.append(";[s")
                    .append(i)
                    .append("]scale=")
                    .append(size)
                    .append(":force_original_aspect_ratio=decrease,pad=")
                    .append(size)
                    .append(":(ow-iw)/2:(oh-ih)/2,setsar=1[v")
                    .append(i)
                    .append(']');
        }
        var args = new ArrayList<String>(List.of("-filter_complex", filter.toString()));
        for (int i = 0; i < rungs.size(); i++) {
            args.addAll(List.of("-map", "[v" + i + "]"));
        }
        args.addAll(List.of("-map", audio));
        args.addAll(FfmpegProfile.h264Live());
        args.addAll(
                List.of(
                        "-force_key_frames",
                        "expr:gte(t,n_forced*" + HlsLadder.SEGMENT_SECONDS + ")",
                        "-sc_threshold",
                        "0"));
        var slaves =
                new StringBuilder(
                        "[select=\\'v:0,a\\':f=mpegts:mpegts_flags=+resend_headers]pipe:1");
        for (int i = 0; i < rungs.size(); i++) {
            String rate = rungs.get(i).videoKbps() + "k";
            args.addAll(
                    List.of(
                            "-b:v:" + i,
                            rate,
                            "-maxrate:v:" + i,
                            rate,
                            "-bufsize:v:" + i,
                            rate,
                            "-level:v:" + i,
                            rungs.get(i).level()));
            // append_list: a restarted FFmpeg continues the rung playlists (and their numbers)
            // after a discontinuity, so players keep their place; the hub empties the folder
            // when the channel starts afresh.
            slaves.append("|[select=\\'v:")
                    .append(i)
                    .append(",a\\':f=hls:hls_time=")
                    .append(HlsLadder.SEGMENT_SECONDS)
                    .append(":hls_list_size=6:hls_delete_threshold=2")
                    .append(":hls_flags=delete_segments+independent_segments+temp_file")
                    .append("+append_list+discont_start:hls_segment_filename=v")
                    .append(i)
                    .append("_%d.ts]v")
                    .append(i)
                    .append(".m3u8");
        }
        args.addAll(
                List.of(
                        "-c:a",
                        "aac",
                        "-b:a",
                        HlsLadder.AUDIO_KBPS + "k",
                        "-ar",
                        "48000",
                        "-ac",
                        "2",
                        "-metadata",
                        "service_provider=PanelX",
                        "-metadata",
                        "panelx_instance=" + instanceMarker,
                        "-f",
                        "tee",
                        slaves.toString()));
        return args;
    }
}
