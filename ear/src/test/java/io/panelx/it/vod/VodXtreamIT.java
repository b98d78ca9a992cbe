package io.panelx.it.vod;

import static io.panelx.it.PanelX.*;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The VOD half of the Xtream API with XC's field types: get_vod_categories, get_vod_streams,
 * get_vod_info, get_series_categories, get_series, get_series_info, the playlist's movies and
 * episodes, and a line's VOD bouquet.
 */
@ExtendWith(ArquillianExtension.class)
class VodXtreamIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    /** A movie and a series of two episodes made through the admin API; two lines. */
    static final class Fixture {
        final String movies = unique("XMovies");
        final String shows = unique("XShows");
        final long movieCategory = category("MOVIE", movies);
        final long seriesCategory = category("SERIES", shows);
        final long film;
        final long other;
        final long show;
        final long ep1;
        final long ep2;
        final long ep3;
        final String user = unique("vodall");
        final String some = unique("vodsome");

        Fixture() throws Exception {
            Library.put(Library.clip("mp4"), "Xtream/film.mp4");
            film =
                    id(
                            post(
                                    "/api/v1/vod/movies",
                                    "{\"title\":\"X Film\",\"categoryId\":"
                                            + movieCategory
                                            + ",\"source\":\"Xtream/film.mp4\",\"rating\":7.5,"
                                            + "\"plot\":\"Plot.\",\"cast\":\"A, B\",\"genre\":\"G\","
                                            + "\"releaseDate\":\"2020-01-02\","
                                            + "\"poster\":\"http://img.test/f.jpg\"}"));
            other =
                    id(
                            post(
                                    "/api/v1/vod/movies",
                                    "{\"title\":\"X Other\",\"source\":\"http://127.0.0.1:9/o.mkv\"}"));
            show =
                    id(
                            post(
                                    "/api/v1/vod/series",
                                    "{\"title\":\"X Show\",\"categoryId\":"
                                            + seriesCategory
                                            + ",\"rating\":8,\"releaseDate\":\"2021\"}"));
            ep1 = episode(show, 1, 1, "http://127.0.0.1:9/s1e1.mkv");
            ep2 = episode(show, 1, 2, "http://127.0.0.1:9/s1e2.mkv");
            ep3 = episode(show, 2, 1, "http://127.0.0.1:9/s2e1.mp4");
            createLine("{\"username\":\"" + user + "\",\"password\":\"pw\",\"maxConnections\":2}");
            long someId =
                    createLine(
                            "{\"username\":\""
                                    + some
                                    + "\",\"password\":\"pw\",\"maxConnections\":2}");
            var b =
                    put(
                            "/api/v1/vod/bouquets/" + someId,
                            "{\"movies\":[" + film + "],\"series\":[]}");
            assertEquals(200, b.statusCode(), b.body());
        }
    }

    private static Fixture fixture;

    static synchronized Fixture fixture() throws Exception {
        if (fixture == null) fixture = new Fixture();
        return fixture;
    }

    static long category(String kind, String name) {
        return id(
                post(
                        "/api/v1/vod/categories",
                        "{\"kind\":\"" + kind + "\",\"name\":\"" + name + "\"}"));
    }

    static long episode(long series, int season, int number, String source) {
        return id(
                post(
                        "/api/v1/vod/series/" + series + "/episodes",
                        "{\"season\":"
                                + season
                                + ",\"episode\":"
                                + number
                                + ",\"source\":\""
                                + source
                                + "\"}"));
    }

    static long id(HttpResponse<String> r) {
        assertEquals(201, r.statusCode(), r.body());
        return object(r.body()).getJsonNumber("id").longValue();
    }

    static HttpResponse<String> api(String user, String extra) {
        return PanelX.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        BASE
                                                + "/player_api.php?username="
                                                + URLEncoder.encode(user, StandardCharsets.UTF_8)
                                                + "&password=pw"
                                                + extra))
                        .timeout(Duration.ofSeconds(20))
                        .GET());
    }

    static JsonObject byId(JsonArray list, String key, long id) {
        return list.getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getJsonNumber(key).longValue() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " " + id + " in " + list));
    }

    static void types(JsonObject o, Map<String, ValueType> expected) {
        expected.forEach(
                (k, t) -> {
                    assertTrue(o.containsKey(k), "missing " + k + " in " + o);
                    ValueType actual = o.get(k).getValueType();
                    if (t == ValueType.TRUE) {
                        assertTrue(actual == ValueType.TRUE || actual == ValueType.FALSE, k);
                    } else {
                        assertEquals(t, actual, k + " in " + o);
                    }
                });
    }

    static final ValueType S = ValueType.STRING;
    static final ValueType N = ValueType.NUMBER;
    static final ValueType A = ValueType.ARRAY;
    static final ValueType O = ValueType.OBJECT;

    @Test
    void vodCategoriesAndStreamsHaveXcTypes() throws Exception {
        var f = fixture();
        JsonArray cats = array(api(f.user, "&action=get_vod_categories").body());
        JsonObject cat =
                cats.getValuesAs(JsonObject.class).stream()
                        .filter(c -> c.getString("category_name").equals(f.movies))
                        .findFirst()
                        .orElseThrow();
        types(cat, Map.of("category_id", S, "category_name", S, "parent_id", N));
        assertEquals(Long.toString(f.movieCategory), cat.getString("category_id"));
        assertTrue(
                cats.getValuesAs(JsonObject.class).stream()
                        .anyMatch(c -> c.getString("category_id").equals("0")),
                "movies without a category are in Uncategorized");

        JsonArray all = array(api(f.user, "&action=get_vod_streams").body());
        JsonObject film = byId(all, "stream_id", f.film);
        types(
                film,
                Map.ofEntries(
                        Map.entry("num", N),
                        Map.entry("name", S),
                        Map.entry("stream_type", S),
                        Map.entry("stream_id", N),
                        Map.entry("stream_icon", S),
                        Map.entry("rating", S),
                        Map.entry("rating_5based", N),
                        Map.entry("added", S),
                        Map.entry("category_id", S),
                        Map.entry("category_ids", A),
                        Map.entry("container_extension", S),
                        Map.entry("custom_sid", S),
                        Map.entry("direct_source", S)));
        assertEquals("movie", film.getString("stream_type"));
        assertEquals("7.5", film.getString("rating"));
        assertEquals(3.75, film.getJsonNumber("rating_5based").doubleValue(), 0.051);
        assertEquals("mp4", film.getString("container_extension"));
        assertEquals("http://img.test/f.jpg", film.getString("stream_icon"));
        assertEquals("2020", film.getString("year"));
        long added = Long.parseLong(film.getString("added"));
        assertTrue(
                Math.abs(added - System.currentTimeMillis() / 1000) < 3600, "added: Unix seconds");
        assertEquals(
                f.movieCategory, film.getJsonArray("category_ids").getJsonNumber(0).longValue());

        JsonArray inCategory =
                array(api(f.user, "&action=get_vod_streams&category_id=" + f.movieCategory).body());
        assertEquals(1, inCategory.size(), inCategory.toString());
        assertEquals("[]", api(f.user, "&action=get_vod_streams&category_id=abc").body().trim());
    }

    @Test
    void vodInfoHasInfoAndMovieData() throws Exception {
        var f = fixture();
        JsonObject info = object(api(f.user, "&action=get_vod_info&vod_id=" + f.film).body());
        JsonObject i = info.getJsonObject("info");
        types(
                i,
                Map.of(
                        "name", S,
                        "movie_image", S,
                        "plot", S,
                        "cast", S,
                        "duration_secs", N,
                        "duration", S,
                        "video", O,
                        "audio", O,
                        "bitrate", N,
                        "backdrop_path", A));
        assertEquals(5, i.getInt("duration_secs"), "probed when the admin gave a library file");
        assertEquals("00:00:05", i.getString("duration"));
        assertEquals("h264", i.getJsonObject("video").getString("codec_name"));
        assertEquals(320, i.getJsonObject("video").getInt("width"));
        assertEquals("aac", i.getJsonObject("audio").getString("codec_name"));
        JsonObject data = info.getJsonObject("movie_data");
        types(
                data,
                Map.of(
                        "stream_id", N,
                        "name", S,
                        "added", S,
                        "category_id", S,
                        "category_ids", A,
                        "container_extension", S,
                        "custom_sid", S,
                        "direct_source", S));
        assertEquals(f.film, data.getJsonNumber("stream_id").longValue());
        var none = object(api(f.user, "&action=get_vod_info&vod_id=999999999").body());
        assertEquals(0, none.getJsonArray("info").size());
    }

    @Test
    void seriesAndSeriesInfoHaveXcTypes() throws Exception {
        var f = fixture();
        JsonArray cats = array(api(f.user, "&action=get_series_categories").body());
        assertTrue(
                cats.getValuesAs(JsonObject.class).stream()
                        .anyMatch(
                                c ->
                                        c.getString("category_id")
                                                .equals(Long.toString(f.seriesCategory))));
        JsonArray list =
                array(api(f.user, "&action=get_series&category_id=" + f.seriesCategory).body());
        assertEquals(1, list.size(), list.toString());
        JsonObject s = list.getJsonObject(0);
        types(
                s,
                Map.ofEntries(
                        Map.entry("num", N),
                        Map.entry("name", S),
                        Map.entry("series_id", N),
                        Map.entry("cover", S),
                        Map.entry("plot", S),
                        Map.entry("cast", S),
                        Map.entry("genre", S),
                        Map.entry("releaseDate", S),
                        Map.entry("last_modified", S),
                        Map.entry("rating", S),
                        Map.entry("rating_5based", N),
                        Map.entry("backdrop_path", A),
                        Map.entry("category_id", S),
                        Map.entry("category_ids", A)));
        assertEquals(f.show, s.getJsonNumber("series_id").longValue());
        assertEquals("8", s.getString("rating"));

        JsonObject info = object(api(f.user, "&action=get_series_info&series_id=" + f.show).body());
        JsonArray seasons = info.getJsonArray("seasons");
        assertEquals(2, seasons.size(), seasons.toString());
        types(
                seasons.getJsonObject(0),
                Map.of("id", N, "name", S, "episode_count", N, "season_number", N, "cover", S));
        assertEquals(2, seasons.getJsonObject(0).getInt("episode_count"));
        assertEquals("X Show", info.getJsonObject("info").getString("name"));
        JsonObject episodes = info.getJsonObject("episodes");
        assertEquals(List.of("1", "2"), List.copyOf(episodes.keySet()), "keyed by season number");
        JsonArray first = episodes.getJsonArray("1");
        assertEquals(2, first.size());
        JsonObject e = first.getJsonObject(1);
        types(
                e,
                Map.of(
                        "id", S,
                        "episode_num", N,
                        "title", S,
                        "container_extension", S,
                        "info", O,
                        "added", S,
                        "season", N,
                        "direct_source", S));
        assertEquals(Long.toString(f.ep2), e.getString("id"));
        assertEquals(2, e.getInt("episode_num"));
        assertEquals("mkv", e.getString("container_extension"));
        assertEquals(
                Long.toString(f.ep3), episodes.getJsonArray("2").getJsonObject(0).getString("id"));
    }

    @Test
    void aVodBouquetLimitsWhatALineSees() throws Exception {
        var f = fixture();
        JsonArray movies = array(api(f.some, "&action=get_vod_streams").body());
        assertEquals(1, movies.size(), movies.toString());
        assertEquals(f.film, movies.getJsonObject(0).getJsonNumber("stream_id").longValue());
        assertEquals("[]", api(f.some, "&action=get_series").body().trim());
        assertEquals("[]", api(f.some, "&action=get_series_categories").body().trim());
        var hidden = object(api(f.some, "&action=get_series_info&series_id=" + f.show).body());
        assertEquals(0, hidden.getJsonArray("seasons").size());
        var hiddenMovie = object(api(f.some, "&action=get_vod_info&vod_id=" + f.other).body());
        assertEquals(0, hiddenMovie.getJsonArray("info").size());
    }

    @Test
    void thePlaylistListsMoviesAndEpisodesAfterTheChannels() throws Exception {
        var f = fixture();
        var r =
                PanelX.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                BASE
                                                        + "/get.php?username="
                                                        + f.user
                                                        + "&password=pw&type=m3u_plus&output=ts"))
                                .GET());
        assertEquals(200, r.statusCode());
        String m3u = r.body();
        String movieUrl = BASE + "/movie/" + f.user + "/pw/" + f.film + ".mp4";
        assertTrue(m3u.contains(movieUrl + "\n"), m3u);
        int at = m3u.indexOf(movieUrl);
        String extinf = m3u.substring(m3u.lastIndexOf("#EXTINF", at), at);
        assertTrue(extinf.contains("group-title=\"" + f.movies + "\""), extinf);
        assertTrue(extinf.contains("tvg-logo=\"http://img.test/f.jpg\""), extinf);
        assertTrue(extinf.trim().endsWith(",X Film"), extinf);
        String episodeUrl = BASE + "/series/" + f.user + "/pw/" + f.ep2 + ".mkv";
        assertTrue(m3u.contains(episodeUrl + "\n"), m3u);
        int e = m3u.indexOf(episodeUrl);
        String epInf = m3u.substring(m3u.lastIndexOf("#EXTINF", e), e);
        assertTrue(epInf.trim().endsWith(",X Show S01 E02"), epInf);
        assertTrue(epInf.contains("group-title=\"" + f.shows + "\""), epInf);

        String some =
                PanelX.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        BASE
                                                                + "/get.php?username="
                                                                + f.some
                                                                + "&password=pw&type=m3u_plus"))
                                        .GET())
                        .body();
        assertTrue(some.contains("/movie/" + f.some + "/pw/" + f.film + ".mp4"));
        assertFalse(some.contains("/series/"), "no series in this line's VOD bouquet");
    }

    static List<JsonValue> values(JsonArray a) {
        return a;
    }
}
