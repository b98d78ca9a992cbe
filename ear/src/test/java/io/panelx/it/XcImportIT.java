package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Imports an XC panel (xc/fixture.sql, loaded into the local MariaDB as xc_fixture) into the panel
 * under test: a dry run changes nothing, the import creates lines, categories, bouquets and
 * channels and names the rows it refused, an imported line plays an imported stream by its XC id
 * and is recorded like any other, and a rerun creates nothing.
 */
@ExtendWith(ArquillianExtension.class)
class XcImportIT {

    static final String XC_SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    static final String XC_URL = XC_SERVER + "xc_fixture";

    @RegisterExtension static final SharedUpstream upstream = new SharedUpstream();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    /** The PanelX channel whose id an XC stream has too (it must get another id). */
    static long taken;

    @BeforeAll
    static void loadFixture() throws Exception {
        String sql;
        try (InputStream in = XcImportIT.class.getResourceAsStream("/xc/fixture.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection(XC_SERVER, "root", "");
                Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS xc_fixture");
            st.execute("CREATE DATABASE xc_fixture CHARACTER SET utf8mb4");
        }
        taken =
                createChannel(
                        "{\"name\":\""
                                + unique("native")
                                + "\",\"sources\":[\""
                                + upstream.url()
                                + "\"]}");
        try (Connection c = DriverManager.getConnection(XC_URL, "root", "");
                Statement st = c.createStatement()) {
            String withoutComments =
                    sql.lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n"));
            for (String statement : withoutComments.split(";\\s*\n")) {
                if (!statement.isBlank()) st.execute(statement);
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE streams SET stream_source = ? WHERE id = 900100")) {
                ps.setString(1, "[\"" + upstream.url().replace("/", "\\/") + "\"]");
                ps.executeUpdate();
            }
            st.execute(
                    "INSERT INTO streams (id, type, category_id, stream_display_name, stream_source)"
                            + " VALUES ("
                            + taken
                            + ", 1, '[9001]', 'XC Clash', '[\"http:\\\\/\\\\/127.0.0.1:9\\\\/c.ts\"]')");
        }
    }

    static JsonObject runImport(boolean dryRun) {
        var started =
                post(
                        "/api/v1/import/xc",
                        "{\"url\":\""
                                + XC_URL
                                + "\",\"user\":\"root\",\"password\":\"\",\"dryRun\":"
                                + dryRun
                                + "}");
        assertEquals(202, started.statusCode(), started.body());
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () ->
                                !object(get("/api/v1/import/xc").body())
                                        .getString("state")
                                        .equals("RUNNING"));
        JsonObject status = object(get("/api/v1/import/xc").body());
        assertEquals("DONE", status.getString("state"), status.toString());
        return status;
    }

    static JsonObject counts(JsonObject status, String kind) {
        return status.getJsonObject("report").getJsonObject("kinds").getJsonObject(kind);
    }

    static long n(JsonObject o, String key) {
        return o.getJsonNumber(key).longValue();
    }

    static JsonObject lineNamed(String username) {
        return array(get("/api/v1/lines").body()).stream()
                .map(v -> v.asJsonObject())
                .filter(l -> l.getString("username").equals(username))
                .findFirst()
                .orElse(null);
    }

    static int status(String path) throws Exception {
        try (var client = StreamClient.open(path)) {
            return client.status();
        }
    }

