package io.panelx.it.xtream;

import static io.panelx.it.PanelX.*;
import static io.panelx.it.xtream.Player.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import io.panelx.it.PanelX;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue.ValueType;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * EPG: XMLTV import (upload, gzip, URL, schedule), matching by EPG id, pruning of old programmes,
 * then the guide as players read it: get_short_epg, get_simple_data_table and /xmltv.php.
 */
@ExtendWith(ArquillianExtension.class)
class EpgIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    private static HttpResponse<String> upload(String contentType, byte[] body) {
        return send(
                admin("/api/v1/epg/import")
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static JsonObject imported(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return object(r.body());
    }

    @Test
    void importedGuideIsServedToPlayers() throws Exception {
        String u = unique("g");
        String a = "a." + u;
        String b = "b." + u;
        long category = createCategory(unique("Guide"));
        long chA = channel("Guide A", category, a, null);
        long chB = channel("Guide B", category, b, null);
        long chC = channel("Guide C", category, null, null);
        String user = unique("epg");
        line(user, "pw", null, chA, chB, chC);
        String narrow = unique("epg-narrow");
        line(narrow, "pw", null, chA);

        var plain =
                new Guides()
                        .channel(a, "A")
                        .programme(a, -180, 60, "Earlier Show", "was on")
                        .programme(a, -10, 30, "Now Show", "Ünïcode & <more>")
                        .programme(a, 20, 30, "Next Show", null)
                        .programme(a, 50, 30, "Later Show", "later")
                        .programme(a, -3000, 60, "Ancient Show", "pruned")
                        .programme("zz." + u, 0, 60, "Unknown Channel Show", null)
                        .raw(
                                "<programme start=\"20250101000000 +0000\" channel=\""
                                        + a
                                        + "\"><title>No stop</title></programme>");
        var result =
                imported(upload("application/xml", plain.xml().getBytes(StandardCharsets.UTF_8)));
        assertEquals(4, result.getInt("programmes"), result.toString());
        assertEquals(1, result.getInt("channels"));
        assertEquals(1, result.getInt("unknownChannel"));
        assertEquals(1, result.getInt("tooOld"));
        assertEquals(1, result.getInt("malformed"));

        var gz =
                new Guides().programme(b, -5, 60, "B Now", "b").programme(b, 55, 60, "B Next", "b");
        assertEquals(2, imported(upload("application/gzip", gz.gzip())).getInt("programmes"));

        // get_short_epg: the current programme first, exact types, base64 texts
        var shortEpg = shortEpg(user, chA, "&limit=2");
        assertEquals(2, shortEpg.size());
        var now = shortEpg.getJsonObject(0);
        assertEquals("Now Show", b64(now.getString("title")));
        assertEquals("Ünïcode & <more>", b64(now.getString("description")));
        assertEquals("Next Show", b64(shortEpg.getJsonObject(1).getString("title")));
        for (String key :
                List.of(
                        "id",
                        "epg_id",
                        "title",
                        "lang",
                        "start",
                        "end",
                        "description",
                        "start_timestamp",
                        "stop_timestamp")) {
            assertEquals(ValueType.STRING, now.get(key).getValueType(), key);
        }
        assertTrue(now.getString("start").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertTrue(now.getString("end").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertTrue(now.getString("start_timestamp").matches("\\d{10}"));
        assertTrue(now.getString("stop_timestamp").matches("\\d{10}"));
        assertEquals("en", now.getString("lang"));
        assertEquals(1, now.getInt("now_playing"));
        assertEquals(0, shortEpg.getJsonObject(1).getInt("now_playing"));
        assertEquals(0, now.getInt("has_archive"));
        var fourByDefault = shortEpg(user, chA, "");
        assertEquals(3, fourByDefault.size(), "default limit 4, three programmes still to come");
        var huge = shortEpg(user, chA, "&limit=2147483647");
        assertEquals(3, huge.size());
        var none = shortEpg(user, chC, "");
        assertEquals(0, none.size(), "no EPG id, no guide");

        // get_simple_data_table: the recent past too
        var table =
                object(api(user, "pw", "&action=get_simple_data_table&stream_id=" + chA).body())
                        .getJsonArray("epg_listings");
        assertEquals(4, table.size());
        assertEquals("Earlier Show", b64(table.getJsonObject(0).getString("title")));

        // /xmltv.php: the line's channels only, XMLTV times, channel ids = tvg-id
        var xmltv = Player.fetch("/xmltv.php?username=" + user + "&password=pw");
        assertEquals(200, xmltv.statusCode());
        assertTrue(xmltv.headers().firstValue("Content-Type").orElse("").contains("xml"));
        var guide = parse(xmltv.body());
        assertEquals(List.of(a, b), guide.channels);
        assertEquals(4, guide.programmes.get(a).size());
        assertEquals(2, guide.programmes.get(b).size());
        assertEquals("Now Show", guide.programmes.get(a).get(1));
        assertTrue(
                guide.times.stream().allMatch(t -> t.matches("\\d{14} \\+0000")),
                guide.times.toString());
        var narrowGuide =
                parse(Player.fetch("/xmltv.php?username=" + narrow + "&password=pw").body());
        assertEquals(List.of(a), narrowGuide.channels);
        assertNull(narrowGuide.programmes.get(b));

        // a new guide replaces a channel's programmes and leaves other channels alone
        imported(
                upload(
                        "text/xml",
                        new Guides()
                                .programme(a, -1, 120, "Replacement", null)
                                .xml()
                                .getBytes(StandardCharsets.UTF_8)));
        var replaced = parse(Player.fetch("/xmltv.php?username=" + user + "&password=pw").body());
        assertEquals(List.of("Replacement"), replaced.programmes.get(a));
        assertEquals(2, replaced.programmes.get(b).size());
    }

    @Test
    void importFromUrl() throws Exception {
        String epgId = "url." + unique("g");
        long ch = channel("Url Guide", null, epgId, null);
        String user = unique("epg-url");
        line(user, "pw", null, ch);
        byte[] gz = new Guides().programme(epgId, -5, 60, "From URL", null).gzip();
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext(
                "/guide.xml.gz",
                exchange -> {
                    exchange.sendResponseHeaders(200, gz.length);
                    exchange.getResponseBody().write(gz);
                    exchange.close();
                });
        origin.start();
        try {
            String url =
                    "http://127.0.0.1:"
                            + origin.getAddress().getPort()
                            + "/guide.xml.gz?token=secret";
            var r = post("/api/v1/epg/import", "{\"url\":\"" + url + "\"}");
            assertEquals(1, imported(r).getInt("programmes"));
            assertEquals(
                    "From URL", b64(shortEpg(user, ch, "").getJsonObject(0).getString("title")));
            var missing =
                    post(
                            "/api/v1/epg/import",
                            "{\"url\":\"http://127.0.0.1:"
                                    + origin.getAddress().getPort()
                                    + "/nothing\"}");
            assertEquals(502, missing.statusCode(), missing.body());
        } finally {
            origin.stop(0);
        }
    }

    @Test
    void badImportsAreClear4xx() {
        assertEquals(400, post("/api/v1/epg/import", "{}").statusCode());
        assertEquals(
                400, post("/api/v1/epg/import", "{\"url\":\"file:///etc/passwd\"}").statusCode());
        assertEquals(400, post("/api/v1/epg/import", "{\"url\":\"/etc/passwd\"}").statusCode());
        var broken =
                upload("application/xml", "<tv><programme start=".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, broken.statusCode(), broken.body());
        assertFalse(broken.body().contains("Exception"), broken.body());
        var notGzip = upload("application/gzip", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        assertEquals(400, notGzip.statusCode(), notGzip.body());
        var unauthenticated =
                Player.anonymous(
                        HttpRequest.newBuilder(java.net.URI.create(BASE + "/api/v1/epg/import"))
                                .header("Content-Type", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofString("<tv/>")));
        assertEquals(401, unauthenticated.statusCode());
    }

    @Test
    void externalEntitiesAreNotResolved() throws Exception {
        String epgId = "xxe." + unique("g");
        long ch = channel("Xxe Guide", null, epgId, null);
        String user = unique("epg-xxe");
        line(user, "pw", null, ch);
        Path secret = Files.createTempFile("panelx-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String start = Guides.XMLTV.format(java.time.Instant.now().minusSeconds(300));
        String stop = Guides.XMLTV.format(java.time.Instant.now().plusSeconds(3600));
        String doc =
                "<?xml version=\"1.0\"?><!DOCTYPE tv [<!ENTITY xxe SYSTEM \""
                        + secret.toUri()
                        + "\">]><tv><programme start=\""
                        + start
                        + "\" stop=\""
                        + stop
                        + "\" channel=\""
                        + epgId
                        + "\"><title>&xxe;</title></programme></tv>";
        var r = upload("application/xml", doc.getBytes(StandardCharsets.UTF_8));
        assertTrue(r.statusCode() == 200 || r.statusCode() == 400, r.statusCode() + " " + r.body());
        assertFalse(
                Player.fetch("/xmltv.php?username=" + user + "&password=pw")
                        .body()
                        .contains("TOP-SECRET"));
        assertFalse(r.body().contains("TOP-SECRET"));
    }

    @Test
    void configuredSourceIsImportedOnSchedule() throws Exception {
        // The test build points panelx.epg.sources at this file and refreshes every minute.
        Path file = Path.of(System.getProperty("panelx.it.epg-file"));
        String epgId = "scheduled.it";
        long ch = channel("Scheduled Guide", null, epgId, null);
        String user = unique("epg-sched");
        line(user, "pw", null, ch);
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.write(part, new Guides().programme(epgId, -5, 60, "Scheduled Show", null).gzip());
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> shortEpg(user, ch, "").size() == 1);
    }

    private static String b64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    record Parsed(
            List<String> channels, Map<String, List<String>> programmes, List<String> times) {}

    static Parsed parse(String xml) throws Exception {
        var channels = new ArrayList<String>();
        var programmes = new HashMap<String, List<String>>();
        var times = new ArrayList<String>();
        var r = XMLInputFactory.newFactory().createXMLStreamReader(new StringReader(xml));
        String current = null;
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "channel" -> channels.add(r.getAttributeValue(null, "id"));
                    case "programme" -> {
                        current = r.getAttributeValue(null, "channel");
                        times.add(r.getAttributeValue(null, "start"));
                        times.add(r.getAttributeValue(null, "stop"));
                    }
                    case "title" ->
                            programmes
                                    .computeIfAbsent(current, k -> new ArrayList<>())
                                    .add(r.getElementText());
                    default -> {}
                }
            }
        }
        return new Parsed(channels, programmes, times);
    }

    /** get_short_epg of a channel for a line with password "pw"; {@code extra}: "&limit=N". */
    static jakarta.json.JsonArray shortEpg(String user, long channel, String extra) {
        return object(api(user, "pw", "&action=get_short_epg&stream_id=" + channel + extra).body())
                .getJsonArray("epg_listings");
    }
}
