package io.panelx.it.xtream;

import static io.panelx.it.PanelX.*;
import static io.panelx.it.xtream.Player.*;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real third-party clients from npm, run with the machine's Node.js against the deployed panel: the
 * Xtream client {@code @iptv/xtream-api}, the M3U parser {@code iptv-playlist-parser} and the XMLTV
 * parser {@code epg-parser} (ear/src/test/node). Each script prints what it understood as JSON.
 */
@ExtendWith(ArquillianExtension.class)
class ThirdPartyClientsIT {

    private static final String LIVE_UNCATEGORISED = "Uncategorized";

    private static final Path NODE_PROJECT = Path.of("src/test/node");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    private static final class Fixture {
        final String group = unique("Docs");
        final long category = createCategory(group);
        final String epgId = "docs." + unique("n");
        final long docs = channel("Docs One", category, epgId, "http://logos/docs.png");
        final long other = channel("Docs Two", category, null, null);
        final String user = unique("node");
        final String password = "pw-node";
        final long line = line(user, password, "\"maxConnections\":3", docs, other);

        final long movie =
                vodId(
                        "/api/v1/vod/movies",
                        "{\"title\":\"Node Film\",\"source\":\"http://127.0.0.1:9/node.mkv\"}");
        final long show = vodId("/api/v1/vod/series", "{\"title\":\"Node Show\"}");
        final long episode =
                vodId(
                        "/api/v1/vod/series/" + show + "/episodes",
                        "{\"season\":1,\"episode\":2,\"source\":\"http://127.0.0.1:9/e.mp4\"}");

        Fixture() {
            // Other tests add movies and series: this line's VOD bouquet holds only these.
            var bouquet =
                    put(
                            "/api/v1/vod/bouquets/" + line,
                            "{\"movies\":[" + movie + "],\"series\":[" + show + "]}");
            assertEquals(200, bouquet.statusCode(), bouquet.body());
            var guide =
                    new Guides()
                            .programme(epgId, -10, 30, "Current Doc", "about now")
                            .programme(epgId, 20, 30, "Next Doc", "about later");
            var r =
                    send(
                            admin("/api/v1/epg/import")
                                    .header("Content-Type", "application/xml")
                                    .POST(HttpRequest.BodyPublishers.ofString(guide.xml())));
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    private static long vodId(String path, String json) {
        var r = post(path, json);
        assertEquals(201, r.statusCode(), r.body());
        return object(r.body()).getJsonNumber("id").longValue();
    }

    private static Fixture fixture;

    private static synchronized Fixture fixture() {
        if (fixture == null) {
            fixture = new Fixture();
        }
        return fixture;
    }

    @Test
    void xtreamClientUnderstandsThePanel() throws Exception {
        var f = fixture();
        JsonObject out =
                node(
                        "xtream-client.js",
                        f.user,
                        f.password,
                        Long.toString(f.docs),
                        Long.toString(f.movie),
                        Long.toString(f.show));
        assertEquals("Active", out.getString("status"));
        assertEquals(1, out.getInt("auth"));
        assertEquals(3, out.getInt("maxConnections"));
        assertFalse(out.getBoolean("isTrial"));
        assertEquals("127.0.0.1", out.getString("serverUrl"));
        assertEquals(List.of(f.group), strings(out, "categories"));
        assertEquals(List.of(Long.toString(f.category)), strings(out, "stdCategoryIds"));
        var channels = out.getJsonArray("channels");
        assertEquals(2, channels.size());
        var first = channels.getJsonObject(0);
        assertEquals(f.docs, first.getJsonNumber("id").longValue());
        assertEquals(
                BASE + "/live/" + f.user + "/" + f.password + "/" + f.docs + ".m3u8",
                first.getString("url"));
        assertEquals(1, out.getInt("pageSize"));
        var std = out.getJsonArray("stdChannels").getJsonObject(0);
        assertEquals(f.epgId, std.getString("epgId"));
        assertEquals(List.of(Long.toString(f.category)), strings(std, "categoryIds"));
        assertFalse(std.getString("created").startsWith("1970"), "added parsed as Unix seconds");
        assertEquals(1, out.getInt("movies"));
        assertEquals(1, out.getInt("shows"));
        String creds = f.user + "/" + f.password + "/";
        var movie = out.getJsonArray("movieList").getJsonObject(0);
        assertEquals(f.movie, movie.getJsonNumber("id").longValue());
        assertEquals(BASE + "/movie/" + creds + f.movie + ".mkv", movie.getString("url"));
        assertEquals(List.of(LIVE_UNCATEGORISED), strings(out, "movieCategories"));
        assertEquals("Node Film", out.getJsonObject("movie").getString("name"));
        assertEquals(
                BASE + "/movie/" + creds + f.movie + ".mkv",
                out.getJsonObject("movie").getString("url"));
        assertEquals("Node Show", out.getJsonObject("show").getString("name"));
        assertEquals(
                List.of(BASE + "/series/" + creds + f.episode + ".mp4"),
                strings(out.getJsonObject("show"), "episodeUrls"));
        assertEquals(Long.toString(f.movie), out.getJsonObject("stdMovie").getString("id"));
        assertFalse(out.getJsonObject("stdMovie").getString("created").startsWith("1970"));
        var stdEpisode = out.getJsonObject("stdShow").getJsonArray("episodes").getJsonObject(0);
        assertEquals(2, stdEpisode.getInt("number"));
        assertEquals(1, stdEpisode.getInt("season"));
        assertEquals(List.of("Current Doc", "Next Doc"), strings(out, "shortEpg"));
        assertEquals(List.of("Current Doc", "Next Doc"), strings(out, "stdEpg"));
        assertEquals(2, out.getInt("fullEpg"));
    }

    /**
     * The demo movie and series a first start makes (DemoLibrary): the client lists them for the
     * demo line, and their URLs play. The ITs' database is new each run but their VOD root is not,
     * so a scan brings the demo files in whichever run made them.
     */
    @Test
    void xtreamClientListsTheDemoMovieAndSeries() throws Exception {
        Path demo = io.panelx.it.vod.Library.ROOT.resolve("PanelX Demo");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(180))
                .until(() -> Files.isDirectory(demo));
        io.panelx.it.vod.Library.scan();
        long movie = demoId("movies", "PanelX Demo Movie");
        long show = demoId("series", "PanelX Demo Show");
        var episodes = array(get("/api/v1/vod/series/" + show + "/episodes").body());
        assertEquals(2, episodes.size(), episodes.toString());

        JsonObject out = node("xtream-client.js", "demo", "demo", "", "" + movie, "" + show);
        String creds = "demo/demo/";
        assertTrue(
                out.getJsonArray("movieList").getValuesAs(JsonObject.class).stream()
                        .anyMatch(m -> m.getString("name").equals("PanelX Demo Movie")),
                out.toString());
        assertTrue(
                out.getJsonArray("showList").getValuesAs(JsonObject.class).stream()
                        .anyMatch(m -> m.getString("name").equals("PanelX Demo Show")),
                out.toString());
        JsonObject m = out.getJsonObject("movie");
        assertEquals("PanelX Demo Movie", m.getString("name"));
        assertEquals(12, m.getInt("duration"));
        assertEquals(BASE + "/movie/" + creds + movie + ".mp4", m.getString("url"));
        JsonObject s = out.getJsonObject("show");
        assertEquals("PanelX Demo Show", s.getString("name"));
        var expected = new ArrayList<String>();
        for (var e : episodes.getValuesAs(JsonObject.class)) {
            expected.add(BASE + "/series/" + creds + e.getJsonNumber("id").longValue() + ".mp4");
        }
        assertEquals(expected, strings(s, "episodeUrls"));
        assertEquals(
                List.of("h264", "aac"), io.panelx.it.Players.ffprobeCodecs(m.getString("url")));
        assertEquals(List.of("h264", "aac"), io.panelx.it.Players.ffprobeCodecs(expected.get(1)));
    }

    /** The id of the demo item of that title (scanned from the demo folder). */
    private static long demoId(String list, String title) {
        for (var v :
                array(get("/api/v1/vod/" + list + "?q=" + title.replace(" ", "+")).body())
                        .getValuesAs(JsonObject.class)) {
            String path =
                    list.equals("movies")
                            ? v.getJsonObject("file").getString("libraryPath", "")
                            : v.getString("libraryPath", "");
            if (v.getString("title").equals(title) && path.startsWith("PanelX Demo/")) {
                return v.getJsonNumber("id").longValue();
            }
        }
        throw new AssertionError("no demo item " + title);
    }

    @Test
    void m3uParserReadsThePlaylist() throws Exception {
        var f = fixture();
        JsonObject out = node("playlist.js", f.user, f.password);
        assertEquals(
                BASE + "/xmltv.php?username=" + f.user + "&password=" + f.password,
                out.getJsonObject("header").getString("url-tvg"));
        var items = out.getJsonArray("items");
        assertEquals(4, items.size(), "two channels, then the movie and the episode");
        var film = items.getJsonObject(2);
        assertEquals("Node Film", film.getString("name"));
        assertEquals(
                BASE + "/movie/" + f.user + "/" + f.password + "/" + f.movie + ".mkv",
                film.getString("url"));
        var episode = items.getJsonObject(3);
        assertEquals("Node Show S01 E02", episode.getString("name"));
        assertEquals(
                BASE + "/series/" + f.user + "/" + f.password + "/" + f.episode + ".mp4",
                episode.getString("url"));
        var docs = items.getJsonObject(0);
        assertEquals("Docs One", docs.getString("name"));
        assertEquals(f.epgId, docs.getString("tvgId"));
        assertEquals("Docs One", docs.getString("tvgName"));
        assertEquals("http://logos/docs.png", docs.getString("tvgLogo"));
        assertEquals(f.group, docs.getString("group"));
        assertEquals(
                BASE + "/live/" + f.user + "/" + f.password + "/" + f.docs + ".m3u8",
                docs.getString("url"));
    }

    @Test
    void xmltvParserReadsTheGuide() throws Exception {
        var f = fixture();
        JsonObject out = node("xmltv.js", f.user, f.password);
        var channels = out.getJsonArray("channels");
        assertEquals(1, channels.size());
        assertEquals(f.epgId, channels.getJsonObject(0).getString("id"));
        assertEquals("Docs One", channels.getJsonObject(0).getString("name"));
        var programmes = out.getJsonArray("programmes");
        assertEquals(2, programmes.size());
        assertEquals("Current Doc", programmes.getJsonObject(0).getString("title"));
        assertEquals(f.epgId, programmes.getJsonObject(0).getString("channel"));
        assertTrue(
                programmes.getJsonObject(0).getString("start").endsWith("Z"),
                programmes.toString());
    }

    private static List<String> strings(JsonObject o, String key) {
        return o.getJsonArray(key).stream().map(v -> ((JsonString) v).getString()).toList();
    }

    /** Runs a check script and returns the JSON it printed; fails with its stderr otherwise. */
    private static JsonObject node(String script, String... args) throws Exception {
        String node = executable("node");
        installClients();
        var command = new ArrayList<>(List.of(node, script, BASE));
        command.addAll(List.of(args));
        var result = run(command, 120);
        assertEquals(0, result.exit, script + " failed:\n" + result.stderr + result.stdout);
        String lastLine = result.stdout.strip();
        lastLine = lastLine.substring(lastLine.lastIndexOf('\n') + 1);
        return object(lastLine);
    }

    private static synchronized void installClients() throws Exception {
        if (Files.isDirectory(NODE_PROJECT.resolve("node_modules/@iptv/xtream-api"))
                && Files.isDirectory(NODE_PROJECT.resolve("node_modules/iptv-playlist-parser"))
                && Files.isDirectory(NODE_PROJECT.resolve("node_modules/epg-parser"))) {
            return;
        }
        var result = run(List.of(executable("npm"), "ci", "--no-audit", "--no-fund"), 600);
        assertEquals(
                0,
                result.exit,
                "npm ci failed in " + NODE_PROJECT.toAbsolutePath() + ":\n" + result.stderr);
    }

    private static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail(
                name
                        + " not found on PATH: these checks need Node.js 18+ (Debian: apt-get install -y"
                        + " nodejs npm)");
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(List<String> command, int timeoutSeconds) throws Exception {
        Path stdout = Files.createTempFile("panelx-node", ".out");
        Path stderr = Files.createTempFile("panelx-node", ".err");
        try {
            Process p =
                    new ProcessBuilder(command)
                            .directory(NODE_PROJECT.toFile())
                            .redirectOutput(stdout.toFile())
                            .redirectError(stderr.toFile())
                            .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            delete(stdout);
            delete(stderr);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }
}
