package io.panelx.it.vod;

import static io.panelx.it.PanelX.*;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library scan with real files made by FFmpeg: movies with a Kodi .nfo and a poster, a series
 * from its folders ({@code Show/Season 01/Show S01E02.mkv}, {@code 2x01}) with tvshow.nfo;
 * ffprobe's findings, and the .nfo's streamdetails instead of them; the probe phase after the
 * library is ready (held by a gated ffprobe: listed and playable meanwhile, a new scan not kept
 * waiting); ids stable across rescans; vanished files removed; the admin API and the playlist
 * import.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VodLibraryIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    static final String FILM = "Scan/Movies/A Film (2020)/A Film (2020).mp4";
    static final String OTHER = "Scan/Movies/Other.Movie.1999.mkv";
    static final String SHOW = "Scan/Shows/Demo Show";

    /** Bytes ffprobe cannot read, with an .nfo that says what the file is. */
    static final String NFO_ONLY = "Scan/Movies/Nfo Only (2021)/Nfo Only (2021).mkv";

    /** Bytes ffprobe cannot read, no .nfo. */
    static final String BROKEN = "Scan/Movies/Broken.mp4";

    static final String STREAMDETAILS =
            """
            <fileinfo>
              <streamdetails>
                <video><codec>hevc</codec><aspect>1.78</aspect><width>1920</width>
                  <height>1080</height><durationinseconds>5400</durationinseconds></video>
                <audio><codec>ac3</codec><language>eng</language><channels>6</channels></audio>
                <subtitle><language>eng</language></subtitle>
              </streamdetails>
            </fileinfo>
            """;

    private static JsonObject firstScan;

    private static synchronized JsonObject library() throws Exception {
        if (firstScan == null) {
            Library.clear("Scan");
            Library.put(Library.clip("mp4"), FILM);
            Library.write(
                    "Scan/Movies/A Film (2020)/A Film (2020).nfo",
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <movie>
                      <title>A Film</title>
                      <plot>A test pattern finds its tone.</plot>
                      <genre>ScanDrama</genre>
                      <director>D. Rector</director>
                      <premiered>2020-05-06</premiered>
                      <rating>7.5</rating>
                      <actor><name>A One</name></actor><actor><name>B Two</name></actor>
                    </movie>
                    """);
            Library.put(Library.poster(), "Scan/Movies/A Film (2020)/poster.jpg");
            Library.put(Library.clip("mkv"), OTHER);
            Library.put(Library.clip("mkv"), SHOW + "/Season 01/Demo Show S01E01.mkv");
            Library.put(Library.clip("mkv"), SHOW + "/Season 01/Demo Show S01E02 The Second.mkv");
            Library.put(Library.clip("mp4"), SHOW + "/Season 02/Demo Show 2x01.mp4");
            Library.write(
                    SHOW + "/Season 01/Demo Show S01E01.nfo",
                    "<episodedetails><title>Pilot</title><plot>It begins.</plot>"
                            + "<aired>2021-01-01</aired></episodedetails>");
            Library.write(
                    SHOW + "/tvshow.nfo",
                    "<tvshow><title>The Demo Show</title><plot>Bars and tones.</plot>"
                            + "<genre>ScanComedy</genre><rating>8</rating></tvshow>");
            Library.put(Library.poster(), SHOW + "/folder.jpg");
            Library.write(NFO_ONLY, "not a video at all");
            Library.write(
                    "Scan/Movies/Nfo Only (2021)/Nfo Only (2021).nfo",
                    "<movie><title>Nfo Only</title>" + STREAMDETAILS + "</movie>");
            Library.write(BROKEN, "not a video either");
            firstScan = Library.scan();
        }
        return firstScan;
    }

    static JsonObject movieAt(String libraryPath) {
        for (JsonValue v : array(get("/api/v1/vod/movies?limit=50000").body())) {
            JsonObject m = v.asJsonObject();
            if (libraryPath.equals(m.getJsonObject("file").getString("libraryPath", null))) {
                return m;
            }
        }
        return null;
    }

    static JsonObject seriesAt(String libraryPath) {
        for (JsonValue v : array(get("/api/v1/vod/series?limit=50000").body())) {
            JsonObject s = v.asJsonObject();
            if (libraryPath.equals(s.getString("libraryPath", null))) return s;
        }
        return null;
    }

    @Test
    @Order(1)
    void aScanReadsNfoFfprobeAndNames() throws Exception {
        var status = library();
        assertTrue(status.getInt("filesFound") >= 5, status.toString());
        JsonObject film = movieAt(FILM);
        assertNotNull(film, "the movie was found");
        assertEquals("A Film", film.getString("title"));
        assertEquals("A test pattern finds its tone.", film.getString("plot"));
        assertEquals("A One, B Two", film.getString("cast"));
        assertEquals("D. Rector", film.getString("director"));
        assertEquals("2020-05-06", film.getString("releaseDate"));
        assertEquals(7.5, film.getJsonNumber("rating").doubleValue());
        assertEquals(
                "ScanDrama", film.getString("categoryName"), "the first genre is the category");
        assertEquals("Scan/Movies/A Film (2020)/poster.jpg", film.getString("poster"));
        JsonObject file = film.getJsonObject("file");
        assertEquals("mp4", file.getString("container"));
        assertEquals(5, file.getInt("durationSeconds"));
        assertEquals("h264", file.getString("videoCodec"));
        assertEquals("aac", file.getString("audioCodec"));
        assertEquals(320, file.getInt("width"));
        assertEquals(240, file.getInt("height"));
        assertEquals(
                Files.size(Library.ROOT.resolve(FILM)),
                file.getJsonNumber("sizeBytes").longValue());
        assertEquals("FFPROBE", file.getString("detailsFrom"));
        assertTrue(status.containsKey("probesFinishedAt"), status.toString());
        assertTrue(status.getInt("filesProbed") >= 5, status.toString());
        assertTrue(status.getInt("unreadable") >= 1, "Broken.mp4: " + status);
        assertTrue(
                status.getJsonObject("outcome").getInt("detailsFromNfo") >= 1, status.toString());

        // ffprobe cannot read these bytes: the values are the .nfo's
        JsonObject nfoOnly = movieAt(NFO_ONLY).getJsonObject("file");
        assertEquals("NFO", nfoOnly.getString("detailsFrom"), nfoOnly.toString());
        assertEquals(5400, nfoOnly.getInt("durationSeconds"));
        assertEquals("hevc", nfoOnly.getString("videoCodec"));
        assertEquals("ac3", nfoOnly.getString("audioCodec"));
        assertEquals(1920, nfoOnly.getInt("width"));
        assertEquals(1080, nfoOnly.getInt("height"));
        JsonObject broken = movieAt(BROKEN).getJsonObject("file");
        assertEquals("UNREADABLE", broken.getString("detailsFrom"), broken.toString());
        assertFalse(broken.containsKey("durationSeconds"), broken.toString());

        JsonObject other = movieAt(OTHER);
        assertEquals("Other Movie", other.getString("title"), "the name without its year");
        assertEquals("1999", other.getString("releaseDate"));
        assertEquals("mkv", other.getJsonObject("file").getString("container"));

        JsonObject show = seriesAt(SHOW);
        assertNotNull(show, "the series was found by its folder");
        assertEquals("The Demo Show", show.getString("title"));
        assertEquals("ScanComedy", show.getString("categoryName"));
        assertEquals(SHOW + "/folder.jpg", show.getString("cover"));
        JsonArray episodes =
                array(get("/api/v1/vod/series/" + show.getInt("id") + "/episodes").body());
        assertEquals(3, episodes.size(), episodes.toString());
        assertEpisode(episodes.getJsonObject(0), 1, 1, "Pilot");
        assertEquals("It begins.", episodes.getJsonObject(0).getString("plot"));
        assertEpisode(episodes.getJsonObject(1), 1, 2, "The Second");
        assertEpisode(episodes.getJsonObject(2), 2, 1, "Episode 1");
        assertEquals(5, episodes.getJsonObject(2).getJsonObject("file").getInt("durationSeconds"));
    }

    private static void assertEpisode(JsonObject e, int season, int number, String title) {
        assertEquals(season, e.getInt("season"), e.toString());
        assertEquals(number, e.getInt("episode"), e.toString());
        assertEquals(title, e.getString("title"), e.toString());
    }

    @Test
    @Order(2)
    void aRescanKeepsIdsAndRemovesWhatVanished() throws Exception {
        library();
        long film = movieAt(FILM).getJsonNumber("id").longValue();
        long other = movieAt(OTHER).getJsonNumber("id").longValue();
        JsonObject show = seriesAt(SHOW);
        JsonArray before =
                array(get("/api/v1/vod/series/" + show.getInt("id") + "/episodes").body());

        Files.delete(Library.ROOT.resolve(OTHER));
        Files.delete(Library.ROOT.resolve(SHOW + "/Season 02/Demo Show 2x01.mp4"));
        Library.put(Library.clip("mkv"), SHOW + "/Season 01/Demo Show S01E03.mkv");
        var status = Library.scan();
        assertTrue(status.getJsonObject("outcome").getInt("moviesRemoved") >= 1, status.toString());

        assertEquals(film, movieAt(FILM).getJsonNumber("id").longValue(), "same id after a rescan");
        assertNull(movieAt(OTHER), "the vanished movie is gone");
        assertEquals(404, get("/api/v1/vod/movies/" + other).statusCode());
        assertEquals(show.getInt("id"), seriesAt(SHOW).getInt("id"));
        JsonArray after =
                array(get("/api/v1/vod/series/" + show.getInt("id") + "/episodes").body());
        assertEquals(
                List.of(before.getJsonObject(0).getInt("id"), before.getJsonObject(1).getInt("id")),
                List.of(after.getJsonObject(0).getInt("id"), after.getJsonObject(1).getInt("id")),
                "episode ids are stable");
        assertEquals(3, after.size(), after.toString());
        assertEpisode(after.getJsonObject(2), 1, 3, "Episode 3");
        assertEquals(5, after.getJsonObject(2).getJsonObject("file").getInt("durationSeconds"));
        JsonObject kept = movieAt(FILM).getJsonObject("file");
        assertEquals("FFPROBE", kept.getString("detailsFrom"), "unchanged: not probed again");
        assertEquals(5, kept.getInt("durationSeconds"));
        assertEquals("NFO", movieAt(NFO_ONLY).getJsonObject("file").getString("detailsFrom"));
    }

    static final String LATE = "Scan/Movies/Late Details (2022)/Late Details (2022).mkv";
    static final String EARLY = "Scan/Movies/Early Details (2022)/Early Details (2022).mp4";

    @Test
    @Order(3)
    void theLibraryIsReadyBeforeItsProbesAndANewScanDoesNotWaitForThem() throws Exception {
        library();
        // An ffprobe that waits for the test: the probe phase is held while the test looks.
        Path gate = Files.createTempDirectory("panelx-it-ffprobe");
        Path open = gate.resolve("open");
        Path script = gate.resolve("ffprobe");
        Files.writeString(
                script,
                "#!/bin/sh\nwhile [ ! -e '"
                        + open
                        + "' ]; do sleep 0.05; done\nexec ffprobe \"$@\"\n");
        assertTrue(script.toFile().setExecutable(true));
        ModelNode ffprobe = ffprobeSetting();
        setFfprobe(new ModelNode(script.toString()));
        try {
            Library.clear("Scan/Movies/Late Details (2022)");
            Library.clear("Scan/Movies/Early Details (2022)");
            Library.put(Library.clip("mkv"), LATE);
            Library.write(
                    "Scan/Movies/Late Details (2022)/Late Details (2022).nfo",
                    "<movie><title>Late Details</title></movie>");
            Library.write(EARLY, "no video here");
            Library.write(
                    "Scan/Movies/Early Details (2022)/Early Details (2022).nfo",
                    "<movie><title>Early Details</title>" + STREAMDETAILS + "</movie>");

            JsonObject ready = Library.scanLibrary();
            assertTrue(ready.getBoolean("probing"), ready.toString());
            assertTrue(ready.getInt("toProbe") >= 1, ready.toString());
            assertEquals(0, ready.getInt("filesProbed"), "the gate holds every ffprobe");
            assertFalse(ready.containsKey("probesFinishedAt"), ready.toString());
            JsonObject late = movieAt(LATE);
            assertNotNull(late, "listed before its probe");
            long lateId = late.getJsonNumber("id").longValue();
            assertFalse(late.getJsonObject("file").containsKey("durationSeconds"), late.toString());
            assertFalse(late.getJsonObject("file").containsKey("detailsFrom"), late.toString());
            JsonObject early = movieAt(EARLY).getJsonObject("file");
            assertEquals("NFO", early.getString("detailsFrom"), "no ffprobe ran: " + early);
            assertEquals(5400, early.getInt("durationSeconds"));

            // Players list and play it meanwhile.
            String user = unique("early");
            createLine("{\"username\":\"" + user + "\",\"password\":\"pw\",\"maxConnections\":2}");
            String listed =
                    send(HttpRequest.newBuilder(
                                    URI.create(
                                            BASE
                                                    + "/player_api.php?username="
                                                    + user
                                                    + "&password=pw&action=get_vod_streams")))
                            .body();
            assertTrue(
                    array(listed).getValuesAs(JsonObject.class).stream()
                            .anyMatch(m -> m.getJsonNumber("stream_id").longValue() == lateId),
                    "get_vod_streams lists it");
            var played =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    BASE + "/movie/" + user + "/pw/" + lateId
                                                            + ".mkv"))
                                    .header("Range", "bytes=0-1023")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, played.statusCode());
            assertEquals(1024, played.body().length);

            // A new scan starts at once: it cancels the held probes and takes up what they left.
            JsonObject second = Library.scanLibrary();
            assertNotEquals(ready.getString("startedAt"), second.getString("startedAt"));
            assertTrue(second.getBoolean("probing"), second.toString());
            assertTrue(second.getInt("toProbe") >= 1, "Late is still to probe: " + second);
            assertEquals(lateId, movieAt(LATE).getJsonNumber("id").longValue(), "same id");

            Files.createFile(open);
            JsonObject done = Library.awaitProbes(second.getString("startedAt"));
            assertFalse(done.getBoolean("probesCancelled"), done.toString());
            JsonObject probed = movieAt(LATE).getJsonObject("file");
            assertEquals("FFPROBE", probed.getString("detailsFrom"), probed.toString());
            assertEquals(5, probed.getInt("durationSeconds"));
            assertEquals("h264", probed.getString("videoCodec"));
            assertEquals("aac", probed.getString("audioCodec"));
            assertEquals(320, probed.getInt("width"));
            assertEquals(240, probed.getInt("height"));
        } finally {
            setFfprobe(ffprobe);
            Files.deleteIfExists(open);
        }
    }

    /** panelx.ffprobe as the server's model holds it (an expression, unresolved). */
    static ModelNode ffprobeSetting() throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("read-attribute");
        op.get("address").add("system-property", "panelx.ffprobe");
        op.get("name").set("value");
        return management(op);
    }

    /** Changes panelx.ffprobe at runtime, as an operator would with the CLI. */
    static void setFfprobe(ModelNode value) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("write-attribute");
        op.get("address").add("system-property", "panelx.ffprobe");
        op.get("name").set("value");
        op.get("value").set(value);
        management(op);
    }

    static ModelNode management(ModelNode op) throws IOException {
        int port = Integer.getInteger("panelx.management.port", 9990);
        try (var client = ModelControllerClient.Factory.create("127.0.0.1", port)) {
            ModelNode response = client.execute(op);
            assertEquals("success", response.get("outcome").asString(), response.toString());
            return response.get("result");
        }
    }

    @Test
    @Order(4)
    void theAdminApiCreatesChangesAndDeletes() throws Exception {
        var cat =
                post(
                        "/api/v1/vod/categories",
                        "{\"kind\":\"MOVIE\",\"name\":\"" + unique("Api") + "\"}");
        assertEquals(201, cat.statusCode(), cat.body());
        long categoryId = object(cat.body()).getJsonNumber("id").longValue();
        var created =
                post(
                        "/api/v1/vod/movies",
                        "{\"title\":\"Remote Film\",\"categoryId\":"
                                + categoryId
                                + ",\"source\":\"http://127.0.0.1:9/remote.mkv\",\"rating\":6.5}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject m = object(created.body());
        assertEquals("mkv", m.getJsonObject("file").getString("container"));
        long id = m.getJsonNumber("id").longValue();
        var changed = put("/api/v1/vod/movies/" + id, "{\"plot\":\"Edited.\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals("Edited.", object(changed.body()).getString("plot"));
        assertEquals("Remote Film", object(changed.body()).getString("title"), "a partial update");

        for (String bad :
                List.of(
                        "{\"title\":\"x\",\"source\":\"../../etc/passwd\"}",
                        "{\"title\":\"x\",\"source\":\"/etc/passwd\"}",
                        "{\"title\":\"x\",\"source\":\"file:///etc/passwd\"}",
                        "{\"title\":\"x\"}",
                        "{\"source\":\"http://h/x.mp4\"}",
                        "{\"title\":\"x\",\"source\":\"http://h/x.mp4\",\"rating\":11}")) {
            var r = post("/api/v1/vod/movies", bad);
            assertEquals(400, r.statusCode(), bad + " -> " + r.body());
        }

        var series = post("/api/v1/vod/series", "{\"title\":\"Api Show\"}");
        assertEquals(201, series.statusCode(), series.body());
        long seriesId = object(series.body()).getJsonNumber("id").longValue();
        var ep =
                post(
                        "/api/v1/vod/series/" + seriesId + "/episodes",
                        "{\"season\":3,\"episode\":4,\"source\":\"https://127.0.0.1:9/e.mp4\"}");
        assertEquals(201, ep.statusCode(), ep.body());
        JsonObject episode = object(ep.body());
        assertEquals(3, episode.getInt("season"));
        assertEquals("Episode 4", episode.getString("title"));
        assertEquals(204, delete("/api/v1/vod/episodes/" + episode.getInt("id")).statusCode());
        assertEquals(0, array(get("/api/v1/vod/series/" + seriesId + "/episodes").body()).size());
        assertEquals(204, delete("/api/v1/vod/series/" + seriesId).statusCode());
        assertEquals(204, delete("/api/v1/vod/movies/" + id).statusCode());
        assertEquals(404, get("/api/v1/vod/movies/" + id).statusCode());
    }

    @Test
    @Order(5)
    void aPlaylistImportAddsMoviesAndEpisodes() {
        String tag = unique("imp");
        String playlist =
                "#EXTM3U\n"
                        + "#EXTINF:-1 group-title=\"Imp Live\","
                        + tag
                        + " Live\nhttp://127.0.0.1:9/live/u/p/1.ts\n"
                        + "#EXTINF:-1 tvg-logo=\"http://img/p.jpg\" group-title=\"Imp Movies\","
                        + tag
                        + " Movie (2019)\nhttp://127.0.0.1:9/movie/u/p/"
                        + tag
                        + ".mkv\n"
                        + "#EXTINF:-1 group-title=\"Imp Movies\","
                        + tag
                        + " File\nhttp://127.0.0.1:9/files/"
                        + tag
                        + ".mp4\n"
                        + "#EXTINF:-1 group-title=\"Imp Shows\","
                        + tag
                        + " Show S02 E05\nhttp://127.0.0.1:9/series/u/p/"
                        + tag
                        + ".mp4\n";
        String body =
                "{\"playlist\":\"" + playlist.replace("\n", "\\n").replace("\"", "\\\"") + "\"}";
        var r = post("/api/v1/channels/import", body);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject result = object(r.body());
        assertEquals(1, result.getInt("created"), "one live channel");
        assertEquals(2, result.getInt("movies"));
        assertEquals(1, result.getInt("episodes"));
        var movies = array(get("/api/v1/vod/movies?q=" + tag).body());
        assertEquals(2, movies.size(), movies.toString());
        JsonObject movie =
                movies.getValuesAs(JsonObject.class).stream()
                        .filter(m -> m.getString("title").equals(tag + " Movie"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("2019", movie.getString("releaseDate"));
        assertEquals("Imp Movies", movie.getString("categoryName"));
        assertEquals("http://img/p.jpg", movie.getString("poster"));
        var shows = array(get("/api/v1/vod/series?q=" + tag).body());
        assertEquals(1, shows.size());
        var eps =
                array(
                        get("/api/v1/vod/series/"
                                        + shows.getJsonObject(0).getInt("id")
                                        + "/episodes")
                                .body());
        assertEpisode(eps.getJsonObject(0), 2, 5, "Episode 5");

        var again = object(post("/api/v1/channels/import", body).body());
        assertEquals(0, again.getInt("movies"), "an entry already imported is not duplicated");
        assertEquals(0, again.getInt("episodes"));
    }
}
