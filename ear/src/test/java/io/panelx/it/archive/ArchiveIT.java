package io.panelx.it.archive;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import io.panelx.it.Players;
import io.panelx.it.StreamClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Catch-up on a real channel: a test pattern archived for an hour records segments; XC's timeshift
 * URLs (MPEG-TS and HLS) decode in ffprobe from the keyframe nearest the requested time, counted in
 * the ledger as "timeshift"; the Xtream API announces the archive; a scheduled recording of a past
 * window downloads as a file, and one of a window to come becomes a movie that plays at /movie/;
 * pruning by quota removes the oldest segments, and a quota too small stops recording with a clear
 * state while a live viewer keeps receiving.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveIT {

    static final DateTimeFormatter XC_START =
            DateTimeFormatter.ofPattern("uuuu-MM-dd:HH-mm").withZone(ZoneOffset.UTC);

    static String user;
    static long lineId;
    static long channel;
    static String epgId;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @BeforeAll
    static void archivedChannel() {
        user = unique("ts");
        lineId =
                createLine(
                        "{\"username\":\"" + user + "\",\"password\":\"pw\",\"maxConnections\":3}");
        epgId = unique("arch") + ".epg";
        channel =
                createChannel(
                        "{\"name\":\""
                                + unique("archived")
                                + "\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"COPY\","
                                + "\"epgId\":\""
                                + epgId
                                + "\",\"archiveHours\":1,\"sources\":[\"lavfi:testsrc\"]}");
        // Three 6-8 s segments (keyframes every 2 s): about 20 s of recording.
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            JsonObject a = archive();
                            return "RECORDING".equals(a.getString("state"))
                                    && a.getInt("segments") >= 3;
                        });
    }

    static JsonObject archive() {
        return object(get("/api/v1/archive/" + channel).body());
    }

    static Instant instant(JsonObject o, String field) {
        return Instant.parse(o.getString(field));
    }

    static HttpResponse<String> player(String pathAndQuery) {
        return PanelX.send(
                HttpRequest.newBuilder(URI.create(BASE + pathAndQuery))
                        .timeout(Duration.ofSeconds(20))
                        .header("User-Agent", "PanelX-IT")
                        .GET());
    }

    @Test
    @Order(1)
    void theChannelSettingAndTheXtreamApiAnnounceTheArchive() {
        assertEquals(1, object(get("/api/v1/channels/" + channel).body()).getInt("archiveHours"));
        var streams =
                array(
                        player(
                                        "/player_api.php?username="
                                                + user
                                                + "&password=pw&action=get_live_streams")
                                .body());
        JsonObject entry =
                streams.stream()
                        .map(v -> v.asJsonObject())
                        .filter(o -> o.getJsonNumber("stream_id").longValue() == channel)
                        .findFirst()
                        .orElseThrow();
        assertEquals(1, entry.getInt("tv_archive"), "an int, as XC sends it");
        assertEquals(1, entry.getInt("tv_archive_duration"), "days: one hour counts as one");
        // get.php m3u_plus: XC catch-up for TiviMate/Kodi (catchup="xc") and XC_VM's timeshift.
        String m3u =
                player("/get.php?username=" + user + "&password=pw&type=m3u_plus&output=ts").body();
        String extinf =
                m3u.lines()
                        .takeWhile(l -> !l.endsWith("/" + channel + ".ts"))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        assertTrue(extinf.contains(" catchup=\"xc\" catchup-days=\"1\" timeshift=\"1\""), extinf);
        var bad =
                post(
                        "/api/v1/channels",
                        "{\"name\":\"x\",\"sources\":[\"http://h/x.ts\"],\"archiveHours\":-1}");
        assertEquals(400, bad.statusCode(), bad.body());
    }

    @Test
    @Order(2)
    void aTimeshiftUrlOfThePastDecodesFromTheKeyframeNearTheRequestedTime() throws Exception {
        JsonObject a = archive();
        Instant oldest = instant(a, "oldest");
        // timeshift.php with Unix seconds: 7 s into the archive, inside its second segment.
        Instant wanted = Instant.ofEpochSecond(oldest.plusSeconds(7).getEpochSecond());
        String php =
                "/streaming/timeshift.php?username="
                        + user
                        + "&password=pw&stream="
                        + channel
                        + "&start="
                        + wanted.getEpochSecond()
                        + "&duration=1";
        var head = head(php);
        assertEquals(200, head.statusCode());
        Instant startsAt =
                Instant.parse(head.headers().firstValue("X-PanelX-Archive-Start").orElseThrow());
        assertTrue(
                // keyframes every 2 s, timed by when their chunk arrived (a little jitter)
                !startsAt.isAfter(wanted) && Duration.between(startsAt, wanted).toMillis() <= 2200,
                "starts at a keyframe within 2 s of " + wanted + ": " + startsAt);
        List<String> codecs = Players.ffprobeCodecs(BASE + php);
        assertTrue(codecs.containsAll(List.of("h264", "aac")), "decodable: " + codecs);

        // The path form, the minute the archive began in, for one minute.
        String path =
                "/timeshift/" + user + "/pw/1/" + XC_START.format(oldest) + "/" + channel + ".ts";
        double seconds = duration(BASE + path);
        Instant minuteEnd =
                oldest.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
        Instant newest = instant(a, "newest");
        double archived =
                Duration.between(oldest, newest.isBefore(minuteEnd) ? newest : minuteEnd).toMillis()
                        / 1000.0;
        assertTrue(
                seconds > 3 && seconds >= archived - 3,
                "the archived part of that minute plays: " + seconds + " s of " + archived);
        assertTrue(seconds < 75, "one minute, from the keyframe before: " + seconds + " s");
    }

    @Test
    @Order(3)
    void theHlsFormPlaysAndHistoryShowsTimeshiftViewing() throws Exception {
        Instant oldest = instant(archive(), "oldest");
        String m3u8 =
                "/timeshift/" + user + "/pw/1/" + XC_START.format(oldest) + "/" + channel + ".m3u8";
        var playlist = player(m3u8);
        assertEquals(200, playlist.statusCode(), playlist.body());
        assertTrue(playlist.body().startsWith("#EXTM3U"), playlist.body());
        assertTrue(playlist.body().contains("/timeshift-hls/"), "absolute segment paths");
        List<String> codecs = Players.ffprobeCodecs(BASE + m3u8);
        assertTrue(codecs.containsAll(List.of("h264", "aac")), "decodable: " + codecs);
        assertTrue(mpvPlays(BASE + m3u8), "mpv plays the HLS form");

        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            var list = array(get("/api/v1/connections?line=" + lineId).body());
                            return list.stream()
                                            .map(v -> v.asJsonObject())
                                            .filter(c -> "timeshift".equals(c.getString("format")))
                                            .filter(
                                                    c ->
                                                            c.getJsonNumber("bytesSent").longValue()
                                                                    > 100_000)
                                            .count()
                                    >= 2;
                        });
    }

    @Test
    @Order(4)
    void malformedAndMissingArchiveRequestsGetAShortAnswer() {
        var malformed = player("/timeshift/" + user + "/pw/60/yesterday/" + channel + ".ts");
        assertEquals(400, malformed.statusCode());
        var wrong = player("/timeshift/" + user + "/nope/60/2020-01-01:00-00/" + channel + ".ts");
        assertEquals(401, wrong.statusCode());
        assertFalse(wrong.body().contains("nope"));
        var none = player("/timeshift/" + user + "/pw/60/2020-01-01:00-00/" + channel + ".ts");
        assertEquals(404, none.statusCode());
        assertEquals("nothing in the archive for this time\n", none.body());
    }

    @Test
    @Order(5)
    void ended_programmesInsideTheArchiveAreMarkedForCatchUp() {
        Instant oldest = instant(archive(), "oldest");
        Instant now = Instant.now();
        DateTimeFormatter xmltv =
                DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);
        String doc =
                "<?xml version=\"1.0\"?><tv><channel id=\""
                        + epgId
                        + "\"><display-name>A</display-name></channel>"
                        + programme(
                                xmltv,
                                epgId,
                                oldest.minusSeconds(7200),
                                oldest.minusSeconds(3600),
                                "Before")
                        + programme(
                                xmltv,
                                epgId,
                                oldest.plusSeconds(2),
                                now.minusSeconds(2),
                                "Recorded")
                        + programme(
                                xmltv, epgId, now.minusSeconds(2), now.plusSeconds(3600), "Airing")
                        + "</tv>";
        var r =
                send(
                        admin("/api/v1/epg/import")
                                .header("Content-Type", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofString(doc)));
        assertEquals(200, r.statusCode(), r.body());
        var listings =
                object(
                                player(
                                                "/player_api.php?username="
                                                        + user
                                                        + "&password=pw&action=get_simple_data_table&stream_id="
                                                        + channel)
                                        .body())
                        .getJsonArray("epg_listings");
        var marks = new ArrayList<String>();
        for (var v : listings) {
            JsonObject p = v.asJsonObject();
            String title =
                    new String(
                            java.util.Base64.getDecoder().decode(p.getString("title")),
                            StandardCharsets.UTF_8);
            marks.add(title + "=" + p.getInt("has_archive"));
        }
        assertEquals(List.of("Before=0", "Recorded=1", "Airing=0"), marks);
    }

    @Test
    @Order(6)
    void aScheduledRecordingOfAPastWindowIsADownloadableFile() throws Exception {
        Instant oldest = instant(archive(), "oldest");
        var created =
                post(
                        "/api/v1/recordings",
                        "{\"channelId\":"
                                + channel
                                + ",\"startsAt\":\""
                                + oldest.plusSeconds(1)
                                + "\",\"endsAt\":\""
                                + oldest.plusSeconds(10)
                                + "\",\"title\":\"IT recording\"}");
        assertEquals(201, created.statusCode(), created.body());
        long id = object(created.body()).getJsonNumber("id").longValue();
        completed(id, Duration.ofSeconds(20));
        var listed = array(get("/api/v1/recordings").body());
        assertTrue(
                listed.stream()
                        .anyMatch(v -> v.asJsonObject().getJsonNumber("id").longValue() == id));
        var file =
                HTTP.send(
                        admin("/api/v1/recordings/" + id + "/file")
                                .header("Accept", "video/mp2t")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        assertTrue(
                file.headers()
                        .firstValue("Content-Disposition")
                        .orElse("")
                        .contains("IT recording.ts"));
        Path ts = Files.createTempFile("recording", ".ts");
        try {
            Files.write(ts, file.body());
            assertTrue(file.body().length > 100_000, file.body().length + " bytes");
            assertTrue(Players.ffprobeCodecs(ts.toString()).contains("h264"));
        } finally {
            Files.deleteIfExists(ts);
        }
        assertEquals(204, delete("/api/v1/recordings/" + id).statusCode());
        assertEquals(404, get("/api/v1/recordings/" + id).statusCode());
    }

    @Test
    @Order(6)
    void aScheduledRecordingBecomesAMovieThatPlaysAndGoesWithIt() throws Exception {
        String title = unique("Recorded show");
        Instant start = Instant.now().plusSeconds(3);
        var created =
                post(
                        "/api/v1/recordings",
                        "{\"channelId\":"
                                + channel
                                + ",\"startsAt\":\""
                                + start
                                + "\",\"endsAt\":\""
                                + start.plusSeconds(12)
                                + "\",\"title\":\""
                                + title
                                + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        long id = object(created.body()).getJsonNumber("id").longValue();
        // The window ends, its last segment closes (6-10 s later), then the copy.
        long movie = completed(id, Duration.ofSeconds(90)).getJsonNumber("movieId").longValue();
        String vod = "/player_api.php?username=" + user + "&password=pw&action=get_vod_streams";
        await().atMost(Duration.ofSeconds(20)).until(() -> vodEntry(vod, movie) != null);
        JsonObject entry = vodEntry(vod, movie);
        assertEquals(title, entry.getString("name"));
        assertEquals("ts", entry.getString("container_extension"));
        String url = BASE + "/movie/" + user + "/pw/" + movie + ".ts";
        assertTrue(Players.ffprobeCodecs(url).containsAll(List.of("h264", "aac")), url);
        assertTrue(duration(url) >= 10, "the 12 s window plays: " + duration(url) + " s");

        assertEquals(204, delete("/api/v1/recordings/" + id).statusCode());
        await().atMost(Duration.ofSeconds(20)).until(() -> vodEntry(vod, movie) == null);
        assertEquals(404, player("/movie/" + user + "/pw/" + movie + ".ts").statusCode());
    }

    /** The recording once it is COMPLETED. */
    static JsonObject completed(long recording, Duration within) {
        await().atMost(within)
                .until(
                        () ->
                                "COMPLETED"
                                        .equals(
                                                object(
                                                                get("/api/v1/recordings/"
                                                                                + recording)
                                                                        .body())
                                                        .getString("status")));
        return object(get("/api/v1/recordings/" + recording).body());
    }

    static JsonObject vodEntry(String getVodStreams, long movie) {
        return array(player(getVodStreams).body()).stream()
                .map(v -> v.asJsonObject())
                .filter(o -> o.getJsonNumber("stream_id").longValue() == movie)
                .findFirst()
                .orElse(null);
    }

    @Test
    @Order(7)
    void aSourceRestartIsAGapThatPlaybackSkips() throws Exception {
        assertEquals(0, archive().getJsonArray("gaps").size(), archive().toString());
        Instant before = Instant.now();
        var restart = post("/api/v1/live/channels/" + channel + "/restart", "");
        assertTrue(restart.statusCode() < 300, restart.body());
        await().atMost(Duration.ofSeconds(40))
                .until(
                        () -> {
                            JsonObject a = archive();
                            return a.getJsonArray("gaps").size() >= 1
                                    && instant(a, "newest").isAfter(before.plusSeconds(8));
                        });
        JsonObject gap = archive().getJsonArray("gaps").getJsonObject(0);
        Instant from = instant(gap, "from").minusSeconds(10);
        // Ten seconds before the gap to ten after it: both sides decode, the gap is not served.
        String php =
                "/streaming/timeshift.php?username="
                        + user
                        + "&password=pw&stream="
                        + channel
                        + "&start="
                        + from.getEpochSecond()
                        + "&duration=1";
        assertTrue(Players.ffprobeCodecs(BASE + php).containsAll(List.of("h264", "aac")));
        String m3u8 = player(php + "&extension=m3u8").body();
        assertTrue(m3u8.contains("#EXT-X-DISCONTINUITY"), m3u8);
    }

    @Test
    @Order(8)
    void theQuotaPrunesTheOldestAndATooSmallOneStopsRecordingNotLiveViewers() throws Exception {
        JsonObject before = archive();
        int segments = before.getInt("segments");
        Instant oldest = instant(before, "oldest");
        long total = object(get("/api/v1/archive").body()).getJsonNumber("bytes").longValue();
        try (var live = StreamClient.open("/live/" + user + "/pw/" + channel + ".ts")) {
            assertEquals(200, live.status());
            // Room for all but about one segment: the oldest goes, recording goes on.
            double gb = (total - total / segments) / 1073741824.0;
            assertEquals(200, put("/api/v1/archive", "{\"maxGb\":" + gb + "}").statusCode());
            JsonObject pruned = archive();
            assertTrue(instant(pruned, "oldest").isAfter(oldest), "the oldest segment went first");
            assertEquals("RECORDING", pruned.getString("state"));

            // Smaller than one segment: recording stops at the next cut, with the reason.
            assertEquals(200, put("/api/v1/archive", "{\"maxGb\":0.000001}").statusCode());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "FAILED".equals(archive().getString("state")));
            assertTrue(archive().getString("failure").contains("quota"), archive().toString());
            String metrics = get("/metrics").body();
            assertTrue(
                    metrics.contains(
                            "panelx_archive_recorder{channel=\""
                                    + channel
                                    + "\",state=\"FAILED\"} 1"),
                    metrics);
            long received = live.bytes();
            await().atMost(Duration.ofSeconds(15)).until(() -> live.bytes() > received + 200_000);
            assertFalse(live.hasEnded(), "the live viewer is untouched");
        } finally {
            put("/api/v1/archive", "{}");
        }
    }

    // --- helpers

    static HttpResponse<Void> head(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(BASE + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("User-Agent", "PanelX-IT")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    static String programme(
            DateTimeFormatter f, String channel, Instant start, Instant stop, String title) {
        return "<programme start=\""
                + f.format(start)
                + " +0000\" stop=\""
                + f.format(stop)
                + " +0000\" channel=\""
                + channel
                + "\"><title>"
                + title
                + "</title></programme>";
    }

    /** ffprobe's format duration of a URL, in seconds (0 when it could not tell). */
    static double duration(String url) throws Exception {
        var p =
                new ProcessBuilder(
                                "ffprobe",
                                "-v",
                                "error",
                                "-show_entries",
                                "format=duration",
                                "-of",
                                "csv=p=0",
                                url)
                        .start();
        assertTrue(p.waitFor(40, TimeUnit.SECONDS), "ffprobe finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return out.isEmpty() || out.equals("N/A") ? 0 : Double.parseDouble(out.split("\\R")[0]);
    }

    static boolean mpvPlays(String url) throws Exception {
        var p =
                new ProcessBuilder(
                                "mpv", "--no-config", "--vo=null", "--ao=null", "--length=3", url)
                        .redirectErrorStream(true)
                        .start();
        boolean done = p.waitFor(40, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        return done && p.exitValue() == 0 && !out.contains("Failed to open");
    }
}
