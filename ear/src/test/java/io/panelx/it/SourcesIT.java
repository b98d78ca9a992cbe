package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The other kinds of source, each made by the test with real FFmpeg: an HLS folder served over HTTP
 * (direct proxy and FFmpeg), an RTMP server FFmpeg pulls from, and a publisher pushing RTMP to
 * PanelX's own ingest address.
 */
@ExtendWith(ArquillianExtension.class)
class SourcesIT {

    private final List<Process> processes = new ArrayList<>();
    private HttpServer server;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        if (server != null) server.stop(0);
    }

    private Process ffmpeg(String... args) throws IOException {
        var cmd = Players.testPattern(args);
        var p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        processes.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A live HLS folder written by FFmpeg and served over HTTP; returns the playlist URL. */
    private String hlsUpstream() throws IOException {
        Path dir = Files.createTempDirectory("panelx-hls");
        ffmpeg(
                "-f",
                "hls",
                "-hls_time",
                "1",
                "-hls_list_size",
                "6",
                "-hls_flags",
                "delete_segments",
                dir.resolve("index.m3u8").toString());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext(
                "/hls/",
                ex -> {
                    Path file =
                            dir.resolve(
                                    Path.of(ex.getRequestURI().getPath()).getFileName().toString());
                    if (!Files.exists(file)) {
                        ex.sendResponseHeaders(404, -1);
                    } else {
                        byte[] body = Files.readAllBytes(file);
                        ex.sendResponseHeaders(200, body.length);
                        ex.getResponseBody().write(body);
                    }
                    ex.close();
                });
        server.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("index.m3u8")));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hls/index.m3u8";
    }

    private static String line() {
        String u = unique("src");
        createLine("{\"username\":\"" + u + "\",\"password\":\"pw\",\"maxConnections\":4}");
        return u;
    }

    private static long channel(String mode, String source, boolean onDemand) {
        return createChannel(
                "{\"name\":\""
                        + unique(mode)
                        + "\",\"deliveryMode\":\""
                        + mode
                        + "\",\"onDemand\":"
                        + onDemand
                        + ",\"sources\":[\""
                        + source
                        + "\"]}");
    }

    @Test
    void hlsUpstreamThroughTheDirectProxyAndThroughFfmpeg() throws Exception {
        String playlist = hlsUpstream();
        String user = line();
        long direct = channel("DIRECT", playlist, true);
        long viaFfmpeg = channel("FFMPEG", playlist, true);
        var codecs = Players.ffprobeCodecs(BASE + "/live/" + user + "/pw/" + direct + ".ts");
        assertTrue(codecs.contains("h264"), "HLS pulled by the proxy decodes: " + codecs);
        codecs = Players.ffprobeCodecs(BASE + "/live/" + user + "/pw/" + viaFfmpeg + ".ts");
        assertTrue(codecs.contains("h264"), "HLS read by FFmpeg decodes: " + codecs);
        codecs = Players.ffprobeCodecs(BASE + "/live/" + user + "/pw/" + direct + ".m3u8");
        assertTrue(codecs.contains("h264"), "and re-served as PanelX HLS: " + codecs);
    }

    @Test
    void rtmpPullFromAnRtmpServer() throws Exception {
        int port = freePort();
        ffmpeg("-f", "flv", "-listen", "1", "rtmp://127.0.0.1:" + port + "/live/cam");
        long ch = channel("FFMPEG", "rtmp://127.0.0.1:" + port + "/live/cam", true);
        String user = line();
        try (var c = StreamClient.open("/live/" + user + "/pw/" + ch + ".ts")) {
            assertEquals(200, c.status());
            await().atMost(Duration.ofSeconds(30)).until(() -> c.bytes() > 100_000);
        }
    }

    @Test
    void rtmpPushToTheIngestUrlTheApiGives() throws Exception {
        String key = "cam" + System.nanoTime();
        var r =
                post(
                        "/api/v1/channels",
                        "{\"name\":\""
                                + unique("push")
                                + "\",\"deliveryMode\":\"FFMPEG\",\"onDemand\":false,"
                                + "\"sources\":[\"push:"
                                + key
                                + "\"]}");
        assertEquals(201, r.statusCode(), r.body());
        var created = object(r.body());
        long ch = created.getJsonNumber("id").longValue();
        int port = created.getInt("ingestPort");
        String ingestUrl = created.getString("ingestUrl");
        assertEquals("rtmp://127.0.0.1:" + port + "/live/" + key, ingestUrl);
        try {
            // The always-on channel's FFmpeg listens there; a publisher that came too early is
            // refused and exits, so publish again until the panel receives the stream.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                if (processes.stream().noneMatch(Process::isAlive)) {
                                    ffmpeg("-f", "flv", ingestUrl);
                                }
                                return bitsPerSecondIn(ch) > 0;
                            });
            String user = line();
            var codecs = Players.ffprobeCodecs(BASE + "/live/" + user + "/pw/" + ch + ".ts");
            assertTrue(
                    codecs.contains("h264") && codecs.contains("aac"),
                    "the pushed stream decodes for a viewer: " + codecs);
        } finally {
            delete("/api/v1/channels/" + ch);
        }
    }

    /** What the channel receives now, as the dashboard snapshot says (0 when it is not running). */
    private static long bitsPerSecondIn(long channelId) {
        return object(get("/api/v1/live/snapshot").body()).getJsonArray("channels").stream()
                .map(v -> v.asJsonObject())
                .filter(c -> c.getJsonNumber("channelId").longValue() == channelId)
                .mapToLong(c -> c.getJsonNumber("bitsPerSecondIn").longValue())
                .findFirst()
                .orElse(0);
    }
}
