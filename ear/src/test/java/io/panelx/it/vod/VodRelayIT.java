package io.panelx.it.vod;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.PanelX;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Movies relayed from origins that stop talking: one that accepts and sends nothing, one that sends
 * its headers and a little body, then nothing. Their players get a clear status or a clean end,
 * their records count what they got, and players of other movies on the same server are served
 * meanwhile (the relay's upstream reads hold no I/O thread).
 */
@ExtendWith(ArquillianExtension.class)
class VodRelayIT {

    /**
     * Four times as many stalled relays as the server has I/O threads (2 per core), so that with
     * reads on I/O threads every one of them would be held, whichever thread each connection got.
     */
    static final int STALLED_PLAYERS = 8 * Runtime.getRuntime().availableProcessors();

    static final int PREFIX = 1000;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    /**
     * An origin that reads each request and answers {@code prefix} (nothing, or headers and a
     * little body), then keeps the connection open and silent until closed.
     */
    static final class SilentOrigin implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final AtomicInteger answered = new AtomicInteger();

        SilentOrigin(byte[] prefix) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            var accepter =
                    new Thread(
                            () -> {
                                while (!server.isClosed()) {
                                    try {
                                        Socket s = server.accept();
                                        held.add(s);
                                        readHead(s.getInputStream());
                                        s.getOutputStream().write(prefix);
                                        s.getOutputStream().flush();
                                        answered.incrementAndGet();
                                    } catch (IOException e) {
                                        // closed
                                    }
                                }
                            },
                            "silent-origin");
            accepter.setDaemon(true);
            accepter.start();
        }

        String url(String name) {
            return "http://127.0.0.1:" + server.getLocalPort() + "/" + name;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) s.close();
        }
    }

    static void readHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return;
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    /** What a raw player got: its status line, the body bytes, and whether the server ended it. */
    record Got(String statusLine, long bodyBytes, boolean ended) {}

    /** A player that GETs {@code path} and reads until the server ends the connection. */
    static Got play(String path, String userAgent) throws IOException {
        try (var socket = new Socket("127.0.0.1", 8080 + PORT_OFFSET)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream()
                    .write(
                            ("GET "
                                            + path
                                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: "
                                            + userAgent
                                            + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            var head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) return new Got(head.toString(StandardCharsets.US_ASCII), 0, true);
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String status = head.toString(StandardCharsets.US_ASCII).split("\r\n", 2)[0];
            long body = 0;
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) body += n;
            } catch (java.net.SocketException e) {
                // a reset: the server dropped the connection
            }
            return new Got(status, body, true);
        }
    }

    @Test
    void silentOriginsEndCleanlyAndOtherPlayersAreServedMeanwhile() throws Exception {
        Library.put(Library.clip("mp4"), "Relay/movie.mp4");
        byte[] file = Files.readAllBytes(Library.ROOT.resolve("Relay/movie.mp4"));
        long onFile =
                VodXtreamIT.id(
                        post(
                                "/api/v1/vod/movies",
                                "{\"title\":\"R File\",\"source\":\"Relay/movie.mp4\"}"));
        byte[] head =
                ("HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 10000000\r\n"
                                + "Accept-Ranges: bytes\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] stallingAnswer = new byte[head.length + PREFIX];
        System.arraycopy(head, 0, stallingAnswer, 0, head.length);
        ExecutorService players = Executors.newCachedThreadPool();
        try (var mute = new SilentOrigin(new byte[0]);
                var stalling = new SilentOrigin(stallingAnswer)) {
            long muteMovie =
                    VodXtreamIT.id(
                            post(
                                    "/api/v1/vod/movies",
                                    "{\"title\":\"R Mute\",\"source\":\""
                                            + mute.url("m.mp4")
                                            + "\"}"));
            long stallingMovie =
                    VodXtreamIT.id(
                            post(
                                    "/api/v1/vod/movies",
                                    "{\"title\":\"R Stalling\",\"source\":\""
                                            + stalling.url("s.mp4")
                                            + "\"}"));
            String user = unique("relay");
            long lineId =
                    createLine(
                            "{\"username\":\""
                                    + user
                                    + "\",\"password\":\"pw\",\"maxConnections\":50}");
            String prefix = "/movie/" + user + "/pw/";

            var stalled = new ArrayList<CompletableFuture<Got>>();
            for (int i = 0; i < STALLED_PLAYERS; i++) {
                String ua = "stalling-" + i;
                stalled.add(
                        CompletableFuture.supplyAsync(
                                () -> unchecked(() -> play(prefix + stallingMovie + ".mp4", ua)),
                                players));
            }
            var muted = new ArrayList<CompletableFuture<Got>>();
            for (int i = 0; i < 2; i++) {
                String ua = "mute-" + i;
                muted.add(
                        CompletableFuture.supplyAsync(
                                () -> unchecked(() -> play(prefix + muteMovie + ".mp4", ua)),
                                players));
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> stalling.answered.get() == STALLED_PLAYERS);
            await().atMost(Duration.ofSeconds(20)).until(() -> mute.held.size() == 2);

            // While every relay waits on its origin, players of a file are served at once.
            long began = System.nanoTime();
            var others = new ArrayList<CompletableFuture<HttpResponse<byte[]>>>();
            for (int i = 0; i < 8; i++) {
                others.add(
                        HTTP.sendAsync(
                                HttpRequest.newBuilder(URI.create(BASE + prefix + onFile + ".mp4"))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("User-Agent", "file-player-" + i)
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray()));
            }
            for (var other : others) {
                var r = other.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertArrayEquals(file, r.body());
            }
            long tookMillis = (System.nanoTime() - began) / 1_000_000;
            assertTrue(
                    tookMillis < 5_000,
                    "8 file players took " + tookMillis + " ms beside the silent relays");
            for (var s : stalled) {
                assertFalse(s.isDone(), "a stalled relay is still open: " + s);
            }

            // A mute origin: a clear status once the relay's read timeout passes.
            for (var m : muted) {
                Got got = m.get(40, TimeUnit.SECONDS);
                assertEquals("HTTP/1.1 502 Bad Gateway", got.statusLine(), got.toString());
            }
            // A stalling origin: the player gets what came, then the connection ends.
            for (var s : stalled) {
                Got got = s.get(60, TimeUnit.SECONDS);
                assertEquals("HTTP/1.1 200 OK", got.statusLine());
                assertEquals(PREFIX, got.bodyBytes(), "what the origin sent, nothing more");
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    array(get("/api/v1/connections?line=" + lineId).body())
                                            .getValuesAs(JsonObject.class)
                                            .stream()
                                            .filter(
                                                    r ->
                                                            r.getString("userAgent")
                                                                    .startsWith("stalling-"))
                                            .allMatch(VodDeliveryIT::ended));
            var records =
                    array(get("/api/v1/connections?line=" + lineId).body())
                            .getValuesAs(JsonObject.class);
            var stalledRecords =
                    records.stream()
                            .filter(r -> r.getString("userAgent").startsWith("stalling-"))
                            .toList();
            assertEquals(STALLED_PLAYERS, stalledRecords.size(), records.toString());
            for (JsonObject r : stalledRecords) {
                assertEquals(PREFIX, r.getJsonNumber("bytesSent").longValue(), r.toString());
                assertEquals("STALLED", r.getString("endReason"), r.toString());
            }
            assertTrue(
                    records.stream().noneMatch(r -> r.getString("userAgent").startsWith("mute-")),
                    "a refused relay opens no connection");
        } finally {
            players.shutdownNow();
        }
    }

    interface Call<T> {
        T call() throws Exception;
    }

    static <T> T unchecked(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
