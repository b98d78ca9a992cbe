package io.panelx.it.cluster;

import static io.panelx.it.cluster.ClusterNodes.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.StreamClient;
import io.panelx.it.TestUpstream;
import io.panelx.it.dashboard.Browser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A channel's delivery across the cluster: one upstream connection whatever the nodes its viewers
 * are on (the owner runs the source, the other node relays it), the owner's death (kill -9) taken
 * over with the other node's viewers kept, an admin kill on one node ending a stream on the other,
 * and failed logins counted across nodes.
 */
@ExtendWith(ClusterNodes.class)
@EnabledIfSystemProperty(named = "panelx.it.cluster", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDeliveryIT {

    @BeforeEach
    void everyNodeRuns() {
        ensureRunning();
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String line(int max) throws Exception {
        String user = unique("cd");
        var created =
                post(
                        node(1),
                        "/api/v1/lines",
                        "{\"username\":\""
                                + user
                                + "\",\"password\":\"pw\",\"maxConnections\":"
                                + max
                                + "}");
        assertEquals(201, created.statusCode(), created.body());
        return user;
    }

    private static JsonObject snapshot(Server node) throws Exception {
        var r = admin(node, "/api/v1/live/snapshot");
        assertEquals(200, r.statusCode(), r.body());
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    /** The channel's row on one node of a snapshot. */
    private static Optional<JsonObject> channelOn(JsonObject snapshot, long id, String node) {
        return snapshot.getJsonArray("channels").stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getJsonNumber("channelId").longValue() == id)
                .filter(c -> node.equals(c.getString("node", "")))
                .findFirst();
    }

    @Test
    @Order(1)
    void viewersOnBothNodesCostOneUpstreamConnection() throws Exception {
        try (var upstream = TestUpstream.start()) {
            var created =
                    post(
                            node(1),
                            "/api/v1/channels",
                            "{\"name\":\""
                                    + unique("relay")
                                    + "\",\"deliveryMode\":\"DIRECT\",\"sources\":[\""
                                    + upstream.url()
                                    + "\"]}");
            assertEquals(201, created.statusCode(), created.body());
            long id =
                    Json.createReader(new StringReader(created.body()))
                            .readObject()
                            .getJsonNumber("id")
                            .longValue();
            String user = line(4);
            try (var one = StreamClient.open(port(node(1)), "/live/" + user + "/pw/" + id + ".ts");
                    var two =
                            StreamClient.open(
                                    port(node(2)), "/live/" + user + "/pw/" + id + ".ts")) {
                assertEquals(200, one.status());
                assertEquals(200, two.status());
                long start1 = one.bytes(), start2 = two.bytes();
                await("both viewers receive the channel")
                        .atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        one.bytes() > start1 + 100_000
                                                && two.bytes() > start2 + 100_000);
                assertEquals(
                        1,
                        upstream.connections(),
                        "one upstream connection for the cluster, whatever the node of the viewers");
                JsonObject s = snapshot(node(1));
                assertTrue(channelOn(s, id, "node1").isPresent(), "node1 runs it: " + s);
                assertTrue(channelOn(s, id, "node2").isPresent(), "node2 runs it: " + s);
            }
        }
    }

    @Test
    @Order(2)
    void theOwnersDeathIsTakenOverAndTheOtherNodesViewerKeepsWatching() throws Exception {
        // The demo channel (FFmpeg, on demand) runs once a viewer asks for it; its owner is the
        // node whose row shows its FFmpeg.
        long demo = 1;
        String starter = line(1);
        try (var first = StreamClient.open(port(node(1)), "/live/" + starter + "/pw/1.ts")) {
            assertEquals(200, first.status());
        }
        JsonObject[] s = new JsonObject[1];
        await("the demo channel's FFmpeg runs on one node")
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            s[0] = snapshot(node(1));
                            return channelOn(s[0], demo, "node1")
                                            .map(c -> c.getInt("ffmpegPid", 0) > 0)
                                            .orElse(false)
                                    || channelOn(s[0], demo, "node2")
                                            .map(c -> c.getInt("ffmpegPid", 0) > 0)
                                            .orElse(false);
                        });
        boolean ownerIsOne =
                channelOn(s[0], demo, "node1").map(c -> c.getInt("ffmpegPid", 0) > 0).orElse(false);
        boolean ownerIsTwo =
                channelOn(s[0], demo, "node2").map(c -> c.getInt("ffmpegPid", 0) > 0).orElse(false);
        assertTrue(ownerIsOne ^ ownerIsTwo, "exactly one FFmpeg for the demo channel: " + s[0]);
        Server owner = ownerIsOne ? node(1) : node(2);
        Server other = ownerIsOne ? node(2) : node(1);
        String user = line(2);
        try (var viewer = StreamClient.open(port(other), "/live/" + user + "/pw/1.ts")) {
            assertEquals(200, viewer.status());
            long before = viewer.bytes();
            await().atMost(Duration.ofSeconds(30)).until(() -> viewer.bytes() > before + 50_000);
            kill9(owner);
            long killedAt = System.nanoTime();
            Duration target = Duration.ofSeconds(5);
            // Bytes again: bytes the viewer receives after the other node took the channel over
            // (what was in flight when the owner died does not count).
            await("the other node runs the demo channel's FFmpeg")
                    .atMost(target)
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () ->
                                    channelOn(snapshot(other), demo, other.name())
                                            .map(c -> c.getInt("ffmpegPid", 0) > 0)
                                            .orElse(false));
            long atTakeover = viewer.bytes();
            await("bytes again on " + other + " within 5 s of " + owner + "'s kill -9")
                    .atMost(target.minusNanos(System.nanoTime() - killedAt))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> viewer.bytes() > atTakeover + 50_000);
            long resumedMillis = (System.nanoTime() - killedAt) / 1_000_000;
            assertFalse(viewer.hasEnded(), "the viewer stayed connected");
            System.out.println(
                    "owner killed -> bytes again on the other node after " + resumedMillis + " ms");
        }
    }

    @Test
    @Order(3)
    void anAdminKillOnOneNodeEndsTheStreamOnTheOther() throws Exception {
        String user = line(2);
        try (var viewer = StreamClient.open(port(node(2)), "/live/" + user + "/pw/1.ts")) {
            assertEquals(200, viewer.status());
            String id = viewer.connectionId();
            await().atMost(Duration.ofSeconds(20)).until(() -> viewer.bytes() > 0);
            await("node1 sees node2's connection")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> snapshot(node(1)).toString().contains(id));
            var kill =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            node(1).base()
                                                                    + "/api/v1/live/connections/"
                                                                    + id))
                                            .header("Authorization", basic())
                                            .DELETE()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, kill.statusCode(), kill.body());
            await("node2 ended the stream").atMost(Duration.ofSeconds(3)).until(viewer::hasEnded);
        }
    }

    @Test
    @Order(4)
    void failedLoginsAreCountedAcrossNodes() throws Exception {
        String address = "203.0.113." + (10 + (int) (Math.random() * 200));
        // Ten failures from one address on node1 ...
        for (int i = 0; i < 10; i++) {
            assertEquals(401, probe(node(1), address, "nobody", "wrong").statusCode());
        }
        // ... and node2 refuses that address too, even with a right password; others pass.
        String user = line(1);
        assertEquals(429, probe(node(2), address, user, "pw").statusCode());
        assertEquals(200, probe(node(2), "198.51.100.9", user, "pw").statusCode());
    }

    @Test
    @Order(5)
    void node1sDashboardShowsANode2ViewerWithin2s() throws Exception {
        String user = line(1);
        try (var browser = new Browser(node(1).base())) {
            browser.login();
            try (var viewer = StreamClient.open(port(node(2)), "/live/" + user + "/pw/1.ts")) {
                assertEquals(200, viewer.status());
                String id = viewer.connectionId();
                long connected = System.nanoTime();
                var row =
                        browser.waitUpTo(Duration.ofSeconds(2))
                                .until(
                                        ExpectedConditions.presenceOfElementLocated(
                                                By.cssSelector(
                                                        "tr[data-connection-id='" + id + "']")));
                long millis = (System.nanoTime() - connected) / 1_000_000;
                System.out.println("node2's viewer on node1's dashboard after " + millis + " ms");
                assertTrue(row.getText().contains("node2"), "the node column: " + row.getText());
                assertTrue(
                        browser.driver.findElements(By.cssSelector("#nodes tr[data-node]")).size()
                                >= 2,
                        "a row per node in the nodes panel");
            }
        }
    }

    @Test
    @Order(6)
    void anHlsPlayerThroughTheBalancerPlays() throws Exception {
        // Playlist, reloads and segments must reach the node holding the player's HLS session:
        // the balancer's sticky session (the playlist's session cookie names the node).
        String user = line(2);
        var codecs =
                io.panelx.it.Players.ffprobeCodecs(
                        balancer().base() + "/live/" + user + "/pw/1.m3u8");
        assertTrue(codecs.containsAll(java.util.List.of("h264", "aac")), "decodable: " + codecs);
    }

    /** HEAD of the demo stream: the same credential checks as a player's GET, no session. */
    private static HttpResponse<String> probe(Server node, String from, String user, String pw)
            throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                node.base() + "/live/" + user + "/" + pw + "/1.ts"))
                                .header("X-Forwarded-For", from)
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (io.panelx.it.PanelX.ADMIN_USER
                                                + ":"
                                                + io.panelx.it.PanelX.ADMIN_PASSWORD)
                                        .getBytes());
    }
}
