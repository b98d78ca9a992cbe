package io.panelx.ffmpeg;

import io.panelx.delivery.FeedSampled.FfmpegProgress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads FFmpeg's stderr: {@code -progress pipe:2} key=value blocks (fps, bitrate, speed, dropped
 * frames) and, between them, warning and error lines, the last of which explains a failure.
 */
final class ProgressReader implements Runnable {

    private final InputStream stderr;
    private final FfmpegProcess process;

    ProgressReader(InputStream stderr, FfmpegProcess process) {
        this.stderr = stderr;
        this.process = process;
    }

    @Override
    public void run() {
        double fps = 0, speed = 0;
        long drop = 0, kbps = 0;
        try (var reader =
                new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int eq = line.indexOf('=');
                String key = eq > 0 ? line.substring(0, eq) : "";
                String value = eq > 0 ? line.substring(eq + 1).trim() : "";
                switch (key) {
                    case "fps" -> fps = number(value);
                    case "drop_frames" -> drop = (long) number(value);
                    case "bitrate" -> kbps = (long) number(value.replace("kbits/s", ""));
                    case "speed" -> speed = number(value.replace("x", ""));
                    case "progress" -> process.progress(new FfmpegProgress(fps, speed, drop, kbps));
                    case "frame",
                            "stream_0_0_q",
                            "total_size",
                            "out_time_us",
                            "out_time_ms",
                            "out_time",
                            "dup_frames" -> {}
                    default -> {
                        if (!line.isBlank() && !line.matches("[a-z0-9_]+=.*")) {
                            process.lastError(line.trim());
                        }
                    }
                }
            }
        } catch (IOException e) {
            // stderr closes when the process ends: nothing more to read
        }
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
