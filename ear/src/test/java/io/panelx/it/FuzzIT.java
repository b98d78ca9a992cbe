package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static io.panelx.it.RawHttp.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded fuzz run (fixed seed, a few thousand requests over raw sockets) over every route and
 * method with hostile paths, headers, parameters and bodies. Nothing may answer 5xx or no status
 * line at all, nothing may show a stack trace or a server version, and afterwards the server's log
 * holds no line or admin password and no ERROR caused by these clients.
 *
 * <p>Requests carry X-Forwarded-For (the test server trusts 127.0.0.1) with addresses of a test
 * network, so the login throttles slow those addresses down, never the other tests' 127.0.0.1; and
 * the valid admin credentials are only sent with methods that change nothing.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

    private static final int REQUESTS = 2000;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    private static final List<String> ROUTES =
            List.of(
                    "/live/{u}/{p}/{n}.ts",
                    "/live/{u}/{p}/{n}.m3u8",
                    "/live/{x}",
                    "/{u}/{p}/{n}",
                    "/{u}/{p}/{n}.ts",
                    "/hls/{x}/{n}.ts",
                    "/hls/{x}/v0.m3u8",
                    "/movie/{u}/{p}/{n}.mp4",
                    "/player_api.php?username={u}&password={p}&action={x}",
                    "/player_api.php?username={u}&password={p}&action=get_short_epg&stream_id={n}&limit={x}",
                    "/get.php?username={u}&password={p}&type={x}&output={x}",
                    "/xmltv.php?username={u}&password={p}",
                    "/metrics",
                    "/login.html?{x}",
                    "/admin/{x}",
                    "/admin/app.js",
                    "/api/v1/lines",
                    "/api/v1/lines/{n}",
                    "/api/v1/channels/{x}",
                    "/api/v1/categories/{n}",
                    "/api/v1/connections?line={x}&from={x}&limit={n}",
                    "/api/v1/connections/{x}",
                    "/api/v1/connections/totals?from={x}",
                    "/api/v1/live/snapshot",
                    "/api/v1/live/channels/{n}/restart",
                    "/api/v1/live/connections/{x}",
                    "/api/v1/session",
                    "/api/v1/channels/import",
                    "/api/v1/epg/import",
                    "/api/v1/{x}",
                    "/ws/live",
                    "/logout",
                    "/j_security_check",
                    "/",
                    "/{x}");

    private static final List<String> METHODS =
            List.of(
                    "GET",
                    "GET",
                    "GET",
                    "GET",
                    "POST",
                    "POST",
                    "PUT",
                    "DELETE",
                    "OPTIONS",
                    "PATCH",
                    "PROPFIND",
                    "get",
                    "TRACE",
                    "CONNECT",
                    "BREW");

    /** Hostile values, raw: some are not even valid in a URL (the server must still answer). */
    private static final List<String> VALUES =
            List.of(
                    "",
                    "%",
                    "%00",
                    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                    "..;",
                    "[]",
                    "[1]",
                    "{}",
                    "|",
                    "%5B%5D",
                    "%3Cscript%3E",
                    "'%20OR%201=1--",
                    "%27%22",
                    "-1",
                    "0",
                    "99999999999999999999",
                    "1e9",
                    "null",
                    "%ff%fe",
                    "%F0%9D%95%8F",
                    "%0d%0aSet-Cookie:%20x=y",
                    "%u0000",
                    "a".repeat(3000),
                    "\u00e9t\u00e9",
                    "%C0%AF",
                    "..",
                    "//",
                    "get_live_streams",
                    "get_vod_streams",
                    "m3u_plus",
                    "ts",
                    "2026-13-45T99:99:99Z");

    private static final List<String> BODIES =
            List.of(
                    "{",
                    "[]",
                    "null",
                    "{\"username\":1,\"password\":[]}",
                    "{\"url\":\"http://127.0.0.1:1/x.m3u\"}",
                    "{\"name\":\"" + "x".repeat(5000) + "\"}",
                    "[".repeat(3000),
                    "j_username=admin&j_password=%&%%",
                    "username=demo&password=%ZZ&action=get_live_streams",
                    "\u0000\u0001\u0002");

    @Test
    void hostileRequestsGetShortClearAnswers() throws Exception {
        String user = unique("fuzz");
        String password = "Fz" + Long.toHexString(new Random().nextLong());
        createLine(
                "{\"username\":\""
                        + user
                        + "\",\"password\":\""
                        + password
                        + "\",\"maxConnections\":1}");
        long serverLog = mark("server.log");
        long panelxLog = mark("panelx.log");

        Random random = new Random(20261201L);
        var failures = new ArrayList<String>();
        int answered = 0;
        long began = System.nanoTime();
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            String method = pick(random, METHODS);
            boolean knownLine = random.nextInt(100) == 0;
            String target =
                    fill(
                            pick(random, ROUTES),
                            random,
                            knownLine ? user : pick(random, List.of("demo", user, "x", "{x}")),
                            knownLine
                                    ? password
                                    : pick(random, List.of("dem0", "wrong", password + "x", "{x}")),
                            knownLine);
            var headers = new ArrayList<String>();
            String from = "198.18." + random.nextInt(4) + "." + (1 + random.nextInt(200));
            boolean safe =
                    List.of("GET", "OPTIONS", "PROPFIND", "get", "TRACE", "BREW").contains(method);
            int auth = random.nextInt(6);
            if (auth == 0 && safe && !target.startsWith("/live") && !target.startsWith("/hls")) {
                headers.add("Authorization: " + basic(ADMIN_USER, ADMIN_PASSWORD));
            } else if (auth == 1) {
                headers.add("Authorization: " + basic(ADMIN_USER, "guess" + random.nextInt(9)));
            } else if (auth == 2) {
                headers.add(
                        "Authorization: "
                                + pick(
                                        random,
                                        List.of(
                                                "Basic !!",
                                                "Basic ",
                                                "Bearer x",
                                                "Basic "
                                                        + Base64.getEncoder()
                                                                .encodeToString(
                                                                        "nocolon".getBytes()))));
            }
            if (auth >= 3 && random.nextInt(8) == 0) {
                // garbage for the proxy headers, only without credentials: a throttled address
                // must never be the other tests' 127.0.0.1
                headers.add(
                        "X-Forwarded-For: "
                                + pick(
                                        random,
                                        List.of("", "::::", "1.2.3.4, evil", "a".repeat(300))));
                headers.add(
                        "X-Forwarded-Host: "
                                + pick(random, List.of("", "[::1", "évil", "x:99999")));
            } else {
                headers.add("X-Forwarded-For: " + from);
            }
            if (random.nextInt(4) == 0) {
                headers.add(
                        "Cookie: "
                                + pick(
                                        random,
                                        List.of(
                                                "JSESSIONID=\u00c2\u00a9",
                                                "JSESSIONID=",
                                                "a=\u0001",
                                                "=;=;",
                                                "JSESSIONID=" + "x".repeat(2000),
                                                "$Version=1; a=\"b")));
            }
            if (random.nextInt(6) == 0) {
                headers.add(
                        "User-Agent: "
                                + pick(
                                        random,
                                        List.of(
                                                "",
                                                "\u00ff\u00fe",
                                                "Mozilla/5.0 (" + "x".repeat(1000))));
            }
            if (random.nextInt(8) == 0) {
                headers.add(
                        "Range: "
                                + pick(
                                        random,
                                        List.of("bytes=-1-", "bytes=9999999999-", "lines=1-2")));
            }
            if (random.nextInt(10) == 0) {
                headers.add(
                        "Accept: "
                                + pick(
                                        random,
                                        List.of("*/*;q=x", "application/json;;;", "\u00e9")));
            }
            if (random.nextInt(12) == 0) {
                headers.add("Upgrade: websocket");
                headers.add("Sec-WebSocket-Version: " + pick(random, List.of("13", "x", "")));
            }
            if (random.nextInt(15) == 0) {
                headers.add("Expect: " + pick(random, List.of("100-continue", "teapot")));
            }
            byte[] request;
            boolean withBody =
                    !method.equals("GET") && !method.equals("OPTIONS") && random.nextBoolean();
            if (withBody) {
                headers.add(
                        "Content-Type: "
                                + pick(
                                        random,
                                        List.of(
                                                "application/json",
                                                "application/x-www-form-urlencoded",
                                                "text/plain",
                                                "application/json; charset=ebcdic",
                                                "")));
                byte[] body = pick(random, BODIES).getBytes(StandardCharsets.ISO_8859_1);
                if (random.nextInt(10) == 0) {
                    // a Transfer-Encoding PanelX does not speak
                    headers.add(
                            "Transfer-Encoding: "
                                    + pick(random, List.of("gzip", "chunked, gzip", "x")));
                    request = request(method, target, headers, null);
                    var out = new ByteArrayOutputStream();
                    out.writeBytes(request);
                    out.writeBytes(body);
                    request = out.toByteArray();
                } else {
                    request = request(method, target, headers, body);
                }
            } else {
                request = request(method, target, headers, null);
            }
            var a = send(request, knownLine ? 4_000 : 3_000);
            String what = method + " " + shorten(target) + " " + headers;
            if (a.status() == 0) {
                failures.add("no answer: " + what + " -> " + shorten(a.head()));
            } else if (a.status() >= 500) {
                failures.add(a.status() + ": " + what + " -> " + shorten(a.body()));
            } else if (leak(a) != null) {
                failures.add(
                        "leaks " + leak(a) + ": " + what + " -> " + shorten(a.head() + a.body()));
            } else {
                answered++;
            }
        }
        long seconds = (System.nanoTime() - began) / 1_000_000_000L;
        System.out.println(
                "FuzzIT: " + answered + " requests answered cleanly in " + seconds + " s");
        assertEquals(List.of(), failures);

        // The log: no password, and no ERROR for any of these clients' mistakes.
        String logged = since("server.log", serverLog) + since("panelx.log", panelxLog);
        assertFalse(logged.contains(password), "a line password in the log");
        assertFalse(logged.contains(ADMIN_PASSWORD), "the admin password in the log");
        assertEquals(List.of(), errors(since("server.log", serverLog)));
        assertTrue(seconds < 120, "bounded: " + seconds + " s");
    }

    /**
     * With the fuzz line's real credentials the channel ids are never real ones: a real channel may
     * rightly answer 503 while its source starts or after it failed (another test's channel).
     */
    private static String fill(
            String template, Random random, String user, String password, boolean knownLine) {
        return template.replace("{u}", user)
                .replace("{p}", password)
                .replace(
                        "{n}",
                        pick(
                                random,
                                knownLine
                                        ? List.of("0", "-1", "99999", "1.5", "x")
                                        : List.of("1", "2", "0", "-1", "99999", "1.5", "x")))
                .replace("{x}", pick(random, VALUES))
                .replace("{x}", pick(random, VALUES));
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
