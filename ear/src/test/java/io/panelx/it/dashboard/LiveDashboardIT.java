package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.BASE;
import static io.panelx.it.PanelX.createChannel;
import static io.panelx.it.PanelX.createLine;
import static io.panelx.it.PanelX.get;
import static io.panelx.it.PanelX.object;
import static io.panelx.it.PanelX.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.panelx.it.PanelX;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The acceptance test of the dashboard: real players on a direct-proxy channel (fed by an FFmpeg
 * upstream started here) and on the demo FFmpeg channel appear on an open dashboard within 2 s with
 * the right origin; killing one from the page ends the player and removes its row.
 */
@ExtendWith(ArquillianExtension.class)
class LiveDashboardIT {

    /** The target: a viewer is on the dashboard within 2 s of connecting. */
    static final long PUSH_TARGET_MILLIS = 2000;

    static final long DEMO_FFMPEG_CHANNEL = 1;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void playersAppearWithTheirOriginAndAKillEndsThePlayer() throws Exception {
        int upstreamPort = freePort();
        String user = unique("viewer");
        createLine(
                "{\"username\":\""
                        + user
                        + "\",\"password\":\"pw\",\"maxConnections\":20,\"neverExpires\":true}");
        long proxyChannel =
                createChannel(
                        "{\"name\":\""
                                + unique("Proxy test")
                                + "\",\"deliveryMode\":\"DIRECT\",\"onDemand\":true,"
                                + "\"sources\":[\"http://127.0.0.1:"
                                + upstreamPort
                                + "/up.ts\"]}");
        var readers = new ArrayList<Reader>();
        try (var upstream = Player.upstream(upstreamPort, "upstream");
                var browser = new Browser()) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> listening(upstreamPort) || !upstream.alive());
            assertTrue(upstream.alive(), "upstream ffmpeg runs (see target/players/upstream.log)");

            browser.login();

            try (var proxyPlayer =
                            Player.ffmpeg(
                                    streamUrl(user, proxyChannel), "PanelX-IT proxy", "proxy");
                    var ffmpegPlayer =
                            Player.ffmpeg(
                                    streamUrl(user, DEMO_FFMPEG_CHANNEL),
                                    "PanelX-IT ffmpeg",
                                    "ffmpeg")) {
                // A cold channel takes a few seconds to start; the 2 s are measured from the
                // connection's admission to the row showing up (see assertPushedInTime).
                Row proxyRow = rowOf(browser, "PanelX-IT proxy");
                Row ffmpegRow = rowOf(browser, "PanelX-IT ffmpeg");
                assertEquals("PROXY", proxyRow.origin());
                assertEquals("FFMPEG", ffmpegRow.origin());
                assertPushedInTime(proxyRow);
                assertPushedInTime(ffmpegRow);

                // Some load for the screenshot: more viewers on both channels.
                for (int i = 0; i < 8; i++) {
                    long channel = i % 2 == 0 ? proxyChannel : DEMO_FFMPEG_CHANNEL;
                    readers.add(
                            new Reader(
                                    streamUrl(user, channel),
                                    List.of(
                                                    "VLC/3.0.18 LibVLC/3.0.18",
                                                    "TiviMate/4.7.0",
                                                    "IPTVSmartersPro",
                                                    "Kodi/20.2")
                                            .get(i % 4)));
                }
                browser.waitUpTo(Duration.ofSeconds(30))
                        .until(
                                d ->
                                        d.findElements(By.cssSelector("tr[data-connection-id]"))
                                                        .size()
                                                >= 10);
                screenshots(browser);

                String killedId = proxyRow.id();
                browser.clickFresh("tr[data-connection-id='" + killedId + "'] button.kill");
                browser.waitUpTo(Duration.ofMillis(PUSH_TARGET_MILLIS))
                        .until(
                                ExpectedConditions.invisibilityOfElementLocated(
                                        By.cssSelector(
                                                "tr[data-connection-id='" + killedId + "']")));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !proxyPlayer.alive());
                Awaitility.await()
                        .atMost(Duration.ofSeconds(15))
                        .until(
                                () ->
                                        "KILLED_BY_ADMIN"
                                                .equals(
                                                        object(
                                                                        get("/api/v1/connections/"
                                                                                        + killedId)
                                                                                .body())
                                                                .getString("endReason", "")));
                assertTrue(ffmpegPlayer.alive(), "the other player keeps playing");

