package io.panelx.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real players and process lookups for the tests. */
public final class Players {

    private Players() {}

    /** Runs ffprobe on a URL and returns the codec names it found (empty when it could not). */
    public static List<String> ffprobeCodecs(String url) throws IOException, InterruptedException {
        var p =
                new ProcessBuilder(
                                "ffprobe",
                                "-v",
                                "error",
                                "-rw_timeout",
                                "15000000",
                                "-show_entries",
                                "stream=codec_name",
                                "-of",
                                "csv=p=0",
                                url)
                        .redirectErrorStream(false)
                        .start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return List.of();
        }
        var codecs = new ArrayList<String>();
        for (String line :
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        .split("\\R")) {
            if (!line.isBlank()) codecs.add(line.trim());
        }
        return codecs;
    }

    /**
     * FFmpeg processes started by the WildFly under test (its descendants), not by other servers
     * that may run on the same machine.
     */
    public static List<ProcessHandle> serverFfmpegProcesses() {
        String home = System.getProperty("jboss.home");
        return ProcessHandle.allProcesses()
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
                .flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().command().orElse("").contains("ffmpeg"))
                .toList();
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
