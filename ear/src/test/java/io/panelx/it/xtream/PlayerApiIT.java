package io.panelx.it.xtream;

import static io.panelx.it.PanelX.*;
import static io.panelx.it.xtream.Player.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * /player_api.php as players use it: every action's JSON shape and field types (XTREAM_API.md),
 * bouquets, account states, wrong credentials and malformed requests.
 */
@ExtendWith(ArquillianExtension.class)
class PlayerApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    /** Two categories, three channels; one line sees all, one sees a bouquet of two. */
    private static final class Lineup {
        final String news = unique("News");
        final String sport = unique("Sport");
        final long newsId = createCategory(news);
        final long sportId = createCategory(sport);
        final long bbc = channel("BBC One", newsId, "bbc1.uk", "http://logos/bbc1.png");
        final long cnn = channel("CNN", newsId, null, null);
        final long espn = channel("ESPN", sportId, "espn.us", null);
        final String all = unique("all");
        final String some = unique("some");
        final long allId =
                line(all, "pw-all", "\"trial\":true,\"expiresAt\":\"2031-01-01T00:00:00Z\"");
        final long someId = line(some, "pw-some", "\"neverExpires\":true", bbc, espn);
    }

    private static Lineup lineup;

    private static synchronized Lineup lineup() {
        if (lineup == null) {
            lineup = new Lineup();
        }
        return lineup;
    }

    private static JsonObject loginOf(String user, String password, String extra) {
        var r = api(user, password, extra);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return object(r.body());
    }

    private static JsonArray arrayOf(String user, String password, String extra) {
        var r = api(user, password, extra);
        assertEquals(200, r.statusCode(), r.body());
        return array(r.body());
    }

    @Test
    void loginAnswersUserAndServerInfoWithExactTypes() {
        var l = lineup();
        var body = loginOf(l.all, "pw-all", "");
        var user = body.getJsonObject("user_info");
        assertString(user, "username", l.all);
        assertString(user, "password", "pw-all");
        assertType(user, "message", ValueType.STRING);
        assertEquals(1, user.getInt("auth"));
        assertType(user, "auth", ValueType.NUMBER);
        assertString(user, "status", "Active");
        assertString(user, "exp_date", "1924992000");
        assertString(user, "is_trial", "1");
        assertString(user, "active_cons", "0");
        assertType(user, "created_at", ValueType.STRING);
        assertTrue(user.getString("created_at").matches("\\d{10}"), user.toString());
        assertString(user, "max_connections", "2");
        assertEquals(ValueType.ARRAY, user.get("allowed_output_formats").getValueType());
        assertTrue(
                user.getJsonArray("allowed_output_formats")
                        .getValuesAs(JsonValue::toString)
                        .containsAll(List.of("\"m3u8\"", "\"ts\"")));

        var server = body.getJsonObject("server_info");
        for (String key :
                List.of("url", "port", "https_port", "rtmp_port", "server_protocol", "timezone")) {
            assertType(server, key, ValueType.STRING);
        }
        assertEquals("127.0.0.1", server.getString("url"));
        assertEquals(Integer.toString(8080 + PORT_OFFSET), server.getString("port"));
        assertEquals("http", server.getString("server_protocol"));
        assertType(server, "timestamp_now", ValueType.NUMBER);
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(server.getJsonNumber("timestamp_now").longValue() - now) < 60);
        assertTrue(
                server.getString("time_now").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));

        var never = loginOf(l.some, "pw-some", "").getJsonObject("user_info");
        assertEquals(ValueType.NULL, never.get("exp_date").getValueType(), "never expires");
        assertString(never, "is_trial", "0");
    }

    @Test
    void postFormWorksLikeGet() {
        var l = lineup();
        var r =
                Player.anonymous(
                        HttpRequest.newBuilder(URI.create(BASE + "/player_api.php"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "username="
                                                        + l.some
                                                        + "&password=pw-some&action=get_live_categories")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(2, array(r.body()).size());
    }

    @Test
    void unknownActionsAnswerLikeLogin() {
        var l = lineup();
        for (String action : List.of("get_profile", "get_server_info", "nonsense", "")) {
            var body = loginOf(l.all, "pw-all", "&action=" + action);
            assertEquals(1, body.getJsonObject("user_info").getInt("auth"), action);
            assertTrue(body.containsKey("server_info"), action);
        }
    }

    @Test
    void liveCategoriesHaveStringIdsAndIntParent() {
        var l = lineup();
        var categories = arrayOf(l.all, "pw-all", "&action=get_live_categories");
        var ours =
                categories.stream()
                        .map(JsonValue::asJsonObject)
                        .filter(c -> Set.of(l.news, l.sport).contains(c.getString("category_name")))
                        .toList();
        assertEquals(2, ours.size(), categories.toString());
        for (var c : ours) {
            assertType(c, "category_id", ValueType.STRING);
            assertType(c, "category_name", ValueType.STRING);
            assertEquals(ValueType.NUMBER, c.get("parent_id").getValueType());
            assertEquals(0, c.getInt("parent_id"));
        }
        assertEquals(Long.toString(l.newsId), ours.get(0).getString("category_id"));
    }

    @Test
    void liveStreamsHaveExactTypes() {
        var l = lineup();
        var streams = arrayOf(l.all, "pw-all", "&action=get_live_streams");
        JsonObject bbc = byId(streams, l.bbc);
        assertEquals(ValueType.NUMBER, bbc.get("num").getValueType());
        assertString(bbc, "name", "BBC One");
        assertString(bbc, "stream_type", "live");
        assertEquals(ValueType.NUMBER, bbc.get("stream_id").getValueType());
        assertString(bbc, "stream_icon", "http://logos/bbc1.png");
        assertString(bbc, "epg_channel_id", "bbc1.uk");
        assertType(bbc, "added", ValueType.STRING);
        assertTrue(bbc.getString("added").matches("\\d{10}"));
        assertString(bbc, "category_id", Long.toString(l.newsId));
        assertEquals(ValueType.ARRAY, bbc.get("category_ids").getValueType());
        assertEquals(l.newsId, bbc.getJsonArray("category_ids").getJsonNumber(0).longValue());
        assertString(bbc, "custom_sid", "");
        assertEquals(0, bbc.getInt("tv_archive"));
        assertEquals(0, bbc.getInt("tv_archive_duration"));
        assertString(bbc, "direct_source", "");
        assertString(bbc, "thumbnail", "");
        JsonObject cnn = byId(streams, l.cnn);
        assertEquals(ValueType.NULL, cnn.get("epg_channel_id").getValueType(), "no EPG id");
        assertString(cnn, "stream_icon", "");
        // num counts the line's own list from 1
        for (int i = 0; i < streams.size(); i++) {
            assertEquals(i + 1, streams.getJsonObject(i).getInt("num"));
        }
    }

    @Test
    void categoryFilterAndBadCategory() {
        var l = lineup();
        var sport = arrayOf(l.all, "pw-all", "&action=get_live_streams&category_id=" + l.sportId);
        assertEquals(List.of(l.espn), ids(sport));
        assertEquals(
                0, arrayOf(l.all, "pw-all", "&action=get_live_streams&category_id=abc").size());
        assertEquals(
                0,
                arrayOf(l.all, "pw-all", "&action=get_live_streams&category_id=99999999").size());
        assertEquals(
                0,
                arrayOf(
                                l.all,
                                "pw-all",
                                "&action=get_live_streams&category_id=999999999999999999999999")
                        .size());
    }

    @Test
    void aLineSeesOnlyItsBouquet() {
        var l = lineup();
        var streams = arrayOf(l.some, "pw-some", "&action=get_live_streams");
        assertEquals(List.of(l.bbc, l.espn), ids(streams));
        var all = ids(arrayOf(l.all, "pw-all", "&action=get_live_streams"));
        assertTrue(all.containsAll(List.of(l.bbc, l.cnn, l.espn)));
        var categories =
                arrayOf(l.some, "pw-some", "&action=get_live_categories").stream()
                        .map(c -> c.asJsonObject().getString("category_name"))
                        .collect(Collectors.toSet());
        assertEquals(Set.of(l.news, l.sport), categories);
        // a channel outside the bouquet has no guide for this line
        var epg = loginOf(l.some, "pw-some", "&action=get_short_epg&stream_id=" + l.cnn);
        assertEquals(0, epg.getJsonArray("epg_listings").size());
    }

    @Test
    void channelChangesReachTheLineupAtOnce() {
        var l = lineup();
        long added = channel("Late Channel", l.sportId, null, null);
        assertTrue(ids(arrayOf(l.all, "pw-all", "&action=get_live_streams")).contains(added));
        put("/api/v1/channels/" + added, "{\"name\":\"Renamed Channel\"}");
        assertEquals(
                "Renamed Channel",
                byId(arrayOf(l.all, "pw-all", "&action=get_live_streams"), added)
                        .getString("name"));
        assertEquals(204, delete("/api/v1/channels/" + added).statusCode());
        assertFalse(ids(arrayOf(l.all, "pw-all", "&action=get_live_streams")).contains(added));
    }

    @Test
    void disabledChannelsAndRestrictedAddressesAreHidden() {
        var l = lineup();
        long hidden = channel("Hidden Channel", l.sportId, null, null);
        put("/api/v1/channels/" + hidden, "{\"enabled\":false}");
        assertFalse(ids(arrayOf(l.all, "pw-all", "&action=get_live_streams")).contains(hidden));
        String elsewhere = unique("elsewhere");
        line(elsewhere, "pw", "\"allowedIps\":\"192.0.2.0/24\"");
        assertEquals("{\"user_info\":{\"auth\":0}}", api(elsewhere, "pw", "").body());
        assertEquals(
                403, Player.fetch("/get.php?username=" + elsewhere + "&password=pw").statusCode());
    }

    @Test
    void activeConsCountsOpenStreams() throws Exception {
        // The demo channel plays FFmpeg's test pattern, no network needed.
        long demo =
                array(PanelX.get("/api/v1/channels").body()).stream()
                        .map(JsonValue::asJsonObject)
                        .filter(c -> c.getString("name").equals("PanelX Test Pattern"))
                        .findFirst()
                        .orElseThrow()
                        .getJsonNumber("id")
                        .longValue();
        String viewer = unique("viewer");
        line(viewer, "pw", null);
        var stream =
                PanelX.HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                BASE + "/live/" + viewer + "/pw/" + demo + ".ts"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        try (var body = stream.body()) {
            assertEquals(200, stream.statusCode());
            assertTrue(body.readNBytes(188 * 8).length > 0, "stream bytes");
            await().atMost(Duration.ofSeconds(30)).until(() -> activeCons(viewer).equals("1"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> activeCons(viewer).equals("0"));
    }

    private static String activeCons(String user) {
        return object(api(user, "pw", "").body())
                .getJsonObject("user_info")
                .getString("active_cons");
    }

    @Test
    void anEmptyVodBouquetShowsNoMoviesOrSeries() {
        var l = lineup();
        // Other tests add movies and series: this line's VOD bouquet holds none of them.
        var b = put("/api/v1/vod/bouquets/" + l.allId, "{\"allVod\":false}");
        assertEquals(200, b.statusCode(), b.body());
        for (String action :
                List.of(
                        "get_vod_categories",
                        "get_vod_streams",
                        "get_series_categories",
                        "get_series")) {
            var r = api(l.all, "pw-all", "&action=" + action);
            assertEquals(200, r.statusCode());
            assertEquals("[]", r.body().trim(), action);
        }
        var vod = loginOf(l.all, "pw-all", "&action=get_vod_info&vod_id=1");
        assertEquals(0, vod.getJsonArray("info").size());
        assertEquals(ValueType.OBJECT, vod.get("movie_data").getValueType());
        var series = loginOf(l.all, "pw-all", "&action=get_series_info&series_id=1");
        assertEquals(0, series.getJsonArray("seasons").size());
        assertEquals(ValueType.OBJECT, series.get("info").getValueType());
        assertEquals(ValueType.OBJECT, series.get("episodes").getValueType());
    }

    @Test
    void wrongCredentialsAnswer200WithAuthZero() {
        var l = lineup();
        for (String extra :
                List.of("", "&action=get_live_streams", "&action=get_live_categories")) {
            var r = api(l.all, "wrong", extra);
            assertEquals(200, r.statusCode());
            assertEquals("{\"user_info\":{\"auth\":0}}", r.body());
        }
        var unknown = api("no-such-user-xyz", "x", "");
        assertEquals("{\"user_info\":{\"auth\":0}}", unknown.body());
        loginOf(l.all, "pw-all", ""); // a success clears the address's failure count
    }

    @Test
    void refusedLinesAnswerWithTheirStatus() {
        String banned = unique("banned");
        String disabled = unique("disabled");
        String expired = unique("expired");
        line(banned, "pw", "\"banned\":true");
        line(disabled, "pw", "\"enabled\":false");
        line(expired, "pw", "\"expiresAt\":\"2020-01-01T00:00:00Z\"");
        for (var c :
                List.of(
                        List.of(banned, "Banned"),
                        List.of(disabled, "Disabled"),
                        List.of(expired, "Expired"))) {
            var user = loginOf(c.get(0), "pw", "").getJsonObject("user_info");
            assertEquals(c.get(1), user.getString("status"), c.get(0));
            assertEquals(1, user.getInt("auth"));
            assertEquals("[]", api(c.get(0), "pw", "&action=get_live_streams").body());
            assertEquals("[]", api(c.get(0), "pw", "&action=get_live_categories").body());
            var playlist =
                    Player.fetch("/get.php?username=" + c.get(0) + "&password=pw&type=m3u_plus");
            assertEquals(403, playlist.statusCode(), playlist.body());
        }
        assertEquals(
                "1577836800",
                loginOf(expired, "pw", "").getJsonObject("user_info").getString("exp_date"));
    }

    @Test
    void malformedRequestsNeverFail() {
        var l = lineup();
        assertEquals("{\"user_info\":{\"auth\":0}}", Player.fetch("/player_api.php").body());
        assertEquals(
                "{\"user_info\":{\"auth\":0}}", Player.fetch("/player_api.php?username=x").body());
        assertEquals(
                "{\"user_info\":{\"auth\":0}}",
                Player.fetch("/player_api.php?username=&password=").body());
        for (String extra :
                List.of(
                        "&action=get_short_epg",
                        "&action=get_short_epg&stream_id=abc",
                        "&action=get_short_epg&stream_id=-5",
                        "&action=get_short_epg&stream_id="
                                + l.bbc
                                + "&limit=99999999999999999999999",
                        "&action=get_short_epg&stream_id=" + l.bbc + "&limit=-3",
                        "&action=get_short_epg&stream_id=" + l.bbc + "&limit=x",
                        "&action=get_short_epg&stream_id=99999999999",
                        "&action=get_simple_data_table",
                        "&action=get_simple_data_table&stream_id=1e9",
                        "&action=get_vod_info",
                        "&action=get_series_info&series_id=zz")) {
            var r = api(l.all, "pw-all", extra);
            assertEquals(200, r.statusCode(), extra + " -> " + r.body());
            assertDoesNotThrow(() -> object(r.body()), extra);
        }
        var longName = api("x".repeat(5000), "y", "");
        assertTrue(longName.statusCode() < 500, "long username: " + longName.statusCode());
        loginOf(l.all, "pw-all", "");
    }

    @Test
    void forwardedHeadersFromTheTrustedProxyShapeTheUrls() {
        // The test build trusts 127.0.0.1 (PANELX_TRUSTED_PROXIES in ear/pom.xml).
        var l = lineup();
        var r =
                Player.anonymous(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                BASE
                                                        + "/player_api.php?username="
                                                        + l.all
                                                        + "&password=pw-all"))
                                .header("X-Forwarded-Proto", "https")
                                .header("X-Forwarded-Host", "tv.example.com")
                                .header("X-Forwarded-For", "203.0.113.9"));
        var server = object(r.body()).getJsonObject("server_info");
        assertEquals("tv.example.com", server.getString("url"));
        assertEquals("https", server.getString("server_protocol"));
        assertEquals("443", server.getString("https_port"));
        var playlist =
                Player.anonymous(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                BASE
                                                        + "/get.php?type=m3u_plus&output=ts&username="
                                                        + l.all
                                                        + "&password=pw-all"))
                                .header("X-Forwarded-Proto", "https")
                                .header("X-Forwarded-Host", "tv.example.com:8443"));
        assertTrue(
                playlist.body().contains("https://tv.example.com:8443/live/" + l.all + "/pw-all/"),
                playlist.body());
    }

    @Test
    void hostHeaderShapesTheUrls() throws Exception {
        var l = lineup();
        // java.net.http does not let a test set Host: speak HTTP/1.0 over a socket.
        String body =
                rawGet(
                        "/player_api.php?username=" + l.all + "&password=pw-all",
                        "panel.example:9000");
        var server = object(body.substring(body.indexOf('{'))).getJsonObject("server_info");
        assertEquals("panel.example", server.getString("url"));
        assertEquals("9000", server.getString("port"));
    }

    static String rawGet(String path, String host) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", 8080 + PORT_OFFSET)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(
                    ("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            return new String(
                    socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static JsonObject byId(JsonArray streams, long id) {
        return streams.stream()
                .map(JsonValue::asJsonObject)
                .filter(s -> s.getJsonNumber("stream_id").longValue() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("stream " + id + " not in " + streams));
    }

    static List<Long> ids(JsonArray streams) {
        return streams.stream()
                .map(s -> s.asJsonObject().getJsonNumber("stream_id").longValue())
                .toList();
    }

    static void assertType(JsonObject o, String key, ValueType type) {
        assertTrue(o.containsKey(key), key + " missing in " + o);
        assertEquals(type, o.get(key).getValueType(), key + " in " + o);
    }

    static void assertString(JsonObject o, String key, String value) {
        assertType(o, key, ValueType.STRING);
        assertEquals(value, o.getString(key), key);
    }
}
