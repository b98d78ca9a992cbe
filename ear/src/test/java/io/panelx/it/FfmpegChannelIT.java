package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FFmpeg channels with real FFmpeg and real sources: decodable output, on-demand start and idle
 * stop, crash restart with viewers still connected, failover to a backup source, and tracking equal
 * to the direct proxy's in every field but origin.
 */
@ExtendWith(ArquillianExtension.class)
class FfmpegChannelIT {

    @RegisterExtension static final SharedUpstream upstream = new SharedUpstream();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    static String newLine(int maxConnections) {
        String username = unique("ff");
        createLine(
                "{\"username\":\""
                        + username
                        + "\",\"password\":\"pw\",\"maxConnections\":"
                        + maxConnections
                        + "}");
        return username;
    }

    static long ffmpegChannel(String... sources) {
        var json =
                new StringBuilder(
                        "{\"name\":\""
                                + unique("ffmpeg")
                                + "\",\"deliveryMode\":\"FFMPEG\","
                                + "\"ffmpegProfile\":\"COPY\",\"sources\":[");
        for (int i = 0; i < sources.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(sources[i]).append('"');
        }
        return createChannel(json.append("]}").toString());
    }

    @Test
    void demoChannelPlaysInARealPlayer() throws Exception {
        var codecs = Players.ffprobeCodecs(BASE + "/live/demo/demo/1.ts");
        assertTrue(codecs.containsAll(List.of("h264", "aac")), "decodable: " + codecs);
    }

    @Test
    void remuxOfAnHttpSourceStartsOnDemandAndStopsWhenIdle() throws Exception {
        String marker = upstream.url();
        long channel = ffmpegChannel(upstream.url() + "?ch=" + unique("od"));
        String url = get("/api/v1/channels/" + channel).body();
        String source = object(url).getJsonArray("sources").getString(0);
        assertTrue(Players.ffmpegProcesses(source).isEmpty(), "nothing runs before a viewer");
        String user = newLine(1);
        try (var c = StreamClient.open("/live/" + user + "/pw/" + channel + ".ts")) {
            assertEquals(200, c.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> c.bytes() > 100_000);
            assertEquals(1, Players.ffmpegProcesses(source).size(), "one FFmpeg for the channel");
            var codecs = Players.ffprobeCodecs(BASE + "/live/" + user + "/pw/" + channel + ".ts");
            assertTrue(codecs.contains("h264"), "decodable: " + codecs);
        }
        // idle release is 4 s in the test server (panelx.idle-release-seconds)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Players.ffmpegProcesses(source).isEmpty());
        assertNotNull(marker);
    }

    @Test
    void aCrashedFfmpegIsRestartedWhileViewersStayConnected() throws Exception {
        long channel = ffmpegChannel(upstream.url() + "?ch=" + unique("crash"));
        String source =
                object(get("/api/v1/channels/" + channel).body())
                        .getJsonArray("sources")
                        .getString(0);
        String user = newLine(1);
        try (var c = StreamClient.open("/live/" + user + "/pw/" + channel + ".ts")) {
            assertEquals(200, c.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> c.bytes() > 100_000);
            var first = Players.ffmpegProcesses(source);
            assertEquals(1, first.size());
            long crashedPid = first.get(0).pid();
            first.get(0).destroyForcibly(); // kill -9
            await().atMost(Duration.ofSeconds(15))
                    .until(
                            () -> {
                                var now = Players.ffmpegProcesses(source);
                                return now.size() == 1 && now.get(0).pid() != crashedPid;
                            });
            long atRestart = c.bytes();
            await().atMost(Duration.ofSeconds(15)).until(() -> c.bytes() > atRestart + 100_000);
            assertFalse(c.hasEnded(), "the viewer stayed connected across the restart");
        }
    }

    @Test
    void aDeadPrimaryFailsOverToTheBackupSource() throws Exception {
        long channel =
                ffmpegChannel("http://127.0.0.1:9/dead.ts", upstream.url() + "?ch=" + unique("fo"));
        String user = newLine(1);
        try (var c = StreamClient.open("/live/" + user + "/pw/" + channel + ".ts")) {
            assertEquals(200, c.status());
            await().atMost(Duration.ofSeconds(40)).until(() -> c.bytes() > 100_000);
        }
    }

    @Test
    void ffmpegViewersAreTrackedExactlyLikeProxyViewers() throws Exception {
        long ffmpeg = ffmpegChannel(upstream.url() + "?ch=" + unique("same"));
        long direct =
                createChannel(
                        "{\"name\":\""
                                + unique("direct")
                                + "\",\"deliveryMode\":\"DIRECT\",\"sources\":[\""
                                + upstream.url()
                                + "\"]}");
        String user = newLine(2);
        String a, b;
        long bytesA, bytesB;
        try (var viaFfmpeg = StreamClient.open("/live/" + user + "/pw/" + ffmpeg + ".ts");
                var viaProxy = StreamClient.open("/live/" + user + "/pw/" + direct + ".ts")) {
            assertEquals(200, viaFfmpeg.status());
            assertEquals(200, viaProxy.status());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> viaFfmpeg.bytes() > 50_000 && viaProxy.bytes() > 50_000);
            a = viaFfmpeg.connectionId();
            b = viaProxy.connectionId();
            // a third stream of the line (max 2) closes the oldest: both get a server-side end
            try (var third = StreamClient.open("/live/" + user + "/pw/" + direct + ".ts");
                    var fourth = StreamClient.open("/live/" + user + "/pw/" + direct + ".ts")) {
                assertEquals(200, third.status());
                assertEquals(200, fourth.status());
                bytesA = viaFfmpeg.awaitEnd(20);
                bytesB = viaProxy.awaitEnd(20);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ended(a) && ended(b));
        JsonObject ra = object(get("/api/v1/connections/" + a).body());
        JsonObject rb = object(get("/api/v1/connections/" + b).body());
        assertEquals("FFMPEG", ra.getString("origin"));
        assertEquals("PROXY", rb.getString("origin"));
        assertEquals(bytesA, ra.getJsonNumber("bytesSent").longValue());
        assertEquals(bytesB, rb.getJsonNumber("bytesSent").longValue());
        assertEquals(ra.keySet(), rb.keySet(), "same fields");
        for (String field :
                Set.of("lineId", "lineUsername", "clientIp", "userAgent", "format", "endReason")) {
            assertEquals(ra.get(field), rb.get(field), field);
        }
    }

    static boolean ended(String connectionId) {
        var r = get("/api/v1/connections/" + connectionId);
        return r.statusCode() == 200 && object(r.body()).containsKey("endedAt");
    }
}
