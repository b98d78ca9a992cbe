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
        var cmd =
                new ArrayList<>(
                        List.of(
                                "ffmpeg",
                                "-v",
                                "error",
                                "-re",
                                "-f",
                                "lavfi",
                                "-i",
                                "testsrc=size=640x360:rate=25",
                                "-f",
                                "lavfi",
                                "-i",
                                "sine=frequency=500",
                                "-c:v",
                                "libx264",
                                "-preset",
                                "ultrafast",
                                "-g",
                                "25",
                                "-c:a",
                                "aac"));
        cmd.addAll(List.of(args));
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
    void rtmpPushToPanelXsIngestAddress() throws Exception {
        String key = "cam" + System.nanoTime();
        long ch = channel("FFMPEG", "push:" + key, false);
        int ingest = 19350 + (int) (ch % 1000) + PORT_OFFSET * 0;
        // the always-on channel listens for its publisher; publish until a viewer sees bytes
        String user = line();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            if (processes.stream().noneMatch(Process::isAlive)) {
                                ffmpeg("-f", "flv", "rtmp://127.0.0.1:" + ingest + "/live/" + key);
                            }
                            return processes.stream().anyMatch(Process::isAlive);
                        });
        try (var c = StreamClient.open("/live/" + user + "/pw/" + ch + ".ts")) {
            assertEquals(200, c.status());
            await().atMost(Duration.ofSeconds(30)).until(() -> c.bytes() > 100_000);
        }
        delete("/api/v1/channels/" + ch);
    }
}
