package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The edges of delivery, with peers that misbehave: a player that stops reading, a network that
 * drops every packet, a HEAD probe, a kicked player that reads nothing, a primary upstream that
 * hangs. Each ends within seconds with its own reason, frees its slot, and counts no byte that the
 * player's socket did not accept.
 */
@ExtendWith(ArquillianExtension.class)
class ViewerEdgesIT {

    @RegisterExtension static final SharedUpstream upstream = new SharedUpstream();

    /** A receive window this small makes a pause show at the server within seconds. */
    static final int SMALL_WINDOW = 4096;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void aPlayerThatStopsReadingIsEndedAsStalledAndFreesItsSlot() throws Exception {
        long channel = LiveDeliveryIT.directChannel(upstream.url());
        var line = LiveDeliveryIT.line("\"maxConnections\":1");
        try (var player =
                StreamClient.open(
                        line.path(channel, ".ts"), "127.0.0.1", "PanelX-IT/1.0", SMALL_WINDOW)) {
            assertEquals(200, player.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> player.bytes() > 50_000);
            player.pause();
            await().atMost(Duration.ofSeconds(45))
                    .until(() -> "STALLED".equals(endReason(player.connectionId())));
            assertEquals(0, openConnections(line.id()), "the stalled player's slot is free");
            // The ledger counts what the socket accepted, never more: of the one chunk handed
            // over when the player stopped, the socket may have taken a part the player then
            // receives, but the server cannot see that part.
            player.resume();
            long received = player.awaitEnd(30);
            long recorded =
                    LiveDeliveryIT.record(player.connectionId())
                            .getJsonNumber("bytesSent")
                            .longValue();
            // A dropped connection may also lose what the kernel still held for the player (a
            // reset discards it): the two differ by at most the socket buffers and one chunk.
            assertTrue(
                    Math.abs(received - recorded) <= 1024 * 1024,
                    "recorded " + recorded + ", received " + received);
        }
    }

