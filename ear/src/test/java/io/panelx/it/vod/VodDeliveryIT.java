package io.panelx.it.vod;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import io.panelx.it.Players;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Movies and episodes to real players through the same tracking as live: HTTP Range and HEAD
 * semantics, ffprobe and mpv (with a seek), a player's range requests as one connection whose
 * record counts exactly the bytes served, max connections, the VOD bouquet and named bouquets, a
 * kill by the admin.
 */
@ExtendWith(ArquillianExtension.class)
class VodDeliveryIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    static final class Fixture {
        final Path movieFile;
        final long movie;
        final long big;
        final long show;
        final long episode;
        final long hiddenShow;
        final long hiddenEpisode;

        Fixture() throws Exception {
            movieFile = Library.put(Library.clip("mp4"), "Delivery/movie.mp4");
            Library.put(Library.clip("mkv"), "Delivery/show/ep.mkv");
            // Larger than any socket buffer: a player that stops reading holds its connection open.
            byte[] noise = new byte[48 * 1024 * 1024];
            new Random(7).nextBytes(noise);
            Path bigFile = Library.ROOT.resolve("Delivery/big.ts");
            Files.write(bigFile, noise);
            movie =
                    VodXtreamIT.id(
                            post(
                                    "/api/v1/vod/movies",
                                    "{\"title\":\"D Movie\",\"source\":\"Delivery/movie.mp4\"}"));
            big =
                    VodXtreamIT.id(
                            post(
                                    "/api/v1/vod/movies",
                                    "{\"title\":\"D Big\",\"source\":\"" + bigFile + "\"}"));
            show = VodXtreamIT.id(post("/api/v1/vod/series", "{\"title\":\"D Show\"}"));
            episode = VodXtreamIT.episode(show, 1, 1, "Delivery/show/ep.mkv");
            hiddenShow = VodXtreamIT.id(post("/api/v1/vod/series", "{\"title\":\"D Hidden\"}"));
            hiddenEpisode = VodXtreamIT.episode(hiddenShow, 1, 1, "Delivery/show/ep.mkv");
        }
    }

    private static Fixture fixture;

    static synchronized Fixture fixture() throws Exception {
        if (fixture == null) fixture = new Fixture();
        return fixture;
    }

    record Line(long id, String username) {
        String movie(long id, String ext) {
            return BASE + "/movie/" + username + "/pw/" + id + "." + ext;
        }

        String episode(long id, String ext) {
            return BASE + "/series/" + username + "/pw/" + id + "." + ext;
        }
    }

    static Line line(int maxConnections, String vodBouquet) {
        String user = unique("vodplay");
        long id =
                createLine(
                        "{\"username\":\""
                                + user
                                + "\",\"password\":\"pw\",\"maxConnections\":"
                                + maxConnections
                                + "}");
        if (vodBouquet != null) {
            var r = put("/api/v1/vod/bouquets/" + id, vodBouquet);
            assertEquals(200, r.statusCode(), r.body());
        }
        return new Line(id, user);
    }

    /** A request as players make it: HTTP/1.1, so the file goes by sendfile. */
    static HttpResponse<byte[]> fetch(String url, String method, String range) throws Exception {
        return fetch(url, method, range, HttpClient.Version.HTTP_1_1);
    }

    static HttpResponse<byte[]> fetch(
            String url, String method, String range, HttpClient.Version version) throws Exception {
        var b =
                HttpRequest.newBuilder(URI.create(url))
                        .version(version)
                        .timeout(Duration.ofSeconds(30))
                        .header("User-Agent", "PanelX-VOD-IT")
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (range != null) b.header("Range", range);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static boolean ended(JsonObject record) {
        return record.containsKey("endedAt") && !record.isNull("endedAt");
    }

    static JsonArray records(long lineId) {
        return array(get("/api/v1/connections?line=" + lineId).body());
    }

    @Test
    void headAndRangeFollowHttp() throws Exception {
        var f = fixture();
        Line line = line(2, null);
        byte[] file = Files.readAllBytes(f.movieFile);
        long size = file.length;

        var head = fetch(line.movie(f.movie, "mp4"), "HEAD", null);
        assertEquals(200, head.statusCode());
        assertEquals("bytes", head.headers().firstValue("Accept-Ranges").orElse(null));
        assertEquals(Long.toString(size), head.headers().firstValue("Content-Length").orElse(null));
        assertEquals("video/mp4", head.headers().firstValue("Content-Type").orElse(null));
        assertEquals(0, head.body().length);
        var headRange = fetch(line.movie(f.movie, "mp4"), "HEAD", "bytes=10-19");
        assertEquals(206, headRange.statusCode());
        assertEquals(
                "bytes 10-19/" + size,
                headRange.headers().firstValue("Content-Range").orElse(null));
        assertEquals(0, records(line.id()).size(), "HEAD opens no connection");

        var part = fetch(line.movie(f.movie, "mp4"), "GET", "bytes=0-99");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 0-99/" + size, part.headers().firstValue("Content-Range").orElse(null));
        assertEquals("100", part.headers().firstValue("Content-Length").orElse(null));
        assertArrayEquals(Arrays.copyOfRange(file, 0, 100), part.body());
        var tail = fetch(line.movie(f.movie, "mp4"), "GET", "bytes=-50");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, file.length - 50, file.length), tail.body());

        for (String bad :
                List.of("bytes=" + size + "-", "bytes=99999999-", "bytes=50-10", "bytes=abc")) {
            var r = fetch(line.movie(f.movie, "mp4"), "GET", bad);
            assertEquals(416, r.statusCode(), bad);
            assertEquals(
                    "bytes */" + size, r.headers().firstValue("Content-Range").orElse(null), bad);
        }
        var whole = fetch(line.movie(f.movie, "mp4"), "GET", null);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(file, whole.body());
        // Over HTTP/2 (h2c upgrade) the file is read into a buffer instead: the same bytes.
        var h2 = fetch(line.movie(f.movie, "mp4"), "GET", "bytes=1000-", HttpClient.Version.HTTP_2);
        assertEquals(HttpClient.Version.HTTP_2, h2.version());
        assertEquals(206, h2.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, 1000, file.length), h2.body());
        assertEquals(1, records(line.id()).size(), "every GET of this player: one connection");
    }

    @Test
    void aPlayersSeeksAreOneConnectionWhoseRecordCountsTheBytes() throws Exception {
        var f = fixture();
        Line line = line(1, null);
        long size = Files.size(f.movieFile);
        var first = fetch(line.movie(f.movie, "mp4"), "GET", "bytes=0-999");
        var seek = fetch(line.movie(f.movie, "mp4"), "GET", "bytes=1000-");
        assertEquals(206, first.statusCode());
        assertEquals(206, seek.statusCode());
        String connection = first.headers().firstValue("X-PanelX-Connection").orElseThrow();
        assertEquals(connection, seek.headers().firstValue("X-PanelX-Connection").orElseThrow());
        JsonArray records = records(line.id());
        assertEquals(1, records.size(), records.toString());
        // The session ends when the player stops asking (panelx.hls-session-seconds, 6 s in the
        // ITs).
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ended(records(line.id()).getJsonObject(0)));
        JsonObject r = records(line.id()).getJsonObject(0);
        assertEquals(size, r.getJsonNumber("bytesSent").longValue(), "the bytes of both ranges");
        assertEquals("FILE", r.getString("origin"));
        assertEquals("movie", r.getString("format"));
        assertEquals(f.movie, r.getJsonNumber("channelId").longValue());
        assertEquals("D Movie", r.getString("channelName"));
        assertEquals("CLIENT_CLOSED", r.getString("endReason"));

        // Totals key items by kind: a movie is not summed with a channel of the same id.
        JsonObject totals = object(get("/api/v1/connections/totals?line=" + line.id()).body());
        assertEquals(1, totals.getJsonArray("perChannel").size(), totals.toString());
        JsonObject watched = totals.getJsonArray("perChannel").getJsonObject(0);
        assertEquals("movie", watched.getString("kind"));
        assertEquals(f.movie, watched.getJsonNumber("id").longValue());
        assertEquals("D Movie", watched.getString("name"));
        assertEquals(size, watched.getJsonNumber("bytesSent").longValue());
        assertEquals("line", totals.getJsonArray("perLine").getJsonObject(0).getString("kind"));

        // The history filters by kind too: channel=ID is live viewing only.
        String byLine = "/api/v1/connections?line=" + line.id();
        assertEquals(1, array(get(byLine + "&movie=" + f.movie).body()).size());
        assertEquals(0, array(get(byLine + "&channel=" + f.movie).body()).size());
        assertEquals(0, array(get(byLine + "&episode=" + f.movie).body()).size());
        assertEquals(400, get(byLine + "&channel=1&movie=" + f.movie).statusCode());
    }

    @Test
    void realPlayersPlayAndSeek() throws Exception {
        var f = fixture();
        Line line = line(3, null);
        assertEquals(List.of("h264", "aac"), Players.ffprobeCodecs(line.movie(f.movie, "mp4")));
        assertEquals(List.of("h264", "aac"), Players.ffprobeCodecs(line.episode(f.episode, "mkv")));
        var mpv =
                new ProcessBuilder(
                                "mpv",
                                "--no-config",
                                "--really-quiet",
                                "--vo=null",
                                "--ao=null",
                                "--start=2",
                                "--frames=25",
                                line.movie(f.movie, "mp4"))
                        .redirectErrorStream(true)
                        .start();
        try {
            assertTrue(mpv.waitFor(60, TimeUnit.SECONDS), "mpv finished");
            assertEquals(0, mpv.exitValue(), new String(mpv.getInputStream().readAllBytes()));
        } finally {
            mpv.destroyForcibly();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> records(line.id()).size() >= 2);
        for (JsonObject r : records(line.id()).getValuesAs(JsonObject.class)) {
            assertEquals("FILE", r.getString("origin"), r.toString());
        }
    }

    @Test
    void bouquetMaxConnectionsAndMalformedUrls() throws Exception {
        var f = fixture();
        Line some = line(1, "{\"movies\":[" + f.movie + "],\"series\":[" + f.show + "]}");
        assertEquals(403, fetch(some.episode(f.hiddenEpisode, "mkv"), "GET", null).statusCode());
        assertEquals(403, fetch(some.movie(f.big, "ts"), "GET", "bytes=0-9").statusCode());
        assertEquals(404, fetch(some.movie(999_999_999, "mp4"), "GET", null).statusCode());
        assertEquals(
                401,
                fetch(
                                BASE + "/movie/" + some.username() + "/wrong/" + f.movie + ".mp4",
                                "GET",
                                null)
                        .statusCode());
        for (String bad :
                List.of(
                        "/movie/a/b/../../etc/passwd",
                        "/movie/a/b/1.mp4/x",
                        "/series/a/b/x.mkv",
                        "/movie/a/1.mp4")) {
            var r = fetch(BASE + bad, "GET", null);
            assertTrue(
                    r.statusCode() == 400 || r.statusCode() == 404, bad + " -> " + r.statusCode());
        }
        // A movie counts as a connection: the episode (another player) closes the movie's (max 1).
        var movie = fetch(some.movie(f.movie, "mp4"), "GET", "bytes=0-9");
        assertEquals(206, movie.statusCode());
        String movieConnection = movie.headers().firstValue("X-PanelX-Connection").orElseThrow();
        var ep = fetch(some.episode(f.episode, "mkv"), "GET", "bytes=0-9");
        assertEquals(206, ep.statusCode());
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            var r = get("/api/v1/connections/" + movieConnection);
                            return r.statusCode() == 200
                                    && "KICKED_MAX_CONNECTIONS"
                                            .equals(object(r.body()).getString("endReason", null));
                        });
        var epRecord =
                object(
                        get("/api/v1/connections/"
                                        + ep.headers()
                                                .firstValue("X-PanelX-Connection")
                                                .orElseThrow())
                                .body());
        assertEquals("episode", epRecord.getString("format"));
        assertEquals(f.episode, epRecord.getJsonNumber("channelId").longValue());
        assertEquals("D Show S01E01", epRecord.getString("channelName"));
    }

    @Test
    void aNamedBouquetGrantsItsSeriesAndMovies() throws Exception {
        var f = fixture();
        Line line = line(2, "{\"movies\":[],\"series\":[]}");
        assertEquals(403, fetch(line.episode(f.hiddenEpisode, "mkv"), "GET", null).statusCode());
        assertEquals(403, fetch(line.movie(f.movie, "mp4"), "GET", "bytes=0-9").statusCode());
        assertEquals("[]", VodXtreamIT.api(line.username(), "&action=get_series").body().trim());

        long bouquet =
                VodXtreamIT.id(
                        post(
                                "/api/v1/bouquets",
                                "{\"name\":\""
                                        + unique("VOD bouquet")
                                        + "\",\"movies\":["
                                        + f.movie
                                        + "],\"series\":["
                                        + f.hiddenShow
                                        + "]}"));
        JsonObject shown = object(get("/api/v1/bouquets/" + bouquet).body());
        assertEquals(f.hiddenShow, shown.getJsonArray("series").getJsonNumber(0).longValue());
        assertEquals(f.movie, shown.getJsonArray("movies").getJsonNumber(0).longValue());
        var held = put("/api/v1/lines/" + line.id(), "{\"bouquets\":[" + bouquet + "]}");
        assertEquals(200, held.statusCode(), held.body());
        assertEquals(
                bouquet, object(held.body()).getJsonArray("bouquets").getJsonNumber(0).longValue());

        var episode = fetch(line.episode(f.hiddenEpisode, "mkv"), "GET", null);
        assertEquals(200, episode.statusCode());
        assertArrayEquals(
                Files.readAllBytes(Library.ROOT.resolve("Delivery/show/ep.mkv")), episode.body());
        assertEquals(206, fetch(line.movie(f.movie, "mp4"), "GET", "bytes=0-9").statusCode());
        assertEquals(403, fetch(line.episode(f.episode, "mkv"), "GET", null).statusCode());
        JsonArray series = array(VodXtreamIT.api(line.username(), "&action=get_series").body());
        assertEquals(1, series.size(), series.toString());
        assertEquals(f.hiddenShow, series.getJsonObject(0).getJsonNumber("series_id").longValue());

        // Out of the bouquet, out of the line's reach at once; a deleted bouquet grants nothing.
        assertEquals(200, put("/api/v1/bouquets/" + bouquet, "{\"series\":[]}").statusCode());
        assertEquals(403, fetch(line.episode(f.hiddenEpisode, "mkv"), "GET", null).statusCode());
        assertEquals(204, delete("/api/v1/bouquets/" + bouquet).statusCode());
        assertEquals(403, fetch(line.movie(f.movie, "mp4"), "GET", "bytes=0-9").statusCode());
        assertEquals(404, get("/api/v1/bouquets/" + bouquet).statusCode());
    }

    @Test
    void aKillFromTheAdminApiEndsAMovie() throws Exception {
        var f = fixture();
        Line line = line(1, null);
        HttpResponse<InputStream> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(line.movie(f.big, "ts")))
                                .version(HttpClient.Version.HTTP_1_1)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        InputStream in = r.body();
        assertEquals(200, r.statusCode());
        String connection = r.headers().firstValue("X-PanelX-Connection").orElseThrow();
        long read = in.readNBytes(64 * 1024).length; // then stop reading: the server waits
        var snapshot = get("/api/v1/live/snapshot").body();
        assertTrue(snapshot.contains(connection), "the dashboard shows the movie viewer");
        assertTrue(snapshot.contains("D Big"), "and what it watches");
        assertEquals(204, delete("/api/v1/live/connections/" + connection).statusCode());
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            var rec = object(get("/api/v1/connections/" + connection).body());
                            return "KILLED_BY_ADMIN".equals(rec.getString("endReason", null));
                        });
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read += n;
            }
        } catch (java.io.IOException e) {
            // the abort surfaces as a reset or a premature end: the response was cut short
        }
        var rec = object(get("/api/v1/connections/" + connection).body());
        long sent = rec.getJsonNumber("bytesSent").longValue();
        assertTrue(read < 48L * 1024 * 1024, "the response was cut short: " + read);
        // Counted once the socket accepted it. A connection dropped by a kill can differ from what
        // the player read by what sat in the kernel's buffers then (512 KiB send buffer, the last
        // transfer): never by more.
        assertTrue(Math.abs(sent - read) <= 1024 * 1024, "sent " + sent + ", read " + read);
        assertEquals("FILE", rec.getString("origin"));
    }

    /** A file server with Range support on a free loopback port: a relayed movie's origin. */
    static com.sun.net.httpserver.HttpServer origin(byte[] file, AtomicReference<String> lastRange)
            throws java.io.IOException {
        var server =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String range = exchange.getRequestHeaders().getFirst("Range");
                    lastRange.set(range);
                    int start = 0;
                    int end = file.length - 1;
                    int status = 200;
                    if (range != null && range.startsWith("bytes=")) {
                        String[] p = range.substring(6).split("-", -1);
                        start = Integer.parseInt(p[0]);
                        if (!p[1].isEmpty()) end = Math.min(end, Integer.parseInt(p[1]));
                        status = 206;
                        exchange.getResponseHeaders()
                                .set(
                                        "Content-Range",
                                        "bytes " + start + "-" + end + "/" + file.length);
                    }
                    exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
                    boolean head = exchange.getRequestMethod().equals("HEAD");
                    exchange.sendResponseHeaders(status, head ? -1 : end - start + 1);
                    if (!head) {
                        try (var out = exchange.getResponseBody()) {
                            out.write(file, start, end - start + 1);
                        }
                    }
                    exchange.close();
                });
        server.start();
        return server;
    }

    @Test
    void anHttpSourceIsRelayedWithRange() throws Exception {
        var f = fixture();
        byte[] file = Files.readAllBytes(f.movieFile);
        var lastRange = new AtomicReference<String>();
        var server = origin(file, lastRange);
        try {
            String source = "http://127.0.0.1:" + server.getAddress().getPort() + "/film.mp4";
            long relayed =
                    VodXtreamIT.id(
                            post(
                                    "/api/v1/vod/movies",
                                    "{\"title\":\"D Relayed\",\"source\":\"" + source + "\"}"));
            Line line = line(2, null);
            var part = fetch(line.movie(relayed, "mp4"), "GET", "bytes=100-199");
            assertEquals(206, part.statusCode());
            assertEquals("bytes=100-199", lastRange.get(), "the player's range went upstream");
            assertEquals(
                    "bytes 100-199/" + file.length,
                    part.headers().firstValue("Content-Range").orElse(null));
            assertArrayEquals(Arrays.copyOfRange(file, 100, 200), part.body());
            var whole = fetch(line.movie(relayed, "mp4"), "GET", null);
            assertEquals(200, whole.statusCode());
            assertArrayEquals(file, whole.body());
            assertEquals(List.of("h264", "aac"), Players.ffprobeCodecs(line.movie(relayed, "mp4")));
            JsonObject r =
                    records(line.id()).getValuesAs(JsonObject.class).stream()
                            .filter(x -> x.getString("userAgent", "").equals("PanelX-VOD-IT"))
                            .findFirst()
                            .orElseThrow();
            assertEquals("PROXY", r.getString("origin"));
            assertEquals("movie", r.getString("format"));
            await().atMost(Duration.ofSeconds(30)).until(() -> ended(record(r)));
            assertEquals(100 + file.length, record(r).getJsonNumber("bytesSent").longValue());
        } finally {
            server.stop(0);
        }
    }

    static JsonObject record(JsonObject listed) {
        return object(get("/api/v1/connections/" + listed.getString("id")).body());
    }
}
