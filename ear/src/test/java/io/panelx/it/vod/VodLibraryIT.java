package io.panelx.it.vod;

import static io.panelx.it.PanelX.*;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The library scan with real files made by FFmpeg: movies with a Kodi .nfo and a poster, a series
 * from its folders ({@code Show/Season 01/Show S01E02.mkv}, {@code 2x01}) with tvshow.nfo;
 * ffprobe's findings; ids stable across rescans; vanished files removed; the admin API and the
 * playlist import.
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
    }

    @Test
    @Order(3)
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
    @Order(4)
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
