package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live delivery through a direct proxy, with a real upstream and real clients: decodable output,
 * one upstream connection per channel, admission rules, the max-connections race, HLS sessions,
 * failover, and ledger records that match what the client received byte for byte.
 */
@ExtendWith(ArquillianExtension.class)
class LiveDeliveryIT {

    @RegisterExtension static final SharedUpstream upstream = new SharedUpstream();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    record Line(long id, String username) {
        String path(long channel, String ext) {
            return "/live/" + username + "/pw/" + channel + ext;
        }
    }

    static Line line(String extraJson) {
        String username = unique("viewer");
        long id =
                createLine(
                        "{\"username\":\""
                                + username
                                + "\",\"password\":\"pw\""
                                + (extraJson.isEmpty() ? "" : "," + extraJson)
                                + "}");
        return new Line(id, username);
    }

    static long directChannel(String... sources) {
        var json =
                new StringBuilder(
                        "{\"name\":\""
                                + unique("direct")
                                + "\",\"deliveryMode\":\"DIRECT\",\"sources\":[");
        for (int i = 0; i < sources.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(sources[i]).append('"');
        }
        return createChannel(json.append("]}").toString());
    }

    static JsonObject record(String connectionId) {
        var r = get("/api/v1/connections/" + connectionId);
        return r.statusCode() == 200 ? object(r.body()) : null;
    }

