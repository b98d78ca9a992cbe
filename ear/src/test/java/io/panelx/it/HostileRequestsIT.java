package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static io.panelx.it.RawHttp.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reproducers of issue 12 that a hostile client sends: each gets a short 4xx (never a 5xx, a
 * stack trace or a version), and the server's log gains no ERROR for a client's mistake.
 */
@ExtendWith(ArquillianExtension.class)
class HostileRequestsIT {

    /** Every kind of route: streams, Xtream, playlist, EPG, metrics, pages, API, WebSocket. */
    static final List<String> ROUTES =
            List.of(
                    "/live/demo/demo/1.ts",
                    "/demo/demo/1",
                    "/hls/abc/1.ts",
                    "/player_api.php",
                    "/get.php?username=demo&password=demo",
                    "/xmltv.php",
                    "/metrics",
                    "/login.html",
                    "/admin/",
                    "/api/v1/lines",
                    "/ws/live",
                    "/logout",
                    "/",
                    "/no/such/thing");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void nonAsciiCookieIsJustAnUnknownSession() {
        long mark = mark("server.log");
        for (String route : ROUTES) {
            for (byte[] cookie :
                    List.of(
                            "JSESSIONID=\u00c2\u00a9".getBytes(StandardCharsets.ISO_8859_1),
                            "a=\u0001b; JSESSIONID=\u00ff".getBytes(StandardCharsets.ISO_8859_1))) {
                var head =
                        ("GET " + route + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: ")
                                .getBytes(StandardCharsets.ISO_8859_1);
                byte[] request = new byte[head.length + cookie.length + 4];
                System.arraycopy(head, 0, request, 0, head.length);
                System.arraycopy(cookie, 0, request, head.length, cookie.length);
                System.arraycopy("\r\n\r\n".getBytes(), 0, request, head.length + cookie.length, 4);
                // a stream route answers once its channel runs: give a cold start the time
                var a =
                        send(
                                request,
                                route.startsWith("/live") || route.startsWith("/demo")
                                        ? 20_000
                                        : 5_000);
                assertTrue(a.status() > 0 && a.status() < 500, route + " -> " + a.head());
                assertNull(leak(a), route + " leaks " + leak(a));
            }
        }
        assertEquals(List.of(), errors(since("server.log", mark)));
    }

    @Test
    void unknownMethodsGet405WithAllow() {
        for (String route : ROUTES) {
            for (String method : List.of("PATCH", "PROPFIND", "CONNECT", "get", "BREW")) {
                var a =
                        send(
                                request(
                                        method,
                                        route,
                                        List.of(
                                                "Authorization: "
                                                        + basic(ADMIN_USER, ADMIN_PASSWORD)),
                                        new byte[0]),
                                5_000);
                if (route.equals("/admin/") || route.equals("/ws/live")) {
                    // the login comes first: nobody learns the methods of an admin page
                    assertTrue(a.status() == 302 || a.status() == 405, method + " " + route);
                    continue;
                }
                assertEquals(405, a.status(), method + " " + route + ": " + a.head());
                assertNotNull(a.header("Allow"), method + " " + route + ": " + a.head());
                assertTrue(a.body().length() < 120, "short body: " + a.body());
                assertNull(leak(a), leak(a));
            }
        }
        var options = send("OPTIONS", "/player_api.php");
        assertTrue(options.status() == 200 || options.status() == 204, options.head());
        assertEquals("GET, HEAD, POST", options.header("Allow"));
        assertEquals("GET, HEAD", send("DELETE", "/live/demo/demo/1.ts").header("Allow"));
    }

    @Test
    void unsupportedTransferEncodingIsRefusedAtOnce() {
        long mark = mark("server.log");
        for (String route : List.of("/admin/", "/ws/live", "/api/v1/lines", "/player_api.php")) {
            for (String coding : List.of("gzip, chunked2", "identity", "chunked, gzip")) {
                long began = System.nanoTime();
                var a =
                        send(
                                ("POST "
                                                + route
                                                + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                                                + coding
                                                + "\r\nConnection: close\r\n\r\nabc")
                                        .getBytes(StandardCharsets.ISO_8859_1),
                                5_000);
                assertEquals(400, a.status(), route + " " + coding + ": " + a.head());
                assertTrue(System.nanoTime() - began < 3_000_000_000L, "answered without waiting");
            }
        }
        assertEquals(List.of(), errors(since("server.log", mark)));
    }

    @Test
    void squareBracketsInAnApiPathAreA400() {
        long mark = mark("server.log");
        for (String path :
                List.of(
                        "/api/v1/live/channels/1/restart/[]",
                        "/api/v1/lines/[1]",
                        "/api/v1/channels/1%5B%5D",
                        "/live/de[mo/demo/1.ts")) {
            var a =
                    send(
                            request(
                                    "POST",
                                    path,
                                    List.of("Authorization: " + basic(ADMIN_USER, ADMIN_PASSWORD)),
                                    new byte[0]),
                            5_000);
            assertTrue(a.status() >= 400 && a.status() < 500, path + ": " + a.head());
            assertNull(leak(a), leak(a));
        }
        assertEquals(List.of(), errors(since("server.log", mark)));
    }

    @Test
    void noServerBannerAndNoStackTraceOnErrorPages() {
        for (String route : ROUTES) {
            var a = send("GET", route + (route.contains("?") ? "&" : "?") + "x=%");
            assertNull(a.header("Server"), route);
            assertNull(a.header("X-Powered-By"), route);
            assertNull(leak(a), route + " leaks " + leak(a));
        }
    }

    @Test
    void abortedBodiesAndHangUpsLogNoErrors() throws Exception {
        long mark = mark("server.log");
        for (String route :
                List.of(
                        "/api/v1/lines",
                        "/api/v1/channels/import",
                        "/player_api.php",
                        "/get.php",
                        "/j_security_check",
                        "/admin/")) {
            for (String type : List.of("application/json", "application/x-www-form-urlencoded")) {
                try (var socket = new Socket("127.0.0.1", 8080 + PORT_OFFSET)) {
                    socket.getOutputStream()
                            .write(
                                    ("POST "
                                                    + route
                                                    + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                                    + basic(ADMIN_USER, ADMIN_PASSWORD)
                                                    + "\r\nX-Forwarded-For: 192.0.2.44"
                                                    + "\r\nContent-Type: "
                                                    + type
                                                    + "\r\nContent-Length: 100000\r\n\r\n"
                                                    + "{\"username\":\"ab")
                                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    Thread.sleep(100); // the server is reading the body when the client hangs up
                }
            }
        }
        // A player that hangs up mid-stream.
        try (var socket = new Socket("127.0.0.1", 8080 + PORT_OFFSET)) {
            socket.getOutputStream()
                    .write(
                            "GET /live/demo/demo/1.ts HTTP/1.1\r\nHost: x\r\n\r\n"
                                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            assertTrue(in.readNBytes(20_000).length > 0);
        }
        // The server has finished with every aborted request once the API answers again.
        assertEquals(200, get("/api/v1/lines").statusCode());
        await().pollDelay(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(List.of(), errors(since("server.log", mark))));
    }

    /** Slowloris: many sockets sending one header byte at a time are all closed. */
    @Test
    void slowHeadersAreCutOffByTheParseTimeout() throws Exception {
        var sockets = new ArrayList<Socket>();
        try {
            for (int i = 0; i < 20; i++) {
                var s = new Socket("127.0.0.1", 8080 + PORT_OFFSET);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes());
                sockets.add(s);
            }
            long began = System.nanoTime();
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> sockets.stream().allMatch(HostileRequestsIT::closedAfterAByte));
            long seconds = (System.nanoTime() - began) / 1_000_000_000L;
            assertTrue(
                    seconds <= 15, "closed within the 10 s parse timeout (took " + seconds + " s)");
        } finally {
            for (var s : sockets) {
                s.close();
            }
        }
    }

    /** Sends one more header byte; true once the server has closed the connection. */
    private static boolean closedAfterAByte(Socket s) {
        try {
            s.getOutputStream().write('a');
            s.getOutputStream().flush();
            s.setSoTimeout(1);
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset or broken pipe: closed
        }
    }
}
