package io.panelx.vod;

import io.panelx.config.Settings;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What ffprobe says about a video file: duration, codecs, picture size, bitrate. ffprobe runs with
 * an argument list (never a shell), its output goes to a temporary file (so a chatty probe cannot
 * block on a full pipe) and it is killed after {@link #TIMEOUT_SECONDS}.
 */
public record Probe(
        Integer durationSeconds,
        String videoCodec,
        String audioCodec,
        Integer width,
        Integer height,
        Long bitrate) {

    private static final Logger LOG = Logger.getLogger(Probe.class.getName());

    static final int TIMEOUT_SECONDS = 20;

    /** Probes a file; null when ffprobe cannot read it (not a video, ffprobe missing, timeout). */
    public static Probe of(Path file) {
        try {
            return read(file, ConcurrentHashMap.newKeySet());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ffprobe could not run on {0}: {1}", new Object[] {file, e});
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Probes a file: null when ffprobe ran but read nothing (not a video, a timeout, or the process
     * was ended from outside). While it runs, the process is in {@code running}, so that whoever
     * cancels the work can end it without interrupting this thread.
     *
     * @throws IOException when ffprobe could not be started at all (missing, not executable)
     */
    static Probe read(Path file, Set<Process> running) throws IOException, InterruptedException {
        Path out = Files.createTempFile("panelx-probe", ".json");
        Process p = null;
        try {
            p =
                    new ProcessBuilder(
                                    List.of(
                                            Settings.ffprobeBinary(),
                                            "-v",
                                            "error",
                                            "-print_format",
                                            "json",
                                            "-show_entries",
                                            "format=duration,bit_rate:stream=codec_type,codec_name,width,height",
                                            file.toAbsolutePath().toString()))
                            .redirectErrorStream(false)
                            .redirectOutput(out.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                            .start();
            running.add(p);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                LOG.warning(() -> "ffprobe took longer than " + TIMEOUT_SECONDS + " s: " + file);
                return null;
            }
            if (p.exitValue() != 0) {
                return null;
            }
            return parse(Files.readString(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        } finally {
            if (p != null) running.remove(p);
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(
                System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Reads ffprobe's JSON ({@code -print_format json}); null when it is not what ffprobe prints.
     */
    static Probe parse(String json) {
        JsonObject root;
        try (var reader = Json.createReader(new StringReader(json))) {
            root = reader.readObject();
        } catch (RuntimeException e) {
            return null;
        }
        Integer duration = null;
        Long bitrate = null;
        JsonObject format = root.getJsonObject("format");
        if (format != null) {
            Double d = number(format.get("duration"));
            duration = d == null ? null : (int) Math.round(d);
            Double b = number(format.get("bit_rate"));
            bitrate = b == null ? null : b.longValue();
        }
        String video = null;
        String audio = null;
        Integer width = null;
        Integer height = null;
        var streams = root.getJsonArray("streams");
        if (streams != null) {
            for (JsonValue v : streams) {
                if (!(v instanceof JsonObject s)) continue;
                String type = s.getString("codec_type", "");
                if (type.equals("video") && video == null) {
                    video = s.getString("codec_name", null);
                    Double w = number(s.get("width"));
                    Double h = number(s.get("height"));
                    width = w == null ? null : w.intValue();
                    height = h == null ? null : h.intValue();
                } else if (type.equals("audio") && audio == null) {
                    audio = s.getString("codec_name", null);
                }
            }
        }
        if (video == null && audio == null) {
            return null;
        }
        return new Probe(duration, video, audio, width, height, bitrate);
    }

    private static Double number(JsonValue v) {
        try {
            if (v instanceof JsonNumber n) return n.doubleValue();
            if (v instanceof JsonString s) return Double.parseDouble(s.getString());
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
