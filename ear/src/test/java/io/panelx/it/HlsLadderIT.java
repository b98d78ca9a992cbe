package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adaptive HLS ladder profile with real FFmpeg and real players: one FFmpeg writes three
 * aligned rungs, .m3u8 viewers get a master playlist, .ts viewers the top rung, and every byte of
 * playlists and segments is counted on the viewer's one session, as for any other viewer.
 */
@ExtendWith(ArquillianExtension.class)
class HlsLadderIT {

    @RegisterExtension static final SharedUpstream upstream = new SharedUpstream();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    static String sourceOf(long channel) {
        return object(get("/api/v1/channels/" + channel).body())
                .getJsonArray("sources")
                .getString(0);
    }

    static long ladderChannel() {
        return createChannel(
                "{\"name\":\""
                        + unique("ladder")
                        + "\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"HLS_LADDER\","
                        + "\"sources\":[\""
                        + upstream.url()
                        + "?ch="
                        + unique("ladder")
                        + "\"]}");
    }

    static final Map<String, Long> LINE_IDS = new java.util.concurrent.ConcurrentHashMap<>();

    static String newLine(int maxConnections) {
        String username = unique("ladder");
        LINE_IDS.put(
                username,
                createLine(
                        "{\"username\":\""
                                + username
                                + "\",\"password\":\"pw\",\"maxConnections\":"
                                + maxConnections
                                + "}"));
        return username;
    }

    /** A player's fetches: every body's length is added to {@link #received}. */
    static final class Fetcher {
        long received;

        HttpResponse<byte[]> fetch(String path) {
            try {
                var r =
                        HTTP.send(
                                HttpRequest.newBuilder(URI.create(BASE + path))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                received += r.body().length;
                return r;
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        String text(String path) {
            var r = fetch(path);
            assertEquals(200, r.statusCode(), path + ": " + new String(r.body()));
            return new String(r.body(), StandardCharsets.UTF_8);
        }
    }

    record Variant(String uri, int bandwidth, String resolution, String codecs) {}

    static final Pattern STREAM_INF =
            Pattern.compile(
                    "#EXT-X-STREAM-INF:BANDWIDTH=(\\d+),AVERAGE-BANDWIDTH=\\d+,RESOLUTION=(\\d+x\\d+),CODECS=\"([^\"]+)\"");

    static List<Variant> variants(String master) {
        var variants = new ArrayList<Variant>();
        String[] lines = master.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = STREAM_INF.matcher(lines[i]);
            if (m.matches()) {
                variants.add(
                        new Variant(
                                lines[i + 1],
                                Integer.parseInt(m.group(1)),
                                m.group(2),
                                m.group(3)));
            }
        }
        return variants;
    }

    /** Segment URI -> duration, in playlist order. */
    static Map<String, String> segments(String mediaPlaylist) {
        var segments = new LinkedHashMap<String, String>();
        String[] lines = mediaPlaylist.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("#EXTINF:")) {
                segments.put(lines[i + 1], lines[i].substring(8));
            }
        }
        return segments;
    }

    static long sequenceOf(String segmentUri) {
        return Long.parseLong(segmentUri.replaceAll("^v\\d_(\\d+)\\.ts$", "$1"));
    }