    @Test
    void aPlayerWhoseSocketFillsGetsWholePacketsWhenItReadsAgain() throws Exception {
        long channel = LiveDeliveryIT.directChannel(upstream.url());
        var line = LiveDeliveryIT.line("\"maxConnections\":1");
        try (var player =
                StreamClient.open(
                        line.path(channel, ".ts"), "127.0.0.1", "PanelX-IT/1.0", SMALL_WINDOW)) {
            assertEquals(200, player.status());
            for (int pause = 0; pause < 3; pause++) {
                long before = player.bytes();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> player.bytes() > before + 50_000);
                // The player's own pause (not a wait for the server): at about 110 KB/s, long
                // enough to fill the socket buffers (512 KiB), shorter than a stall (10 s).
                player.pause();
                Thread.sleep(8_000);
                player.resume();
            }
            long after = player.bytes();
            await().atMost(Duration.ofSeconds(20)).until(() -> player.bytes() > after + 200_000);
            assertEquals(
                    -1, player.misalignedAt(), "the stream is whole MPEG-TS packets throughout");
        }
    }

    @Test
    void aDroppedNetworkIsEndedAsStalled() throws Exception {
        Assumptions.assumeTrue(Iptables.usable(), "iptables on loopback needs root and iptables");
        long channel = LiveDeliveryIT.directChannel(upstream.url());
        var line = LiveDeliveryIT.line("\"maxConnections\":1");
        try (var player = StreamClient.open(line.path(channel, ".ts"))) {
            assertEquals(200, player.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> player.bytes() > 50_000);
            try (var dropped = Iptables.dropLoopbackPort(player.localPort())) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> "STALLED".equals(endReason(player.connectionId())));
                assertEquals(0, openConnections(line.id()));
            }
        }
    }

    @Test
    void headAnswersTheHeadersAndOpensNoSession() throws Exception {
        long channel = LiveDeliveryIT.directChannel(upstream.url());
        var line = LiveDeliveryIT.line("\"maxConnections\":1");
        var head =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + line.path(channel, ".ts")))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("video/mp2t", head.headers().firstValue("Content-Type").orElse(""));
        assertEquals("", head.body());
        var wrong =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                BASE
                                                        + line.path(channel, ".ts")
                                                                .replace("/pw/", "/nope/")))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertEquals(401, wrong.statusCode());
        // One real viewer afterwards: the line's history holds its record and nothing else.
        try (var player = StreamClient.open(line.path(channel, ".ts"))) {
            assertEquals(200, player.status());
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    array(get("/api/v1/connections?line=" + line.id()).body())
                                                    .size()
                                            >= 1);
            var records = array(get("/api/v1/connections?line=" + line.id()).body());
            assertEquals(1, records.size(), "HEAD opened no connection: " + records);
            assertEquals(player.connectionId(), records.getJsonObject(0).getString("id"));
        }
    }

    @Test
    void aKickedPlayerThatReadsNothingIsCutOffOnTheWire() throws Exception {
        long channel = LiveDeliveryIT.directChannel(upstream.url());
        var line = LiveDeliveryIT.line("\"maxConnections\":1");
        try (var old =
                StreamClient.open(
                        line.path(channel, ".ts"), "127.0.0.1", "PanelX-IT/1.0", SMALL_WINDOW)) {
            assertEquals(200, old.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> old.bytes() > 50_000);
            old.pause();
            try (var zapped = StreamClient.open(line.path(channel, ".ts"))) {
                assertEquals(200, zapped.status());
                await().atMost(Duration.ofSeconds(10))
                        .until(
                                () ->
                                        "KICKED_MAX_CONNECTIONS"
                                                .equals(endReason(old.connectionId())));
                // The server let go of the socket although the player never read its bytes.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !establishedAtServer(old.localPort()));
                old.resume();
                old.awaitEnd(30); // and the player sees the end once it reads again
            }
        }
    }

    @Test
    void aHungPrimaryFailsOverToTheBackupWithoutDroppingViewers() throws Exception {
        try (var primary = TestUpstream.start();
                var backup = TestUpstream.start()) {
            long channel = LiveDeliveryIT.directChannel(primary.url(), backup.url());
            var line = LiveDeliveryIT.line("\"maxConnections\":1");
            try (var player = StreamClient.open(line.path(channel, ".ts"))) {
                assertEquals(200, player.status());
                await().atMost(Duration.ofSeconds(20)).until(() -> player.bytes() > 50_000);
                assertEquals(0, backup.connections());
                primary.hang(); // accepts, sends nothing
                long atHang = player.bytes();
                long hungAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(8))
                        .until(() -> backup.connections() > 0 && player.bytes() > atHang + 50_000);
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - hungAt);
                assertFalse(player.hasEnded(), "the viewer stayed connected");
                assertTrue(seconds <= 8, "backup bytes within 8 s, took " + seconds);
                assertNull(endReason(player.connectionId()), "still open");
            }
        }
    }

    @Test
    void openConnectionsAreCheckpointedWithTheirBytes() throws Exception {
        long channel = LiveDeliveryIT.directChannel(upstream.url());
        var line = LiveDeliveryIT.line("\"maxConnections\":1");
        long statementsBefore = ledgerStatements();
        try (var player = StreamClient.open(line.path(channel, ".ts"))) {
            assertEquals(200, player.status());
            // Inserted at admission (before its first byte), its bytes written by a checkpoint
            // (every 10 s) while it is still open.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> LiveDeliveryIT.record(player.connectionId()) != null);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                var r = LiveDeliveryIT.record(player.connectionId());
                                return r.getJsonNumber("bytesSent").longValue() > 0
                                        && endReason(player.connectionId()) == null;
                            });
            assertTrue(ledgerStatements() >= statementsBefore + 2, "insert + checkpoint counted");
        }
    }

    static long ledgerStatements() {
        var r = send(admin("/metrics").header("Accept", "text/plain"));
        return r.body()
                .lines()
                .filter(l -> l.startsWith("panelx_ledger_statements_total "))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1).trim()))
                .findFirst()
                .orElseThrow();
    }

    static String endReason(String connectionId) {
        var r = LiveDeliveryIT.record(connectionId);
        return r == null || !r.containsKey("endReason") || r.isNull("endReason")
                ? null
                : r.getString("endReason");
    }

    static int openConnections(long lineId) {
        return array(get("/api/v1/connections?open=true&line=" + lineId).body()).size();
    }

    /** True while the server holds an established TCP connection to this client port. */
    static boolean establishedAtServer(int clientPort) throws Exception {
        var p =
                new ProcessBuilder(
                                List.of(
                                        "ss",
                                        "-Htn",
                                        "state",
                                        "established",
                                        "( sport = :"
                                                + (8080 + PORT_OFFSET)
                                                + " and dport = :"
                                                + clientPort
                                                + " )"))
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return !out.isEmpty();
    }
}
