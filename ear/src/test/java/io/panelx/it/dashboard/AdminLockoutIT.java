package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, finding 1: a stranger guessing the admin's password slows down only his own address;
 * the right password from any other address works at once, on every admin surface (API, metrics,
 * form login, the WebSocket that rides on it). The test server trusts X-Forwarded-For from
 * 127.0.0.1, so each address here is a client the panel believes.
 */
@ExtendWith(ArquillianExtension.class)
class AdminLockoutIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    private static HttpResponse<String> api(String path, String password, String from) {
        return send(
                HttpRequest.newBuilder(URI.create(BASE + path))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", basic(ADMIN_USER, password))
                        .header("X-Forwarded-For", from));
    }

    @Test
    void aStrangerCannotLockTheAdminOut() throws Exception {
        String stranger = "203.0.113.7";
        int refused = 0;
        for (int i = 0; i < 45; i++) {
            var r = api(i % 3 == 0 ? "/metrics" : "/api/v1/lines", "guess-" + i, stranger);
            assertTrue(r.statusCode() == 401 || r.statusCode() == 429, r.statusCode() + "");
            if (r.statusCode() == 429) {
                refused++;
                assertTrue(
                        Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            }
        }
        assertTrue(refused >= 30, "the stranger's address is refused: " + refused + " of 45");
        // Even the right password is not checked from that address while it waits...
        assertEquals(429, api("/api/v1/lines", ADMIN_PASSWORD, stranger).statusCode());

        // ...but from anywhere else it works at once, on every surface.
        String admin = "198.51.100.9";
        assertEquals(200, api("/api/v1/lines", ADMIN_PASSWORD, admin).statusCode());
        assertEquals(200, api("/metrics", ADMIN_PASSWORD, admin).statusCode());
        assertEquals(200, get("/api/v1/lines").statusCode(), "and from the proxy's own address");
        var browser = new AdminSession(admin).login();
        assertEquals(200, browser.get("/admin/").statusCode());
        var opened = new CompletableFuture<String>();
        WebSocket ws =
                browser.http
                        .newWebSocketBuilder()
                        .header("X-Forwarded-For", admin)
                        .buildAsync(
                                URI.create(BASE.replace("http", "ws") + "/ws/live"),
                                new WebSocket.Listener() {
                                    @Override
                                    public CompletionStage<?> onText(
                                            WebSocket w, CharSequence data, boolean last) {
                                        opened.complete(data.toString());
                                        return null;
                                    }
                                })
                        .get(20, TimeUnit.SECONDS);
        assertFalse(opened.get(20, TimeUnit.SECONDS).isEmpty(), "the live feed speaks");
        ws.abort();
    }

    /**
     * Twelve wrong form logins for "admin" (from three addresses, four each: none throttled by
     * PanelX) would have locked the username in Elytron, which checks the form login, for 15
     * minutes for everybody.
     */
    @Test
    void elytronDoesNotLockTheUsername() {
        for (int i = 0; i < 12; i++) {
            var form =
                    new AdminSession("192.0.2." + (1 + i % 3)).formLogin(ADMIN_USER, "wrong-" + i);
            assertTrue(
                    form.headers().firstValue("Location").orElse("").contains("error"),
                    form.headers().map().toString());
        }
        var browser = new AdminSession("198.51.100.20");
        var r = browser.formLogin(ADMIN_USER, ADMIN_PASSWORD);
        assertEquals(302, r.statusCode());
        assertFalse(
                r.headers().firstValue("Location").orElse("").contains("error"),
                r.headers().map().toString());
        assertEquals(200, browser.get("/api/v1/session").statusCode());
    }

    @Test
    void theFormLoginIsThrottledPerAddressWithGrowingDelays() {
        String stranger = "203.0.113.99";
        var browser = new AdminSession(stranger);
        HttpResponse<String> r = null;
        for (int i = 0; i < 8; i++) {
            r = browser.formLogin(ADMIN_USER, "guess-" + i);
        }
        assertEquals(303, r.statusCode(), r.headers().map().toString());
        assertTrue(r.headers().firstValue("Location").orElse("").contains("throttled="));
        long first = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());

        // After the wait, one more wrong password makes the next wait longer.
        await().atMost(Duration.ofSeconds(first + 5))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api("/api/v1/lines", "guess", stranger).statusCode() == 401);
        var next = api("/api/v1/lines", "guess", stranger);
        assertEquals(429, next.statusCode());
        assertTrue(
                Long.parseLong(next.headers().firstValue("Retry-After").orElseThrow()) > first,
                "the delay grows");
        // Another address signs in meanwhile.
        new AdminSession("198.51.100.21").login();
    }
}
