package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.array;
import static io.panelx.it.PanelX.get;
import static io.panelx.it.PanelX.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.panelx.it.PanelX;
import io.panelx.it.vod.Library;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Movies and Series pages in a real browser, over a library of FFmpeg-made files: a movie's
 * title edited through the form survives a rescan started and followed on the page; a series shows
 * its episodes by season.
 */
@ExtendWith(ArquillianExtension.class)
class VodPagesIT {

    static final String FILM = "Pages/Page Film (2019).mp4";
    static final String SHOW = "Pages/Page Show";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @BeforeAll
    static void library() throws Exception {
        Library.clear("Pages");
        Library.put(Library.clip("mp4"), FILM);
        Library.put(Library.clip("mkv"), SHOW + "/Season 01/Page Show S01E01.mkv");
        Library.put(Library.clip("mkv"), SHOW + "/Season 01/Page Show S01E02 Second.mkv");
        Library.scan();
        // A title edited by an earlier run survives rescans (there is no .nfo): start afresh.
        JsonObject film = find("movies", "libraryPath", FILM);
        var r =
                PanelX.put(
                        "/api/v1/vod/movies/" + film.getJsonNumber("id").longValue(),
                        "{\"title\":\"Page Film\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    static JsonObject find(String list, String field, String value) {
        for (JsonValue v : array(get("/api/v1/vod/" + list + "?limit=50000").body())) {
            JsonObject o = v.asJsonObject();
            JsonObject holder = list.equals("movies") ? o.getJsonObject("file") : o;
            if (value.equals(holder.getString(field, null))) return o;
        }
        return null;
    }

    @Test
    void editAMoviesTitleAndSeeARescanComplete() {
        JsonObject movie = find("movies", "libraryPath", FILM);
        assertNotNull(movie, "the scan found the movie");
        long id = movie.getJsonNumber("id").longValue();
        String title = PanelX.unique("Edited Film");
        try (var browser = new Browser()) {
            browser.login();
            browser.open("/admin/movies.html");
            var wait = browser.waitUpTo(Duration.ofSeconds(10));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("filter")))
                    .sendKeys("Page Film");
            // The list re-renders as the search is typed: wait for it to settle on the one movie.
            wait.until(
                    ExpectedConditions.numberOfElementsToBe(
                            By.cssSelector("#movies tr[data-movie-id]"), 1));
            wait.until(
                    ExpectedConditions.textToBe(
                            By.cssSelector("tr[data-movie-id='" + id + "'] .title"), "Page Film"));

            browser.clickFresh("tr[data-movie-id='" + id + "'] button.edit");
            WebElement input = browser.find("#movie-dialog").findElement(By.name("title"));
            input.clear();
            input.sendKeys(title);
            browser.find("#save-movie").click();
            // The search still says "Page Film": clear it to see the renamed movie.
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("movie-dialog")));
            browser.find("#filter").clear();
            browser.find("#filter").sendKeys(title);
            wait.until(
                    ExpectedConditions.numberOfElementsToBe(
                            By.cssSelector("#movies tr[data-movie-id]"), 1));
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("tr[data-movie-id='" + id + "'] .title"), title));
            assertEquals(title, object(get("/api/v1/vod/movies/" + id).body()).getString("title"));

            // The line shows the @BeforeAll scan's outcome: wait for another scan's.
            wait.until(
                    ExpectedConditions.attributeToBe(By.id("scan-status"), "data-state", "done"));
            String before = browser.find("#scan-status").getAttribute("data-started");
            browser.clickFresh("#rescan");
            wait.withTimeout(Duration.ofSeconds(120))
                    .until(
                            d -> {
                                var line = d.findElement(By.id("scan-status"));
                                return "done".equals(line.getAttribute("data-state"))
                                        && !before.equals(line.getAttribute("data-started"));
                            });
            JsonObject status = object(get("/api/v1/vod/scan").body());
            assertEquals(
                    status.getString("startedAt"),
                    browser.find("#scan-status").getAttribute("data-started"),
                    "the page shows the scan that ran");
            assertTrue(
                    Instant.parse(status.getString("startedAt")).isAfter(Instant.parse(before)),
                    "a new scan: " + status);
            String shown = browser.find("#scan-status").getText();
            assertTrue(shown.startsWith("Last scan"), shown);
            assertTrue(
                    shown.contains(status.getJsonObject("outcome").getInt("files") + " files"),
                    shown);
            // Without an .nfo a rescan keeps the admin's edit, and the movie its id.
            wait.until(
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("tr[data-movie-id='" + id + "'] .title"), title));
        }
        JsonObject after = find("movies", "libraryPath", FILM);
        assertEquals(id, after.getJsonNumber("id").longValue());
        assertEquals(title, after.getString("title"));
    }

    @Test
    void aSeriesShowsItsEpisodesBySeason() {
        JsonObject show = find("series", "libraryPath", SHOW);
        assertNotNull(show, "the scan found the series");
        long id = show.getJsonNumber("id").longValue();
        // A scan still running (the demo library's, on a fresh database) may add them a little
        // later.
        org.awaitility.Awaitility.await("the series' two episodes are in the library")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                array(get("/api/v1/vod/series/" + id + "/episodes").body()).size()
                                        == 2);
        try (var browser = new Browser()) {
            browser.login();
            browser.open("/admin/series.html");
            var wait = browser.waitUpTo(Duration.ofSeconds(10));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("filter")))
                    .sendKeys("Page Show");
            browser.clickFresh("tr[data-series-id='" + id + "'] button.episodes");
            wait.until(
                    ExpectedConditions.numberOfElementsToBe(
                            By.cssSelector("#episodes tr[data-episode-id]"), 2));
            // Read again on every try: the table may be drawn again meanwhile (stale rows).
            String shown =
                    browser.waitUpTo(Duration.ofSeconds(10))
                            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                            .until(
                                    d -> {
                                        var rows =
                                                d.findElements(
                                                        By.cssSelector(
                                                                "#episodes tr.season,"
                                                                        + " #episodes"
                                                                        + " tr[data-episode-id]"
                                                                        + " .name"));
                                        var texts = rows.stream().map(WebElement::getText).toList();
                                        return texts.size() == 3 ? String.join("|", texts) : null;
                                    });
            assertEquals("Season 1|Episode 1|Second", shown);
        }
    }

    @Test
    void theDashboardShowsWhatAMovieViewerWatches() throws Exception {
        JsonObject movie = find("movies", "libraryPath", FILM);
        long id = movie.getJsonNumber("id").longValue();
        String user = PanelX.unique("pagewatch");
        PanelX.createLine("{\"username\":\"" + user + "\",\"password\":\"pw\"}");
        try (var browser = new Browser()) {
            browser.login();
            // A movie player's connection stays open a while after its last range (6 s here).
            var played =
                    PanelX.HTTP.send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(
                                                    PanelX.BASE
                                                            + "/movie/"
                                                            + user
                                                            + "/pw/"
                                                            + id
                                                            + ".mp4"))
                                    .header("Range", "bytes=0-999")
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(206, played.statusCode());
            String connection = played.headers().firstValue("X-PanelX-Connection").orElseThrow();
            By cell = By.cssSelector("tr[data-connection-id='" + connection + "'] td.channel");
            browser.waitUpTo(Duration.ofSeconds(5))
                    .until(ExpectedConditions.visibilityOfElementLocated(cell));
            String shown =
                    browser.find("tr[data-connection-id='" + connection + "'] td.channel")
                            .getText();
            assertTrue(shown.contains(movie.getString("title")), shown);
            assertEquals(
                    "movie",
                    browser.find("tr[data-connection-id='" + connection + "'] .kind")
                            .getText()
                            .toLowerCase());
        }
    }
}
