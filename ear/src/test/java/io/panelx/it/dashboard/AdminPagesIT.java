package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.array;
import static io.panelx.it.PanelX.get;
import static io.panelx.it.PanelX.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.panelx.it.PanelX;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The admin pages in a real browser: CRUD through the forms, M3U import, the history page. */
@ExtendWith(ArquillianExtension.class)
class AdminPagesIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void lineCrudThroughThePage() {
        String username = unique("page");
        try (var browser = new Browser()) {
            browser.login();
            browser.open("/admin/lines.html");
            var wait = browser.waitUpTo(Duration.ofSeconds(10));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("new-line"))).click();
            var dialog = browser.find("#line-dialog");
            dialog.findElement(By.name("username")).sendKeys(username);
            dialog.findElement(By.name("password")).sendKeys("page-secret");
            var max = dialog.findElement(By.name("maxConnections"));
            max.clear();
            max.sendKeys("2");
            browser.find("#save-line").click();

            By row = By.cssSelector("tr[data-username='" + username + "']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(row));
            JsonObject created = lineNamed(username).orElseThrow();
            assertEquals(2, created.getInt("maxConnections"));
            assertEquals("Active", created.getString("status"));

            browser.driver.findElement(row).findElement(By.cssSelector("button.edit")).click();
            max = browser.find("#line-dialog").findElement(By.name("maxConnections"));
            max.clear();
            max.sendKeys("3");
            browser.find("#line-dialog").findElement(By.name("banned")).click();
            browser.find("#save-line").click();
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("tr[data-username='" + username + "'] .badge"),
                            "Banned"));
            assertEquals(3, lineNamed(username).orElseThrow().getInt("maxConnections"));

            browser.driver.findElement(row).findElement(By.cssSelector("button.delete")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
            assertTrue(lineNamed(username).isEmpty(), "deleted");
        }
    }

    @Test
    void channelWithBackupsThroughThePage() {
        String name = unique("Page channel");
        try (var browser = new Browser()) {
            browser.login();
            browser.open("/admin/channels.html");
            var wait = browser.waitUpTo(Duration.ofSeconds(10));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("new-channel"))).click();
            var dialog = browser.find("#channel-dialog");
            dialog.findElement(By.name("name")).sendKeys(name);
            dialog.findElement(By.name("sources"))
                    .sendKeys("http://127.0.0.1:9/primary.ts\nhttp://127.0.0.1:9/backup.ts");
            new Select(dialog.findElement(By.name("deliveryMode"))).selectByValue("FFMPEG");
            new Select(dialog.findElement(By.name("ffmpegProfile"))).selectByValue("H264_720P");
            browser.find("#save-channel").click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("channels"), name));
        }
        JsonObject channel =
                array(get("/api/v1/channels").body()).stream()
                        .map(v -> v.asJsonObject())
                        .filter(c -> c.getString("name").equals(name))
                        .findFirst()
                        .orElseThrow();
        assertEquals("FFMPEG", channel.getString("deliveryMode"));
        assertEquals("H264_720P", channel.getString("ffmpegProfile"));
        assertEquals(2, channel.getJsonArray("sources").size());
        assertEquals("http://127.0.0.1:9/backup.ts", channel.getJsonArray("sources").getString(1));
    }

    @Test
    void aPushChannelShowsWhereToPublish() {
        var r =
                PanelX.post(
                        "/api/v1/channels",
                        "{\"name\":\""
                                + unique("Page push")
                                + "\",\"deliveryMode\":\"FFMPEG\",\"sources\":[\"push:studio\"]}");
        assertEquals(201, r.statusCode(), r.body());
        JsonObject channel = PanelX.object(r.body());
        long id = channel.getJsonNumber("id").longValue();
        String ingestUrl = channel.getString("ingestUrl");
        try (var browser = new Browser()) {
            browser.login();
            browser.open("/admin/channels.html");
            var wait = browser.waitUpTo(Duration.ofSeconds(10));
            By row = By.cssSelector("tr[data-channel-id='" + id + "']");
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("tr[data-channel-id='" + id + "'] .ingest-url"),
                            ingestUrl));
            browser.driver.findElement(row).findElement(By.cssSelector("button.edit")).click();
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("#channel-dialog .ingest code"), ingestUrl));
        } finally {
            PanelX.delete("/api/v1/channels/" + id);
        }
    }

    @Test
    void importAnM3uFileThroughThePage() throws Exception {
        String group = unique("Imported");
        Path playlist = Files.createTempFile("panelx-import-", ".m3u");
        Files.writeString(
                playlist,
                "#EXTM3U\n"
                        + "#EXTINF:-1 tvg-id=\"one.it\" tvg-logo=\"http://logos/one.png\" group-title=\""
                        + group
                        + "\",Import One\n"
                        + "http://127.0.0.1:9/one.ts\n"
                        + "#EXTINF:-1 group-title=\""
                        + group
                        + "\",Import Two, with comma\n"
                        + "http://127.0.0.1:9/two.ts\n");
        try (var browser = new Browser()) {
            browser.login();
            browser.open("/admin/import.html");
            var wait = browser.waitUpTo(Duration.ofSeconds(10));
            WebElement file =
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.name("file")));
            file.sendKeys(playlist.toString());
            browser.find("#import").click();
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.id("result-title"), "2 of 2 channels imported"));
        } finally {
            Files.deleteIfExists(playlist);
        }
        var imported =
                array(get("/api/v1/channels").body()).stream()
                        .map(v -> v.asJsonObject())
                        .filter(c -> group.equals(c.getString("categoryName", null)))
                        .toList();
        assertEquals(2, imported.size(), imported.toString());
        var one =
                imported.stream()
                        .filter(c -> c.getString("name").equals("Import One"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("one.it", one.getString("epgId"));
        assertEquals("http://logos/one.png", one.getString("logo"));
        assertEquals("DIRECT", one.getString("deliveryMode"));
        assertTrue(
                imported.stream()
                        .anyMatch(c -> c.getString("name").equals("Import Two, with comma")));
    }

    @Test
    void importFromAUrlOverTheApi() throws Exception {
        String group = unique("FromUrl");
        byte[] playlist =
                ("#EXTM3U\n#EXTINF:-1 tvg-id=\"u1\" group-title=\""
                                + group
                                + "\",Url One\nhttp://127.0.0.1:9/u1.ts\n"
                                + "#EXTINF:-1,Broken\nnot a url\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var server =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/get.m3u",
                exchange -> {
                    exchange.sendResponseHeaders(200, playlist.length);
                    try (var body = exchange.getResponseBody()) {
                        body.write(playlist);
                    }
                });
        server.start();
        try {
            var r =
                    PanelX.post(
                            "/api/v1/channels/import",
                            "{\"url\":\"http://127.0.0.1:"
                                    + server.getAddress().getPort()
                                    + "/get.m3u\"}");
            assertEquals(200, r.statusCode(), r.body());
            var result = PanelX.object(r.body());
            assertEquals(2, result.getInt("entries"));
            assertEquals(1, result.getInt("created"));
            assertEquals(1, result.getJsonArray("skipped").size(), r.body());
            assertEquals(group, result.getJsonArray("categoriesCreated").getString(0));
        } finally {
            server.stop(0);
        }
        var bad = PanelX.post("/api/v1/channels/import", "{\"url\":\"ftp://example/x.m3u\"}");
        assertEquals(400, bad.statusCode(), bad.body());
    }

    @Test
    void historyPageShowsTotals() {
        try (var browser = new Browser()) {
            browser.login();
            browser.open("/admin/history.html");
            browser.waitUpTo(Duration.ofSeconds(10))
                    .until(
                            ExpectedConditions.not(
                                    ExpectedConditions.textToBe(By.id("s-count"), "-")));
            assertTrue(browser.find("#s-hours").getText().matches("[0-9.]+"));
        }
    }

    private static Optional<JsonObject> lineNamed(String username) {
        return array(get("/api/v1/lines").body()).stream()
                .map(v -> v.asJsonObject())
                .filter(l -> l.getString("username").equals(username))
                .findFirst();
    }
}
