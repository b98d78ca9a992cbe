package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin REST API on the real EAR: CRUD, admin-only access, clear 4xx answers to bad input. */
@ExtendWith(ArquillianExtension.class)
class AdminApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void demoChannelAndLineExistOnFirstStart() {
        var channels = array(get("/api/v1/channels").body());
        assertTrue(
                channels.stream()
                        .anyMatch(
                                c ->
                                        c.asJsonObject()
                                                .getString("name")
                                                .equals("PanelX Test Pattern")),
                "demo channel listed: " + channels);
        var lines = array(get("/api/v1/lines").body());
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.asJsonObject().getString("username").equals("demo")));
    }

    @Test
    void lineCrudNeverReturnsThePassword() {
        String username = unique("line");
        long id =
                createLine(
                        "{\"username\":\""
                                + username
                                + "\",\"password\":\"s3cret-pw\",\"maxConnections\":2,"
                                + "\"allowedIps\":\"10.0.0.0/8, 127.0.0.1\",\"expiresAt\":\"2031-01-01T00:00:00Z\"}");
        var fetched = get("/api/v1/lines/" + id);
        assertEquals(200, fetched.statusCode());
        var line = object(fetched.body());
        assertEquals(username, line.getString("username"));
        assertEquals(2, line.getInt("maxConnections"));
        assertEquals("Active", line.getString("status"));
        assertFalse(fetched.body().contains("s3cret-pw"), "password never returned");
        assertFalse(line.containsKey("password"));
        assertFalse(get("/api/v1/lines").body().contains("s3cret-pw"));

        var updated = put("/api/v1/lines/" + id, "{\"banned\":true}");
        assertEquals(200, updated.statusCode());
        assertEquals("Banned", object(updated.body()).getString("status"));

        assertEquals(204, delete("/api/v1/lines/" + id).statusCode());
        assertEquals(404, get("/api/v1/lines/" + id).statusCode());
    }

    @Test
    void categoryAndChannelCrud() {
        var cat = post("/api/v1/categories", "{\"name\":\"" + unique("News") + "\"}");
        assertEquals(201, cat.statusCode(), cat.body());
        long categoryId = object(cat.body()).getJsonNumber("id").longValue();
        long id =
                createChannel(
                        "{\"name\":\"News 24\",\"categoryId\":"
                                + categoryId
                                + ",\"sources\":[\"http://127.0.0.1:9/a.ts\",\"http://127.0.0.1:9/b.ts\"],"
                                + "\"deliveryMode\":\"DIRECT\"}");
        var channel = object(get("/api/v1/channels/" + id).body());
        assertEquals(2, channel.getJsonArray("sources").size());
        assertEquals("http://127.0.0.1:9/b.ts", channel.getJsonArray("sources").getString(1));
        assertEquals(categoryId, channel.getJsonNumber("categoryId").longValue());

        var renamed = put("/api/v1/channels/" + id, "{\"name\":\"News 24 HD\"}");
        assertEquals("News 24 HD", object(renamed.body()).getString("name"));
        assertEquals(204, delete("/api/v1/channels/" + id).statusCode());
        assertEquals(204, delete("/api/v1/categories/" + categoryId).statusCode());
    }

    @Test
    void badInputGetsJson4xx() {
        assertError(get("/api/v1/lines/999999999"), 404);
        assertError(get("/api/v1/lines/not-a-number"), 404);
        assertError(post("/api/v1/lines", "{not json"), 400);
        assertError(post("/api/v1/lines", "{}"), 400);
        assertError(post("/api/v1/lines", "{\"username\":\"x y\",\"password\":\"p\"}"), 400);
        assertError(post("/api/v1/lines", "{\"username\":\"demo\",\"password\":\"p\"}"), 409);
        assertError(
                post(
                        "/api/v1/lines",
                        "{\"username\":\"a\",\"password\":\"p\",\"maxConnections\":\"x\"}"),
                400);
        assertError(post("/api/v1/channels", "{\"name\":\"x\",\"sources\":[]}"), 400);
        assertError(
                post(
                        "/api/v1/channels",
                        "{\"name\":\"x\",\"sources\":[\"http://a/b\"],\"deliveryMode\":\"NOPE\"}"),
                400);
        assertError(get("/api/v1/connections?from=yesterday"), 400);
        assertError(
                send(
                        admin("/api/v1/lines")
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString("x"))),
                415);
    }

    @Test
    void hostileSourceUrlsAreRefused() {
        for (String url :
                new String[] {
                    "-i /etc/passwd",
                    "file:///etc/passwd",
                    "concat:/etc/passwd",
                    "http://host/a.ts;rm -rf /",
                    "lavfi:movie=/etc/passwd",
                    "http://host/$(id)"
                }) {
            var r =
                    post(
                            "/api/v1/channels",
                            "{\"name\":\"evil\",\"deliveryMode\":\"FFMPEG\",\"sources\":[\""
                                    + url
                                    + "\"]}");
            assertError(r, 400);
        }
    }

    @Test
    void apiRequiresAnAdmin() throws Exception {
        var anonymous =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/api/v1/lines")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertError(anonymous, 401);
        assertTrue(
                anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        var wrong =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/api/v1/lines"))
                                .header("Authorization", basic(ADMIN_USER, "wrong"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertError(wrong, 401);
        var lineUser =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/api/v1/lines"))
                                .header("Authorization", basic("demo", "demo"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertError(lineUser, 401);
    }

    private static void assertError(java.net.http.HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        var body = object(r.body());
        assertEquals(status, body.getInt("status"));
        assertFalse(body.getString("error").isBlank());
        assertFalse(r.body().contains("Exception"), "no stack trace: " + r.body());
    }
}
