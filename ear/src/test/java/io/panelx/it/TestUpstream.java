package io.panelx.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real upstream for tests: a short MPEG-TS clip made by FFmpeg (test pattern and tone) served
 * over HTTP in an endless loop at about real time, counting the connections PanelX opens.
 */
public final class TestUpstream implements AutoCloseable {

    private static Path clip;

    private final HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicBoolean serving = new AtomicBoolean(true);
    private final AtomicBoolean hanging = new AtomicBoolean();

    private TestUpstream(HttpServer server) {
        this.server = server;
    }

    /** Encodes the clip once per test JVM (about 2 s of work at ultrafast). */
    static synchronized Path clip() throws IOException, InterruptedException {
        if (clip == null) {
            Path file = Files.createTempFile("panelx-clip", ".ts");
            var p =
                    new ProcessBuilder(
                                    List.of(
                                            "ffmpeg",
                                            "-y",
                                            "-v",
                                            "error",
                                            "-f",
                                            "lavfi",
                                            "-i",
                                            "testsrc=size=640x360:rate=25",
                                            "-f",
                                            "lavfi",
                                            "-i",
                                            "sine=frequency=440:sample_rate=48000",
                                            "-t",
                                            "6",
                                            "-c:v",
                                            "libx264",
                                            "-preset",
                                            "ultrafast",
                                            "-g",
                                            "25",
                                            "-b:v",
                                            "800k",
                                            "-c:a",
                                            "aac",
                                            "-b:a",
                                            "64k",
                                            "-f",
                                            "mpegts",
                                            file.toString()))
                            .inheritIO()
                            .start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("ffmpeg could not make the test clip (is ffmpeg installed?)");
            }
            clip = file;
        }
        return clip;
    }

    public static TestUpstream start() throws IOException, InterruptedException {
        byte[] ts = Files.readAllBytes(clip());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        var upstream = new TestUpstream(server);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(
                "/live.ts",
                exchange -> {
                    upstream.connections.incrementAndGet();
                    upstream.holdWhileHanging();
                    if (!upstream.serving.get()) {
                        exchange.sendResponseHeaders(503, -1);
                        exchange.close();
                        return;
                    }
                    exchange.getResponseHeaders().add("Content-Type", "video/mp2t");
                    exchange.sendResponseHeaders(200, 0);
                    // ~6 s clip of ~880 kbit/s: send 188*64 bytes every ~110 ms
                    int step = 188 * 64;
                    long pauseMillis = step * 8L * 1000 / 900_000;
                    try (OutputStream out = exchange.getResponseBody()) {
                        while (upstream.serving.get()) {
                            for (int off = 0;
                                    off < ts.length && upstream.serving.get();
                                    off += step) {
                                upstream.holdWhileHanging();
                                out.write(ts, off, Math.min(step, ts.length - off));
                                out.flush();
                                Thread.sleep(pauseMillis); // pacing the stream, not test sync
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // PanelX closed the connection
                    }
                });
        server.start();
        return upstream;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.ts";
    }

    public int connections() {
        return connections.get();
    }

    /** Simulates a dead upstream: ends current streams and answers 503 from now on. */
    public void fail() {
        serving.set(false);
    }

    public void recover() {
        serving.set(true);
    }

    /**
     * Simulates a hung upstream (a frozen server): connections stay open and new ones are accepted,
     * but nothing is sent on any of them.
     */
    public void hang() {
        hanging.set(true);
    }

    private void holdWhileHanging() {
        try {
            while (hanging.get() && serving.get()) {
                Thread.sleep(50); // the simulated upstream's own silence, not test sync
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        serving.set(false);
        server.stop(0);
    }
}