    @Test
    void m3u8ViewersGetAnAlignedLadderAndEveryByteIsCounted() throws Exception {
        long channel = ladderChannel();
        String user = newLine(1);
        var player = new Fetcher();
        var masterResponse = player.fetch("/live/" + user + "/pw/" + channel + ".m3u8");
        assertEquals(200, masterResponse.statusCode());
        assertEquals(
                "application/vnd.apple.mpegurl",
                masterResponse.headers().firstValue("Content-Type").orElse(""));
        String master = new String(masterResponse.body(), StandardCharsets.UTF_8);
        var variants = variants(master);
        assertEquals(
                List.of("1280x720", "854x480", "640x360"),
                variants.stream().map(Variant::resolution).toList(),
                master);
        assertTrue(
                variants.get(0).bandwidth() > variants.get(1).bandwidth()
                        && variants.get(1).bandwidth() > variants.get(2).bandwidth(),
                master);
        assertEquals("avc1.4d401f,mp4a.40.2", variants.get(0).codecs());

        var playlists = new ArrayList<Map<String, String>>();
        for (Variant v : variants) {
            assertTrue(v.uri().matches("/hls/[A-Za-z0-9_-]+/v[0-2]\\.m3u8"), v.uri());
            playlists.add(segments(player.text(v.uri())));
        }
        // Aligned rungs: segments with the same number last the same time on every rung.
        Set<Long> top = new TreeSet<>();
        playlists.get(0).keySet().forEach(s -> top.add(sequenceOf(s)));
        Set<Long> common = new TreeSet<>(top);
        for (var p : playlists) {
            common.retainAll(p.keySet().stream().map(HlsLadderIT::sequenceOf).toList());
        }
        assertFalse(common.isEmpty(), "rungs share segment numbers: " + playlists);
        for (long seq : common) {
            assertEquals(
                    playlists.get(0).get("v0_" + seq + ".ts"),
                    playlists.get(2).get("v2_" + seq + ".ts"),
                    "segment " + seq + " lasts the same on every rung");
        }

        // The newest segment of the top and bottom rungs: resolved next to their playlists,
        // decodable at their rung's size.
        String prefix = variants.get(0).uri().substring(0, variants.get(0).uri().lastIndexOf('/'));
        for (int rung : new int[] {0, 2}) {
            String newest =
                    List.copyOf(playlists.get(rung).keySet()).get(playlists.get(rung).size() - 1);
            var segment = player.fetch(prefix + "/" + newest);
            assertEquals(200, segment.statusCode(), newest);
            assertEquals("video/mp2t", segment.headers().firstValue("Content-Type").orElse(""));
            assertEquals(0x47, segment.body()[0], "MPEG-TS");
            Path file = Files.createTempFile("ladder", ".ts");
            try {
                Files.write(file, segment.body());
                assertEquals(
                        List.of(variants.get(rung).resolution()),
                        Players.videoSizes(file.toString()));
            } finally {
                Files.delete(file);
            }
        }

        // The player stops: its one session ends and the record holds every byte it received.
        long received = player.received;
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            var records =
                                    array(get("/api/v1/connections?line=" + lineId(user)).body());
                            return records.size() == 1
                                    && records.getJsonObject(0).containsKey("endedAt");
                        });
        JsonObject record =
                array(get("/api/v1/connections?line=" + lineId(user)).body()).getJsonObject(0);
        assertEquals("FFMPEG", record.getString("origin"));
        assertEquals("m3u8", record.getString("format"));
        assertEquals("CLIENT_CLOSED", record.getString("endReason"));
        assertEquals(received, record.getJsonNumber("bytesSent").longValue());
    }

    @Test
    void realPlayersDecodeEveryRungAndTsViewersGetTheTopRungFromTheSameProcess() throws Exception {
        long channel = ladderChannel();
        String source = sourceOf(channel);
        String user = newLine(4);
        try (var ts = StreamClient.open("/live/" + user + "/pw/" + channel + ".ts")) {
            assertEquals(200, ts.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> ts.bytes() > 100_000);
            var sizes = Players.videoSizes(BASE + "/live/" + user + "/pw/" + channel + ".m3u8");
            assertEquals(Set.of("1280x720", "854x480", "640x360"), Set.copyOf(sizes), "" + sizes);
            assertEquals(
                    List.of("1280x720"),
                    Players.videoSizes(BASE + "/live/" + user + "/pw/" + channel + ".ts"));
            // mpv, asked for the lowest rung, plays 50 frames (exit 0) or fails (exit 2).
            var mpv =
                    new ProcessBuilder(
                                    "mpv",
                                    "--no-config",
                                    "--really-quiet",
                                    "--vo=null",
                                    "--ao=null",
                                    "--hls-bitrate=min",
                                    "--frames=50",
                                    BASE + "/live/" + user + "/pw/" + channel + ".m3u8")
                            .redirectErrorStream(true)
                            .start();
            try {
                assertTrue(mpv.waitFor(60, TimeUnit.SECONDS), "mpv finished");
                assertEquals(0, mpv.exitValue(), new String(mpv.getInputStream().readAllBytes()));
            } finally {
                mpv.destroyForcibly();
            }
            assertEquals(1, Players.ffmpegProcesses(source).size(), "one FFmpeg for the ladder");
            assertFalse(ts.hasEnded());
        }
        // On demand like any channel: released when nobody watches, its files gone with it.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Players.ffmpegProcesses(source).isEmpty());
    }

    /** True when a discontinuity follows a segment: a restarted FFmpeg appended to the list. */
    static boolean appendedAfterRestart(String mediaPlaylist) {
        int firstSegment = mediaPlaylist.indexOf("#EXTINF:");
        return firstSegment >= 0 && mediaPlaylist.indexOf("#EXT-X-DISCONTINUITY", firstSegment) > 0;
    }

    static long newestSequence(String mediaPlaylist) {
        var names = List.copyOf(segments(mediaPlaylist).keySet());
        return sequenceOf(names.get(names.size() - 1));
    }

    @Test
    void aCrashedLadderFfmpegIsRestartedAndHlsViewersKeepTheirPlace() throws Exception {
        long channel = ladderChannel();
        String source = sourceOf(channel);
        String user = newLine(1);
        var player = new Fetcher();
        var variants = variants(player.text("/live/" + user + "/pw/" + channel + ".m3u8"));
        String rung = variants.get(1).uri();
        long before = newestSequence(player.text(rung));
        var first = Players.ffmpegProcesses(source);
        assertEquals(1, first.size());
        long crashed = first.get(0).pid();
        first.get(0).destroyForcibly(); // kill -9

        // The player keeps reloading its rung: the playlist is there all along (text() asserts
        // 200), and continues after a discontinuity with higher numbers from a new process.
        var appended = new java.util.concurrent.atomic.AtomicBoolean();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(400))
                .until(
                        () -> {
                            String playlist = player.text(rung);
                            appended.compareAndSet(false, appendedAfterRestart(playlist));
                            var now = Players.ffmpegProcesses(source);
                            return appended.get()
                                    && newestSequence(playlist) > before + 1
                                    && now.size() == 1
                                    && now.get(0).pid() != crashed;
                        });
        String playlist = player.text(rung);
        String prefix = rung.substring(0, rung.lastIndexOf('/'));
        var newest = player.fetch(prefix + "/v1_" + newestSequence(playlist) + ".ts");
        assertEquals(200, newest.statusCode());
        assertEquals(0x47, newest.body()[0]);
        // Still the one session it was before the crash.
        var records = array(get("/api/v1/connections?line=" + lineId(user)).body());
        assertEquals(1, records.size());
        assertFalse(records.getJsonObject(0).containsKey("endedAt"), records.toString());
    }

    @Test
    void ladderPathsAreCheckedAndAChannelWithoutLadderHasNone() throws Exception {
        long plain =
                createChannel(
                        "{\"name\":\""
                                + unique("plain")
                                + "\",\"deliveryMode\":\"DIRECT\",\"sources\":[\""
                                + upstream.url()
                                + "\"]}");
        String user = newLine(1);
        var player = new Fetcher();
        String playlist = player.text("/live/" + user + "/pw/" + plain + ".m3u8");
        String segment =
                playlist.lines().filter(l -> l.startsWith("/hls/")).findFirst().orElseThrow();
        String token = segment.split("/")[2];
        assertEquals(404, player.fetch("/hls/" + token + "/v0.m3u8").statusCode());
        for (String hostile :
                List.of(
                        "v3.m3u8",
                        "v0_abc.ts",
                        "v0.m3u8.bak",
                        "..%2F..%2Fstandalone.xml",
                        "v0_1.ts%00.m3u8",
                        "v0..m3u8")) {
            var r = player.fetch("/hls/" + token + "/" + hostile);
            assertEquals(400, r.statusCode(), hostile + ": " + new String(r.body()));
        }
        assertEquals(404, player.fetch("/hls/unknown-token/v0.m3u8").statusCode());
    }

    static long lineId(String username) {
        return LINE_IDS.get(username);
    }
}