                // Closing a player removes its row too.
                String closedId = ffmpegRow.id();
                ffmpegPlayer.close();
                browser.waitUpTo(Duration.ofSeconds(5))
                        .until(
                                ExpectedConditions.invisibilityOfElementLocated(
                                        By.cssSelector(
                                                "tr[data-connection-id='" + closedId + "']")));
            }
        } finally {
            readers.forEach(Reader::close);
        }
    }

    /** A connection row as the page showed it, read in one go (the table re-renders often). */
    record Row(String id, String origin, long seen, long started) {}

    private static Row rowOf(Browser browser, String userAgent) {
        return browser.waitUpTo(Duration.ofSeconds(30))
                .until(
                        d -> {
                            Object found =
                                    ((JavascriptExecutor) d)
                                            .executeScript(
                                                    "const tr = [...document.querySelectorAll("
                                                            + "'tr[data-connection-id]')].find(r =>"
                                                            + " r.querySelector('td.ua').title"
                                                            + " === arguments[0]);"
                                                            + "return tr ? [tr.dataset.connectionId,"
                                                            + " tr.querySelector('.origin')"
                                                            + ".textContent.trim(), tr.dataset.seen,"
                                                            + " tr.dataset.started] : null;",
                                                    userAgent);
                            if (found == null) {
                                return null;
                            }
                            List<?> cells = (List<?>) found;
                            return new Row(
                                    (String) cells.get(0),
                                    (String) cells.get(1),
                                    Long.parseLong((String) cells.get(2)),
                                    Long.parseLong((String) cells.get(3)));
                        });
    }

    /** The page notes when it first showed a row; the server stamped the admission. */
    private static void assertPushedInTime(Row row) {
        assertTrue(
                row.seen() - row.started() <= PUSH_TARGET_MILLIS,
                "on the dashboard " + (row.seen() - row.started()) + " ms after admission");
    }

    private static void screenshots(Browser browser) {
        // Let the graph and the rates fill for a few snapshots so the picture shows something.
        browser.waitUpTo(Duration.ofSeconds(40))
                .until(
                        d ->
                                ((Number)
                                                        ((JavascriptExecutor) d)
                                                                .executeScript(
                                                                        "return window.panelxLive.pointsWithViewers"))
                                                .intValue()
                                        >= 8);
        browser.driver.manage().window().setSize(new Dimension(1280, 1250));
        browser.screenshot(Path.of("target/screenshots/dashboard.png"));
        browser.driver.manage().window().setSize(new Dimension(390, 1600));
        browser.screenshot(Path.of("target/screenshots/dashboard-phone.png"));
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
        assertTrue(Files.exists(Path.of("target/screenshots/dashboard.png")));
    }

    private static String streamUrl(String user, long channel) {
        return BASE + "/live/" + user + "/pw/" + channel + ".ts";
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Looks for the port in LISTEN state without connecting: ffmpeg -listen serves one client. */
    private static boolean listening(int port) throws IOException {
        String hex = String.format(":%04X ", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (Files.exists(p)
                    && Files.readAllLines(p).stream()
                            .anyMatch(
                                    l ->
                                            l.contains(hex)
                                                    && l.substring(l.indexOf(hex))
                                                            .contains(" 0A "))) {
                return true;
            }
        }
        return false;
    }

    /** A light viewer: reads a stream on a thread and throws the bytes away. */
    static final class Reader implements AutoCloseable {
        private final Thread thread;
        private volatile HttpURLConnection connection;

        Reader(String url, String userAgent) {
            thread =
                    new Thread(
                            () -> {
                                try {
                                    connection =
                                            (HttpURLConnection)
                                                    URI.create(url).toURL().openConnection();
                                    connection.setRequestProperty("User-Agent", userAgent);
                                    connection.setReadTimeout(30_000);
                                    try (InputStream in = connection.getInputStream()) {
                                        byte[] buffer = new byte[64 * 1024];
                                        while (in.read(buffer) >= 0) {
                                            // drained like a player would
                                        }
                                    }
                                } catch (IOException e) {
                                    // closed by the test or by the server
                                }
                            },
                            "reader");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            var c = connection;
            if (c != null) {
                c.disconnect();
            }
            thread.interrupt();
        }
    }
}
