package io.panelx.it.cluster;

import static io.panelx.it.PanelX.object;
import static io.panelx.it.PanelX.unique;
import static io.panelx.it.cluster.ClusterNodes.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.StreamClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What makes two nodes one panel (issue 13): one live view, a ledger that names the node and
 * survives a node's crash, limits that hold across nodes. Each test names the application part it
 * needs; they pass once the cluster side of the application is merged.
 *
 * <p>Killing a node comes last (its restart costs a boot); a test that finds a node down starts it
 * again first.
 */
@ExtendWith(ClusterNodes.class)
@EnabledIfSystemProperty(named = "panelx.it.cluster", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFeaturesIT {

    private static final String DEMO = "/1.ts";

    @BeforeEach
    void everyNodeRuns() {
        ensureRunning();
    }

    /** A line of {@code max} connections, created through node1's admin API; its username. */
    private static String line(int max) throws Exception {
        String user = unique("cl");
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
        return object(r.body());
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(DB_URL, "postgres", "postgres");
    }

    /** The record's column, or null when it has no record (yet) or the column is null. */
    private static String column(String connectionId, String column) throws SQLException {
        try (var c = db();
                var q =
                        c.prepareStatement(
                                "SELECT " + column + " FROM connection_record WHERE id = ?")) {
            q.setString(1, connectionId);
            try (var rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    // Needs: cluster-wide seats (a line's max connections counted across nodes, cache seats).
    @Test
    @Order(1)
    void fiftySimultaneousRequestsOfAMaxOneLineOverBothNodesLeaveOneStream() throws Exception {
        String user = line(1);
        String path = "/live/" + user + "/pw" + DEMO;
        var clients = new ArrayList<StreamClient>();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            var go = new CountDownLatch(1);
            var opened = new ArrayList<Future<StreamClient>>();
            for (int i = 0; i < 50; i++) {
                Server node = node(1 + i % 2);
                opened.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    return StreamClient.open(port(node), path);
                                }));
            }
            go.countDown();
            for (var f : opened) clients.add(f.get());

            await("exactly one of 50 players keeps its stream, for 3 s")
                    .atMost(Duration.ofSeconds(40))
                    .during(Duration.ofSeconds(3))
                    .until(() -> clients.stream().filter(c -> !c.hasEnded()).count() == 1);
            await("the ledger holds one open record of " + user)
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> openRecords(user) == 1);
            StreamClient kept = clients.stream().filter(c -> !c.hasEnded()).findFirst().get();
            long before = kept.bytes();
            await("the one stream left plays")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> kept.bytes() > before);
            long inSnapshots = 0;
            for (Server n : nodes()) {
                inSnapshots +=
                        snapshot(n).getJsonArray("connections").stream()
                                .map(JsonValue::asJsonObject)
                                .filter(c -> user.equals(c.getString("lineUsername", "")))
                                .filter(c -> n.name().equals(c.getString("node", "")))
                                .count();
            }
            assertEquals(1, inSnapshots, "streams of " + user + " served by the nodes");
        } finally {
            pool.shutdownNow();
            for (var c : clients) c.close();
        }
    }

    private static int openRecords(String user) throws SQLException {
        try (var c = db();
                var q =
                        c.prepareStatement(
                                "SELECT count(*) FROM connection_record"
                                        + " WHERE line_username = ? AND ended_at IS NULL")) {
            q.setString(1, user);
            try (var rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // Needs: the ledger's node column, and a survivor that closes a lost node's open records
    // (NODE_LOST) when the node leaves the view.
    @Test
    @Order(2)
    void aKilledNodesOpenRecordsAreClosedAsNodeLostWithin30s() throws Exception {
        String user = line(1);
        String id;
        try (var viewer = StreamClient.open(port(node(2)), "/live/" + user + "/pw" + DEMO)) {
            assertEquals(200, viewer.status());
            id = viewer.connectionId();
            assertNotNull(id, "X-PanelX-Connection header");
            await("the ledger writes connection " + id + " with its node")
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() -> "node2".equals(column(id, "node")));
            assertNull(column(id, "ended_at"), "open before the crash");

            kill9(node(2));
        }
        await("node1 closes node2's record " + id + " as NODE_LOST")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "NODE_LOST".equals(column(id, "end_reason")));
        assertNotNull(column(id, "ended_at"));
        awaitView(List.of(node(1)));
    }
}
