package io.panelx.it.vod;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The VOD library folder of the server under test (PANELX_VOD_ROOT, set by ear/pom.xml) and real
 * media files made by FFmpeg: a 5-second test pattern with a tone, encoded once per container and
 * copied wherever a test needs a movie or an episode.
 */
public final class Library {

    public static final Path ROOT =
            Path.of(System.getProperty("panelx.it.vod-root", "target/vod-it"));

    private static Path mp4;
    private static Path mkv;
    private static Path jpg;

    private Library() {}

    /** A 5-second H.264/AAC clip in the container of {@code ext} (mp4 or mkv). */
    public static synchronized Path clip(String ext) throws Exception {
        if (ext.equals("mp4")) {
            if (mp4 == null) mp4 = encode("mp4");
            return mp4;
        }
        if (mkv == null) mkv = encode("mkv");
        return mkv;
    }

    static synchronized Path poster() throws Exception {
        if (jpg == null) {
            Path out = Files.createTempFile("panelx-it-poster", ".jpg");
            ffmpeg(
                    List.of(
                            "-f",
                            "lavfi",
                            "-i",
                            "testsrc=size=200x300:rate=1",
                            "-frames:v",
                            "1",
                            "-y",
                            out.toString()));
            jpg = out;
        }
        return jpg;
    }

    private static Path encode(String ext) throws Exception {
        Path out = Files.createTempFile("panelx-it-clip", "." + ext);
        var args =
                new ArrayList<>(
                        List.of(
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc=size=320x240:rate=25",
                                "-f",
                                "lavfi",
                                "-i",
                                "sine=frequency=1000",
                                "-t",
                                "5",
                                "-c:v",
                                "libx264",
                                "-preset",
                                "ultrafast",
                                "-g",
                                "25",
                                "-pix_fmt",
                                "yuv420p",
                                "-c:a",
                                "aac"));
        if (ext.equals("mp4")) {
            args.addAll(List.of("-movflags", "+faststart"));
        }
        args.addAll(List.of("-y", out.toString()));
        ffmpeg(args);
        return out;
    }

    private static void ffmpeg(List<String> args) throws Exception {
        var cmd =
                new ArrayList<>(
                        List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ffmpeg did not finish");
        assertEquals(0, p.exitValue(), "ffmpeg failed: " + out);
    }

    /** Copies {@code source} to {@code relative} under the library root. */
    public static Path put(Path source, String relative) throws IOException {
        Path target = ROOT.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * Removes a folder of the library with everything in it (a test's leftovers of an earlier run).
     */
    public static void clear(String relative) throws IOException {
        Path dir = ROOT.resolve(relative);
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static Path write(String relative, String text) throws IOException {
        Path target = ROOT.resolve(relative);
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
        return target;
    }

    /**
     * Runs a library scan through the admin API and returns its status once both phases are done:
     * the library stored and the probe phase over (its ffprobe findings stored).
     */
    public static synchronized JsonObject scan() {
        JsonObject ready = scanLibrary();
        return awaitProbes(ready.getString("startedAt"));
    }

    /**
     * Waits until no scan runs and no probe phase either, from the scan that started at {@code
     * startedAt} or a later one (a later scan takes up what an earlier probe phase left).
     */
    public static JsonObject awaitProbes(String startedAt) {
        java.time.Instant ours = java.time.Instant.parse(startedAt);
        JsonObject[] done = new JsonObject[1];
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            JsonObject status = status();
                            done[0] = status;
                            return !java.time.Instant.parse(status.getString("startedAt"))
                                            .isBefore(ours)
                                    && !status.getBoolean("running")
                                    && !status.getBoolean("probing");
                        });
        assertFalse(done[0].containsKey("probeError"), done[0].toString());
        assertTrue(done[0].containsKey("probesFinishedAt"), done[0].toString());
        return done[0];
    }

    /**
     * Runs a library scan and returns its status as soon as the library is stored (the probe phase
     * may still run): one that started after this call (a scan already running may not see the
     * files a test just wrote).
     */
    public static synchronized JsonObject scanLibrary() {
        java.time.Instant asked = java.time.Instant.now().minusMillis(1);
        JsonObject[] done = new JsonObject[1];
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            JsonObject status = status();
                            boolean ours =
                                    status != null
                                            && !java.time.Instant.parse(
                                                            status.getString("startedAt"))
                                                    .isBefore(asked);
                            if (status == null || (!status.getBoolean("running") && !ours)) {
                                var r = post("/api/v1/vod/scan", "");
                                assertEquals(202, r.statusCode(), r.body());
                                return false;
                            }
                            if (status.getBoolean("running")) return false;
                            done[0] = status;
                            return true;
                        });
        assertFalse(done[0].containsKey("error"), done[0].toString());
        assertTrue(done[0].containsKey("libraryReadyAt"), done[0].toString());
        return done[0];
    }

    public static JsonObject status() {
        var s = get("/api/v1/vod/scan");
        return s.statusCode() == 200 ? object(s.body()) : null;
    }
}
