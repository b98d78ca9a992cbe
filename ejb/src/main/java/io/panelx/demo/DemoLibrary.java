package io.panelx.demo;

import io.panelx.config.Settings;
import io.panelx.vod.LibraryScans;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A first run shows movies and series at once: with an empty library, FFmpeg makes a demo movie and
 * a demo series of two short episodes (its test pattern and a tone, no network) into {@code
 * panelx.vod-root}, with Kodi .nfo files and posters, and a library scan brings them in. It runs on
 * the managed executor after deployment, so startup does not wait for FFmpeg. Turned off with
 * panelx.demo=false.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DemoLibrary {

    private static final Logger LOG = Logger.getLogger(DemoLibrary.class.getName());

    /** The demo's folder under the VOD root; it exists once the demo was made. */
    static final String FOLDER = "PanelX Demo";

    static final String MOVIE = "PanelX Demo Movie";
    static final String SHOW = "PanelX Demo Show";

    private static final int FFMPEG_TIMEOUT_SECONDS = 120;

    @PersistenceContext EntityManager em;
    @Inject LibraryScans scans;
    @Resource ManagedExecutorService executor;

    @PostConstruct
    void seed() {
        if (!Settings.demoEnabled()) {
            return;
        }
        Path root = Settings.vodRoot();
        long items =
                em.createQuery("select count(m) from Movie m", Long.class).getSingleResult()
                        + em.createQuery("select count(s) from Series s", Long.class)
                                .getSingleResult();
        // Made once: an admin who deleted the demo items does not get them back at restart.
        if (items > 0 || Files.exists(root.resolve(FOLDER))) {
            return;
        }
        try {
            executor.execute(() -> make(root));
        } catch (RejectedExecutionException e) {
            LOG.warning("No thread for the demo movie and series; they are made at the next start");
        }
    }

    private void make(Path root) {
        Path work = root.resolve(".panelx-demo-" + ProcessHandle.current().pid());
        try {
            deleteTree(work);
            write(work);
            // A hidden folder is skipped by scans; the move makes the whole demo appear at once.
            Files.move(work, root.resolve(FOLDER), StandardCopyOption.ATOMIC_MOVE);
            scans.start();
            LOG.info(
                    () ->
                            "Demo movie and series made in "
                                    + root.resolve(FOLDER)
                                    + ": get_vod_streams and get_series list them for demo/demo"
                                    + " (disable with PANELX_DEMO=false)");
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "The demo movie and series could not be made: {0}",
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                deleteTree(work);
            } catch (IOException e) {
                // a leftover hidden folder is harmless: scans skip it
            }
        }
    }

    private static void write(Path work) throws IOException, InterruptedException {
        Path movie = work.resolve("Movies").resolve(MOVIE);
        Files.createDirectories(movie);
        video(movie.resolve(MOVIE + ".mp4"), 12, "testsrc2", 440);
        poster(movie.resolve("poster.jpg"), "testsrc");
        text(
                movie.resolve(MOVIE + ".nfo"),
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <movie>
                  <title>PanelX Demo Movie</title>
                  <plot>FFmpeg's test pattern and a tone, made by PanelX at its first start.</plot>
                  <genre>Demo</genre>
                  <director>FFmpeg</director>
                  <premiered>2026-01-01</premiered>
                  <rating>7</rating>
                </movie>
                """);

        Path show = work.resolve("Shows").resolve(SHOW);
        Path season = show.resolve("Season 01");
        Files.createDirectories(season);
        poster(show.resolve("folder.jpg"), "smptebars");
        text(
                show.resolve("tvshow.nfo"),
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <tvshow>
                  <title>PanelX Demo Show</title>
                  <plot>Two short episodes made by FFmpeg at PanelX's first start.</plot>
                  <genre>Demo</genre>
                  <premiered>2026-01-01</premiered>
                  <rating>8</rating>
                </tvshow>
                """);
        String[][] episodes = {{"1", "Bars", "smptebars", "660"}, {"2", "Tones", "testsrc", "880"}};
        for (String[] e : episodes) {
            String name = SHOW + " S01E0" + e[0];
            video(season.resolve(name + ".mp4"), 6, e[2], Integer.parseInt(e[3]));
            text(
                    season.resolve(name + ".nfo"),
                    "<episodedetails><title>"
                            + e[1]
                            + "</title><season>1</season><episode>"
                            + e[0]
                            + "</episode><plot>Episode "
                            + e[0]
                            + " of the demo show.</plot><aired>2026-01-0"
                            + e[0]
                            + "</aired></episodedetails>\n");
        }
    }

    /** An H.264/AAC MP4 of a lavfi pattern and a sine tone, playable from its first byte. */
    private static void video(Path out, int seconds, String pattern, int hertz)
            throws IOException, InterruptedException {
        ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        pattern + "=size=640x360:rate=25",
                        "-f",
                        "lavfi",
                        "-i",
                        "sine=frequency=" + hertz,
                        "-t",
                        Integer.toString(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "veryfast",
                        "-g",
                        "50",
                        "-pix_fmt",
                        "yuv420p",
                        "-c:a",
                        "aac",
                        "-b:a",
                        "96k",
                        "-movflags",
                        "+faststart",
                        "-y",
                        out.toString()));
    }

    private static void poster(Path out, String pattern) throws IOException, InterruptedException {
        ffmpeg(
                List.of(
                        "-f",
                        "lavfi",
                        "-i",
                        pattern + "=size=300x450:rate=1",
                        "-frames:v",
                        "1",
                        "-y",
                        out.toString()));
    }

    /** Runs FFmpeg with an argument list (never a shell), its output discarded, time bounded. */
    private static void ffmpeg(List<String> args) throws IOException, InterruptedException {
        var command =
                new ArrayList<>(
                        List.of(
                                Settings.ffmpegBinary(),
                                "-nostdin",
                                "-hide_banner",
                                "-loglevel",
                                "error"));
        command.addAll(args);
        Process p =
                new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            if (!p.waitFor(FFMPEG_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("ffmpeg took longer than " + FFMPEG_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("ffmpeg exited with " + p.exitValue());
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static void text(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
