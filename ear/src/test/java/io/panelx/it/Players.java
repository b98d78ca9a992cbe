package io.panelx.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real players and process lookups for the tests. */
public final class Players {

    private Players() {}

    /**
     * An ffmpeg command that encodes FFmpeg's test pattern with a tone at real time (H.264 + AAC, a
     * keyframe a second), followed by {@code output}: the tests' live sources and publishers.
     */
    public static List<String> testPattern(String... output) {
        var cmd =
                new ArrayList<>(
                        List.of(
                                "ffmpeg",
                                "-nostdin",
                                "-hide_banner",
                                "-loglevel",
                                "warning",
                                "-re",
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc=size=640x360:rate=25",
                                "-f",
                                "lavfi",
                                "-i",
                                "sine=frequency=1000",
                                "-c:v",
                                "libx264",
                                "-preset",
                                "ultrafast",
                                "-g",
                                "25",
                                "-c:a",
                                "aac"));
        cmd.addAll(List.of(output));
        return cmd;
    }

    /** Runs ffprobe on a URL and returns the codec names it found (empty when it could not). */
    public static List<String> ffprobeCodecs(String url) throws IOException, InterruptedException {
        return ffprobe(url, "-show_entries", "stream=codec_name", "-of", "csv=p=0");
    }

    /**
     * The distinct "WIDTHxHEIGHT" of the video streams ffprobe finds at a URL or in a file (it
     * lists a stream once per program it belongs to, and once more).
     */
    public static List<String> videoSizes(String input) throws IOException, InterruptedException {
        return ffprobe(
                        input,
                        "-select_streams",
                        "v",
                        "-show_entries",
                        "stream=width,height",
                        "-of",
                        "csv=p=0:s=x")
                .stream()
                .distinct()
                .toList();
    }

    /** ffprobe's output lines for {@code input} with {@code options}; empty when it could not. */
    private static List<String> ffprobe(String input, String... options)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("ffprobe", "-v", "error", "-rw_timeout", "15000000"));
        command.addAll(List.of(options));
        command.add(input);
        var p = new ProcessBuilder(command).start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return List.of();
        }
        var lines = new ArrayList<String>();
        for (String line :
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .split("\\R")) {
            if (!line.isBlank()) lines.add(line.trim());
        }
        return lines;
    }

    /**
     * FFmpeg processes started by the WildFly under test (its descendants), not by other servers
     * that may run on the same machine.
     */
    public static List<ProcessHandle> serverFfmpegProcesses() {
        return server().stream()
                .flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().orElse("").contains("ffmpeg"))
                .toList();
    }

    /** The WildFly under test: the live JVM started with this test run's jboss.home. */
    public static java.util.Optional<ProcessHandle> server() {
        String home = System.getProperty("jboss.home");
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(
                        p ->
                                p.info()
                                        .arguments()
                                        .map(
                                                a ->
                                                        java.util.Arrays.stream(a)
                                                                .anyMatch(
                                                                        x ->
                                                                                x.startsWith(
                                                                                                "-Djboss.home.dir=")
                                                                                        && x
                                                                                                .contains(
                                                                                                        home)))
                                        .orElse(false))
                .findFirst();
    }

    /** FFmpeg processes whose command line contains {@code needle}. */
    public static List<ProcessHandle> ffmpegProcesses(String needle) {
        return ProcessHandle.allProcesses()
                .filter(
                        p ->
                                p.info().command().orElse("").contains("ffmpeg")
                                        && p.info()
                                                .arguments()
                                                .map(a -> String.join(" ", a).contains(needle))
                                                .orElse(false))
                .toList();
    }
}
