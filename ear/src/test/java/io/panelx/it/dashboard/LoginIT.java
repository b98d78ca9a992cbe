package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.BASE;
import static io.panelx.it.PanelX.PORT_OFFSET;
import static io.panelx.it.PanelX.object;
import static io.panelx.it.PanelX.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.panelx.it.PanelX;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Nothing of the admin surface without login: pages, assets and the live WebSocket; sign-in and
 * sign-out in a real browser; the CSRF header on cookie-authenticated API changes.
 */
@ExtendWith(ArquillianExtension.class)
class LoginIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void adminPageWithoutLoginRedirectsToTheLoginPage() {
        try (var browser = new Browser()) {
            browser.open("/admin/lines.html");
            browser.waitUpTo(Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlToBe(BASE + "/login.html"));
            assertTrue(browser.driver.findElement(By.id("sign-in")).isDisplayed());
        }
    }

    @Test
    void noAdminAssetIsServedWithoutLogin() {
        var anonymous = new AdminSession();
        for (String path :
                List.of(
                        "/admin/",
                        "/admin/app.js",
                        "/admin/app.css",
                        "/admin/dashboard.js",
                        "/admin/vendor/uplot/dist/uPlot.iife.min.js")) {
            var r = anonymous.get(path);
            assertEquals(302, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/login.html"), path);
        }
        assertEquals(200, anonymous.get("/login.css").statusCode(), "the login page's own CSS");
        assertEquals(401, anonymous.get("/api/v1/session").statusCode());
    }

    @Test
    void webSocketWithoutLoginIsRefused() throws Exception {
        // A raw handshake, as any client would send it: the answer must not be 101.
        try (var socket = new Socket("127.0.0.1", 8080 + PORT_OFFSET)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET /ws/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status =
                    new BufferedReader(
                                    new InputStreamReader(
                                            socket.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
            int code = Integer.parseInt(status.split(" ")[1]);
            assertTrue(List.of(401, 403, 302).contains(code), "refused, not upgraded: " + status);
        }
        // And the JDK's WebSocket client fails its handshake.
        var failure =
                org.junit.jupiter.api.Assertions.assertThrows(
                        CompletionException.class,
                        () ->
                                new AdminSession()
                                        .http
                                        .newWebSocketBuilder()
                                        .buildAsync(
                                                URI.create(BASE.replace("http", "ws") + "/ws/live"),
                                                new WebSocket.Listener() {})
                                        .join());
        assertTrue(failure.getCause() instanceof WebSocketHandshakeException, failure.toString());
        assertEquals(
                401, ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode());
    }

    @Test
    void signedInWebSocketReceivesTheGraphAndASnapshot() throws Exception {
        var session = new AdminSession().login();
        var messages = new CopyOnWriteArrayList<String>();
        WebSocket ws =
                session.http
                        .newWebSocketBuilder()
                        .buildAsync(
                                URI.create(BASE.replace("http", "ws") + "/ws/live"),
                                new WebSocket.Listener() {
                                    private final StringBuilder text = new StringBuilder();

                                    @Override
                                    public CompletionStage<?> onText(
                                            WebSocket w, CharSequence data, boolean last) {
                                        text.append(data);
                                        if (last) {
                                            messages.add(text.toString());
                                            text.setLength(0);
                                        }
                                        w.request(1);
                                        return null;
                                    }
                                })
                        .get(10, TimeUnit.SECONDS);
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    messages.stream()
                                            .anyMatch(m -> m.contains("\"type\":\"snapshot\"")));
            assertTrue(messages.get(0).contains("\"type\":\"history\""), messages.get(0));
            var snapshot =
                    object(
                            messages.stream()
                                    .filter(m -> m.contains("\"type\":\"snapshot\""))
                                    .findFirst()
                                    .orElseThrow());
            assertTrue(snapshot.getJsonObject("data").containsKey("totals"), snapshot.toString());
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void signInAndSignOutInTheBrowser() {
        try (var browser = new Browser()) {
            browser.login();
            browser.find("#logout").click();
            browser.waitUpTo(Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlContains("/login.html?logout"));
            browser.open("/admin/");
            browser.waitUpTo(Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlToBe(BASE + "/login.html"));
        }
    }

    @Test
    void dashboardReconnectsWhenItsFeedDrops() {
        try (var browser = new Browser()) {
            browser.login();
            var js = (org.openqa.selenium.JavascriptExecutor) browser.driver;
            js.executeScript(
                    "window.droppedFeed = window.panelxLive.socket; window.droppedFeed.close();");
            browser.waitUpTo(Duration.ofSeconds(15))
                    .until(
                            d ->
                                    (Boolean)
                                            js.executeScript(
                                                    "const s = window.panelxLive.socket;"
                                                            + " return s !== window.droppedFeed"
                                                            + " && s.readyState === 1;"));
            browser.waitForLiveFeed();
        }
    }

    @Test
    void wrongPasswordShowsTheError() {
        try (var browser = new Browser()) {
            browser.open("/admin/");
            browser.waitUpTo(Duration.ofSeconds(10))
                    .until(ExpectedConditions.urlContains("/login.html"));
            browser.find("#username").sendKeys("admin");
            browser.find("#password").sendKeys("not-the-password");
            browser.find("#sign-in").click();
            browser.waitUpTo(Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        }
    }

    @Test
    void cookieSessionChangesNeedTheCsrfHeader() {
        var session = new AdminSession().login();
        String body =
                "{\"username\":\""
                        + unique("csrf")
                        + "\",\"password\":\"pw\",\"neverExpires\":true}";
        var withoutToken =
                session.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/api/v1/lines"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(403, withoutToken.statusCode(), withoutToken.body());

        var token = object(session.get("/api/v1/session").body());
        var withToken =
                session.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/api/v1/lines"))
                                .header("Content-Type", "application/json")
                                .header(token.getString("csrfHeader"), token.getString("csrfToken"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, withToken.statusCode(), withToken.body());

        var wrongToken =
                session.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                BASE
                                                        + "/api/v1/lines/"
                                                        + object(withToken.body())
                                                                .getJsonNumber("id")))
                                .header(token.getString("csrfHeader"), "forged")
                                .DELETE());
        assertEquals(403, wrongToken.statusCode(), wrongToken.body());
    }
}