    /** The connection's record once it is closed (waited for, 10 s at most). */
    static JsonObject closedRecord(String connectionId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> record(connectionId),
                        r -> r != null && r.containsKey("endedAt") && !r.isNull("endedAt"));
    }

    static int status(String path) throws Exception {
        var r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + path))
                                .timeout(Duration.ofSeconds(30))
                                .header("User-Agent", "PanelX-IT/1.0")
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return r.statusCode();
    }

    @Test
    void proxyStreamIsDecodableAndSharesOneUpstreamConnection() throws Exception {
        long channel = directChannel(upstream.url());
        Line line = line("\"maxConnections\":3");
        int before = upstream.connections();
        try (var a = StreamClient.open(line.path(channel, ".ts"));
                var b = StreamClient.open(line.path(channel, ".ts"))) {
            assertEquals(200, a.status());
            assertEquals(200, b.status());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> a.bytes() > 150_000 && b.bytes() > 150_000);
            var codecs = Players.ffprobeCodecs(BASE + "/" + line.username() + "/pw/" + channel);
            assertTrue(codecs.containsAll(List.of("h264", "aac")), "decodable: " + codecs);
            assertEquals(
                    before + 1, upstream.connections(), "one upstream connection for 3 viewers");
        }
    }

    @Test
    void ledgerRecordsExactlyTheBytesTheClientReceived() throws Exception {
        long channel = directChannel(upstream.url());
        Line line = line("\"maxConnections\":1");
        try (var first = StreamClient.open(line.path(channel, ".ts"))) {
            assertEquals(200, first.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> first.bytes() > 100_000);
            // A second stream of the same line closes the oldest (the default policy).
            try (var second = StreamClient.open(line.path(channel, ".ts"))) {
                assertEquals(200, second.status());
                long received = first.awaitEnd(20);
                var r = closedRecord(first.connectionId());
                assertEquals(received, r.getJsonNumber("bytesSent").longValue());
                assertEquals("KICKED_MAX_CONNECTIONS", r.getString("endReason"));
                assertEquals("PROXY", r.getString("origin"));
                assertEquals("127.0.0.1", r.getString("clientIp"));
                assertEquals("PanelX-IT/1.0", r.getString("userAgent"));
                assertEquals("ts", r.getString("format"));
                assertEquals(line.id(), r.getJsonNumber("lineId").longValue());
                assertEquals(channel, r.getJsonNumber("channelId").longValue());
                assertFalse(second.hasEnded());
            }
        }
    }

    @Test
    void aKeepAlivePlayerGetsAStreamThatEndsWithTheConnectionCountedExactly() throws Exception {
        long channel = directChannel(upstream.url());
        Line line = line("\"maxConnections\":1");
        try (var player = StreamClient.openKeepAlive(line.path(channel, ".ts"))) {
            assertEquals(200, player.status());
            // Not chunked (a batch is one gathering write): the body ends with the connection.
            assertEquals(null, player.header("transfer-encoding"));
            assertEquals(null, player.header("content-length"));
            assertEquals("close", player.header("connection"));
            await().atMost(Duration.ofSeconds(20)).until(() -> player.bytes() > 500_000);
            assertEquals(-1, player.misalignedAt());
            assertEquals(
                    204, delete("/api/v1/live/connections/" + player.connectionId()).statusCode());
            long received = player.awaitEnd(20);
            assertEquals(0, received % 188, "whole TS packets up to the end");
            assertEquals(
                    received,
                    closedRecord(player.connectionId()).getJsonNumber("bytesSent").longValue());
        }
    }

    @Test
    void anHttp2PlayerGetsWholePacketsAcrossManyWrites() throws Exception {
        long channel = directChannel(upstream.url());
        Line line = line("");
        var client =
                java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_2)
                        .build();
        var response =
                client.send(
                        HttpRequest.newBuilder(URI.create(BASE + line.path(channel, ".ts")))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(java.net.http.HttpClient.Version.HTTP_2, response.version(), "h2c upgrade");
        assertEquals(200, response.statusCode());
        try (var in = response.body()) {
            // Far more than one 64 KiB piece, the most an HTTP/2 write copies at a time.
            byte[] got =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                                    () -> {
                                        try {
                                            return in.readNBytes(1_000_000);
                                        } catch (java.io.IOException e) {
                                            throw new java.io.UncheckedIOException(e);
                                        }
                                    })
                            .get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(1_000_000, got.length);
            for (int p = 0; p + 188 <= got.length; p += 188) {
                assertEquals(0x47, got[p] & 0xff, "a whole TS packet at " + p);
            }
        }
    }

    @Test
    void everyAdmissionRuleHasItsOwnAnswer() throws Exception {
        long channel = directChannel(upstream.url());
        long other = directChannel(upstream.url());
        Line ok = line("");
        assertEquals(401, status("/live/" + ok.username() + "/wrong/" + channel + ".ts"));
        assertEquals(401, status("/live/nobody-" + unique("x") + "/pw/" + channel + ".ts"));
        assertEquals(404, status(ok.path(99_999_999, ".ts")));
        assertEquals(400, status("/live/" + ok.username() + "/pw/abc.ts"));
        assertEquals(400, status("/live/" + ok.username() + "/pw/" + channel + ".mp4"));
        assertEquals(400, status("/live/" + ok.username() + "/pw/" + channel + "/extra.ts"));
        assertEquals(400, status("/live/" + ok.username() + "/pw/99999999999999999999999.ts"));
        assertEquals(403, status(line("\"banned\":true").path(channel, ".ts")));
        assertEquals(403, status(line("\"enabled\":false").path(channel, ".ts")));
        assertEquals(
                403, status(line("\"expiresAt\":\"2020-01-01T00:00:00Z\"").path(channel, ".ts")));
        assertEquals(403, status(line("\"allowedIps\":\"10.0.0.0/8\"").path(channel, ".ts")));
        assertEquals(403, status(line("\"allowedUserAgents\":\"VLC\"").path(channel, ".ts")));
        assertEquals(403, status(line("\"bouquet\":[" + other + "]").path(channel, ".ts")));
        put("/api/v1/channels/" + other, "{\"enabled\":false}");
        assertEquals(404, status(ok.path(other, ".ts")));

        Line vlcOnly = line("\"allowedUserAgents\":\"VLC\",\"allowedIps\":\"127.0.0.0/8\"");
        try (var vlc =
                StreamClient.open(
                        vlcOnly.path(channel, ".ts"), "127.0.0.1", "VLC/3.0.18 LibVLC/3.0.18")) {
            assertEquals(200, vlc.status());
        }
    }

    @Test
    void deletingTheOnlyChannelOfABouquetOpensNothing() throws Exception {
        long only = directChannel(upstream.url());
        long other = directChannel(upstream.url());
        Line line = line("\"bouquet\":[" + only + "]");
        assertEquals(403, status(line.path(other, ".ts")));
        assertEquals(204, delete("/api/v1/channels/" + only).statusCode());
        assertEquals(
                403, status(line.path(other, ".ts")), "an emptied bouquet is not 'all channels'");
        assertFalse(object(get("/api/v1/lines/" + line.id()).body()).getBoolean("allChannels"));
    }

    @Test
    void repeatedFailedLoginsThrottleOnlyThatAddress() throws Exception {
        long channel = directChannel(upstream.url());
        Line line = line("\"maxConnections\":2");
        String wrong = "/live/" + line.username() + "/nope/" + channel + ".ts";
        int last = 0;
        for (int i = 0; i < 12; i++) {
            try (var c = StreamClient.open(wrong, "127.0.0.3", "Flooder")) {
                last = c.status();
            }
        }
        assertEquals(429, last, "the flooding address is throttled");
        try (var c = StreamClient.open(line.path(channel, ".ts"), "127.0.0.3", "Flooder")) {
            assertEquals(429, c.status(), "even with the right password, for a while");
        }
        try (var c = StreamClient.open(line.path(channel, ".ts"))) {
            assertEquals(200, c.status(), "other clients of the line are not locked out");
        }
    }

    @Test
    void fiftySimultaneousRequestsLeaveExactlyOneStreamForMaxOne() throws Exception {
        long channel = directChannel(upstream.url());
        Line line = line("\"maxConnections\":1");
        var clients = new ArrayList<StreamClient>();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        var go = new CountDownLatch(1);
        var futures = new ArrayList<java.util.concurrent.Future<StreamClient>>();
        for (int i = 0; i < 50; i++) {
            futures.add(
                    pool.submit(
                            () -> {
                                go.await();
                                return StreamClient.open(line.path(channel, ".ts"));
                            }));
        }
        go.countDown();
        for (var f : futures) clients.add(f.get());
        pool.shutdown();
        try {
            for (var c : clients) c.status();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> clients.stream().filter(c -> !c.hasEnded()).count() == 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    array(
                                                            get("/api/v1/connections?open=true&line="
                                                                            + line.id())
                                                                    .body())
                                                    .size()
                                            == 1);
            // the ledger writes once a second: wait for every record rather than read it once
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    array(get("/api/v1/connections?line=" + line.id()).body())
                                                    .size()
                                            == 50);
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    array(
                                                            get("/api/v1/connections?open=false&line="
                                                                            + line.id())
                                                                    .body())
                                                    .size()
                                            == 49);
        } finally {
            for (var c : clients) c.close();
        }
    }

    @Test
    void hlsViewerIsOneSessionThatEndsWhenFetchingStops() throws Exception {
        long channel = directChannel(upstream.url());
        Line line = line("\"maxConnections\":1");
        var codecs = Players.ffprobeCodecs(BASE + line.path(channel, ".m3u8"));
        assertTrue(codecs.contains("h264"), "HLS decodable: " + codecs);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            var records =
                                    array(get("/api/v1/connections?line=" + line.id()).body());
                            return records.size() == 1
                                    && records.getJsonObject(0).containsKey("endedAt");
                        });
        var r = array(get("/api/v1/connections?line=" + line.id()).body()).getJsonObject(0);
        assertEquals("m3u8", r.getString("format"));
        assertEquals("CLIENT_CLOSED", r.getString("endReason"));
        assertTrue(r.getJsonNumber("bytesSent").longValue() > 10_000);
    }

    @Test
    void backupSourceTakesOverWhenThePrimaryIsDead() throws Exception {
        long channel = directChannel("http://127.0.0.1:9/dead.ts", upstream.url());
        Line line = line("");
        try (var c = StreamClient.open(line.path(channel, ".ts"))) {
            assertEquals(200, c.status());
            await().atMost(Duration.ofSeconds(30)).until(() -> c.bytes() > 100_000);
        }
    }

    @Test
    void viewersStayConnectedWhileTheUpstreamRestarts() throws Exception {
        try (var own = TestUpstream.start()) {
            long channel = directChannel(own.url());
            Line line = line("");
            try (var c = StreamClient.open(line.path(channel, ".ts"))) {
                assertEquals(200, c.status());
                await().atMost(Duration.ofSeconds(20)).until(() -> c.bytes() > 50_000);
                own.fail();
                int attempts = own.connections();
                await().atMost(Duration.ofSeconds(10)).until(() -> own.connections() > attempts);
                long during = c.bytes();
                own.recover();
                await().atMost(Duration.ofSeconds(15)).until(() -> c.bytes() > during + 50_000);
                assertFalse(c.hasEnded(), "the viewer saw a pause, not a close");
            }
        }
    }

    @Test
    void aDeadUpstreamGetsAClear503() throws Exception {
        long channel = directChannel("http://127.0.0.1:9/dead.ts");
        assertEquals(503, status(line("").path(channel, ".ts")));
    }
}