    @Test
    void importsAnXcPanelOnceAndPlayersKeepTheirUrls() throws Exception {
        int linesBefore = array(get("/api/v1/lines").body()).size();
        int channelsBefore = array(get("/api/v1/channels").body()).size();

        // A dry run reports what it would do and changes nothing.
        JsonObject dry = runImport(true);
        assertTrue(dry.getBoolean("dryRun"));
        assertEquals(301, n(counts(dry, "line"), "created"), dry.toString());
        assertEquals(62, n(counts(dry, "stream"), "created"));
        assertEquals(linesBefore, array(get("/api/v1/lines").body()).size());
        assertEquals(channelsBefore, array(get("/api/v1/channels").body()).size());
        assertNull(lineNamed("xcplayer"));

        JsonObject done = runImport(false);
        assertFalse(done.getBoolean("dryRun"));
        JsonObject lines = counts(done, "line");
        assertEquals(308, n(lines, "read"));
        assertEquals(301, n(lines, "created"));
        assertEquals(7, n(lines, "skipped"));
        JsonObject streams = counts(done, "stream");
        assertEquals(74, n(streams, "read"));
        assertEquals(62, n(streams, "created"));
        assertEquals(12, n(streams, "skipped"));
        assertEquals(5, n(counts(done, "category"), "created"));
        assertEquals(1, n(counts(done, "category"), "skipped"));
        assertEquals(4, n(counts(done, "bouquet"), "created"));
        assertEquals(1, n(counts(done, "bouquet"), "skipped"));
        assertEquals(linesBefore + 301, array(get("/api/v1/lines").body()).size());
        assertEquals(channelsBefore + 62, array(get("/api/v1/channels").body()).size());

        // The report names each malformed or conflicting row, and counts the unsupported ones.
        String skipped = done.getJsonObject("report").getJsonArray("skipped").toString();
        for (String expected :
                List.of(
                        "\"xcId\":900301",
                        "\"xcId\":900302",
                        "\"xcId\":900303",
                        "\"xcId\":900304",
                        "\"xcId\":900305",
                        "\"xcId\":1001",
                        "\"xcId\":1002",
                        "\"xcId\":1003",
                        "\"xcId\":1004",
                        "\"xcId\":1006",
                        "\"xcId\":1007",
                        "\"xcId\":7009",
                        "\"xcId\":9011",
                        "unknown stream type 99",
                        "already used")) {
            assertTrue(skipped.contains(expected), expected + " in " + skipped);
        }
        JsonObject reasons = done.getJsonObject("report").getJsonObject("skippedByReason");
        assertEquals(5, n(reasons, "stream: movies and series are not imported (VOD)"));
        assertEquals(1, n(reasons, "stream: radio stations are not supported"));
        assertTrue(
                reasons.keySet().stream().anyMatch(k -> k.startsWith("line: MAG")),
                reasons.toString());
        assertTrue(
                done.getJsonObject("report")
                        .getJsonArray("warnings")
                        .toString()
                        .contains("stream " + taken),
                "the stream whose id was taken is named");
        String text = send(admin("/api/v1/import/xc").setHeader("Accept", "text/plain")).body();
        assertTrue(text.startsWith("DONE"), text);
        assertTrue(text.contains("stream 900301: stream_source is not valid JSON"), text);
        assertFalse(
                text.contains("xcplay1") || done.toString().contains("xcplay1"),
                "no password shown");

        // Lines keep their settings.
        JsonObject trial = lineNamed("xcuser7");
        assertTrue(trial.getBoolean("trial"));
        assertEquals(3, trial.getInt("maxConnections"));
        assertTrue(Instant.parse(trial.getString("expiresAt")).isAfter(Instant.now()));
        assertFalse(trial.getBoolean("allChannels"));
        assertEquals("EXPIRED", lineNamed("xcuser10").getString("status").toUpperCase());
        assertFalse(lineNamed("xcuser25").getBoolean("enabled"));
        assertTrue(lineNamed("xcuser50").getBoolean("banned"));
        assertEquals(
                100_000, lineNamed("xcuser4").getInt("maxConnections"), "0 is unlimited in XC");
        assertEquals("127.0.0.1", lineNamed("xcuser30").getString("allowedIps"));
        assertEquals("VLC,Kodi", lineNamed("xcuser40").getString("allowedUserAgents"));
        assertEquals(2, lineNamed("xcuser2").getJsonArray("bouquets").size(), "XC Full, XC Sports");
        assertEquals(1, lineNamed("xcuser1").getJsonArray("bouquets").size(), "XC Mixed");

        // Channels keep their XC ids, sources in order, and the delivery the stream had.
        JsonObject ch1 = object(get("/api/v1/channels/900001").body());
        assertEquals("XC Channel 1", ch1.getString("name"));
        assertEquals("XC Sports", ch1.getString("categoryName"));
        assertEquals(
                List.of("http://127.0.0.1:9/xc1.ts", "http://127.0.0.1:9/backup1.ts"),
                ch1.getJsonArray("sources").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList());
        assertEquals("FFMPEG", ch1.getString("deliveryMode"));
        assertEquals("COPY", ch1.getString("ffmpegProfile"));
        assertEquals(
                "DIRECT", object(get("/api/v1/channels/900003").body()).getString("deliveryMode"));
        assertEquals(
                "H264_720P",
                object(get("/api/v1/channels/900005").body()).getString("ffmpegProfile"));
        assertEquals(404, get("/api/v1/channels/900201").statusCode(), "movies are not channels");

        // The imported line plays the imported stream by its XC id, recorded like any other.
        long lineId = lineNamed("xcplayer").getJsonNumber("id").longValue();
        try (var player = StreamClient.open("/live/xcplayer/xcplay1/900100.ts")) {
            assertEquals(200, player.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> player.bytes() > 100_000);
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    get("/api/v1/connections/" + player.connectionId()).statusCode()
                                            == 200);
            JsonObject record = object(get("/api/v1/connections/" + player.connectionId()).body());
            assertEquals(lineId, record.getJsonNumber("lineId").longValue());
            assertEquals(900100, record.getJsonNumber("channelId").longValue());
        }
        // Bouquets decide what a line may watch: xcplayer has only XC Player's channel.
        assertEquals(403, status("/live/xcplayer/xcplay1/900001.ts"));
        assertEquals(403, status("/live/xcuser1/pw1x/900100.ts"));
        var playerStreams =
                array(
                        get("/player_api.php?username=xcplayer&password=xcplay1&action=get_live_streams")
                                .body());
        assertEquals(1, playerStreams.size(), playerStreams.toString());
        assertEquals(900100, playerStreams.getJsonObject(0).getJsonNumber("stream_id").longValue());

        // A rerun creates nothing.
        JsonObject again = runImport(false);
        for (String kind : List.of("category", "stream", "bouquet", "line")) {
            assertEquals(0, n(counts(again, kind), "created"), kind + ": " + again);
        }
        assertEquals(301, n(counts(again, "line"), "unchanged"));
        assertEquals(linesBefore + 301, array(get("/api/v1/lines").body()).size());
        assertEquals(channelsBefore + 62, array(get("/api/v1/channels").body()).size());
    }

    @Test
    void refusesWhatItCannotImport() throws IOException {
        var notMysql =
                post(
                        "/api/v1/import/xc",
                        "{\"url\":\"jdbc:h2:mem:x\",\"user\":\"sa\",\"password\":\"\"}");
        assertEquals(400, notMysql.statusCode(), notMysql.body());
        var localFile =
                post(
                        "/api/v1/import/xc",
                        "{\"url\":\"" + XC_URL + "?allowLocalInfile=true\",\"user\":\"root\"}");
        assertEquals(400, localFile.statusCode());
        var anonymous =
                PanelX.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/api/v1/import/xc"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(401, anonymous.statusCode());
    }
}
