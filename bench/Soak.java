import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A soak: N viewers that zap. Each viewer (one NIO thread for all) watches a channel for a random
 * dwell ({@code -Ddwell=MIN-MAX} seconds, default 5-60), hangs up and joins another channel at
 * once, for MINUTES; the viewers start spread over the first 10 s. An admin poller (its own
 * thread) reads the live snapshot, the open connections and /metrics once a second with
 * {@code -Dauth=user:password}. Every failure counts as an error: a status other than 200 (viewer
 * or poller), a reset or refused connection, a stream the server closed while the viewer still
 * watched, a session without a byte of body. Also reports sessions whose average rate was below
 * 90% of {@code -Drate} (sessions of 10 s or longer). A fixed seed ({@code -Dseed}, default 12)
 * makes runs repeatable.
 *
 * <p>{@code java [-D...] Soak.java HOST PORT MINUTES VIEWERS PATH[,PATH...]}
 */
public class Soak {
    static final long SEC = 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long minutes = Long.parseLong(args[2]);
        int n = Integer.parseInt(args[3]);
        String[] paths = args[4].split(",");
        String[] dwell = System.getProperty("dwell", "5-60").split("-");
        long dwellMin = Long.parseLong(dwell[0]) * SEC;
        long dwellMax = Long.parseLong(dwell[1]) * SEC;
        long rate = Long.getLong("rate", 0);
        String auth = System.getProperty("auth", "");
        Random random = new Random(Long.getLong("seed", 12));

        Poller poller = new Poller("http://" + host + ":" + port, auth);
        Thread pollerThread = new Thread(poller, "admin-poller");
        pollerThread.setDaemon(true);
        pollerThread.start();

        byte[][] requests = new byte[paths.length][];
        for (int p = 0; p < paths.length; p++) {
            requests[p] =
                    ("GET " + paths[p] + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: Soak\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        Viewer[] viewers = new Viewer[n];
        Selector selector = Selector.open();
        Counts c = new Counts();
        c.startNanos = System.nanoTime();
        c.slowByChannel = new long[paths.length];
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
        long start = System.nanoTime();
        long end = start + minutes * 60 * SEC;
        long ramp = Math.min(10 * SEC, (end - start) / 4);
        for (int i = 0; i < n; i++) {
            viewers[i] = new Viewer();
            viewers[i].leaveAt = start + ramp * i / n; // first join
            viewers[i].channel = random.nextInt(paths.length);
        }
        long nextCheck = 0;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now >= nextCheck) {
                nextCheck = now + 100_000_000L;
                for (Viewer v : viewers) {
                    if (now < v.leaveAt) continue;
                    v.hangUp(c, rate, now);
                    // zap: another channel than the one just watched
                    int next = random.nextInt(paths.length - (paths.length > 1 ? 1 : 0));
                    v.channel = paths.length > 1 && next >= v.channel ? next + 1 : next;
                    v.leaveAt = now + dwellMin + (long) (random.nextDouble() * (dwellMax - dwellMin));
                    v.join(selector, address, requests[v.channel], c, now);
                }
            }
            selector.select(key -> ((Viewer) key.attachment()).ready(key, buf, c), 100);
        }
        long now = System.nanoTime();
        // The soak's end cuts every viewer's dwell short. Those younger than the shortest dwell
        // are not judged (one that joined 50 ms before the end has no byte yet, rightly).
        for (Viewer v : viewers) {
            if (v.socket != null && now - v.joinedAt < dwellMin) {
                c.unfinished++;
                v.failed = true;
            }
            v.hangUp(c, rate, now);
        }
        poller.stop = true;
        pollerThread.join(15_000);

        System.out.printf(
                "minutes=%d viewers=%d sessions=%d body_gbytes=%.2f%n",
                minutes, n, c.sessions, c.bytes / 1e9);
        System.out.printf(
                "viewer_errors=%d non200=%d resets=%d closed_by_server=%d without_data=%d"
                        + " statuses=%s unfinished_at_end=%d (younger than the shortest dwell,"
                        + " not judged)%n",
                c.non200 + c.resets + c.closedByServer + c.withoutData,
                c.non200,
                c.resets,
                c.closedByServer,
                c.withoutData,
                c.statuses,
                c.unfinished);
        if (!c.withoutDataDetails.isEmpty()) {
            System.out.println("without_data sessions (channel, joined s after the start, lasted s): "
                    + String.join(" ", c.withoutDataDetails.subList(0, Math.min(50, c.withoutDataDetails.size()))));
        }
        System.out.printf(
                "sessions_10s_or_longer=%d below_90pct_of_rate=%d (by channel, in PATH order: %s)%n",
                c.longSessions,
                c.slow,
                Arrays.toString(c.slowByChannel));
        poller.report();
        System.exit(0);
    }

    static final class Counts {
        long sessions, bytes, non200, resets, closedByServer, withoutData, longSessions, slow;
        long unfinished, startNanos;
        final List<String> withoutDataDetails = new ArrayList<>();
        long[] slowByChannel;
        final Map<String, Long> statuses = new TreeMap<>();
    }

    static final class Viewer {
        SocketChannel socket;
        int channel;
        long leaveAt, joinedAt, bytes;
        byte[] head;
        boolean headerDone, failed;
        byte[] request;

        void join(Selector selector, InetSocketAddress address, byte[] request, Counts c, long now) {
            this.request = request;
            joinedAt = now;
            bytes = 0;
            head = null;
            headerDone = false;
            failed = false;
            c.sessions++;
            try {
                socket = SocketChannel.open();
                socket.configureBlocking(false);
                if (socket.connect(address)) {
                    socket.write(ByteBuffer.wrap(request));
                    socket.register(selector, SelectionKey.OP_READ, this);
                } else {
                    socket.register(selector, SelectionKey.OP_CONNECT, this);
                }
            } catch (IOException e) {
                fail(c, true);
            }
        }

        void ready(SelectionKey key, ByteBuffer buf, Counts c) {
            try {
                if (key.isConnectable()) {
                    socket.finishConnect();
                    socket.write(ByteBuffer.wrap(request));
                    key.interestOps(SelectionKey.OP_READ);
                    return;
                }
                buf.clear();
                int r = socket.read(buf);
                if (r < 0) {
                    c.closedByServer++;
                    fail(c, false);
                    return;
                }
                if (headerDone) {
                    bytes += r;
                    c.bytes += r;
                    return;
                }
                buf.flip();
                byte[] got = new byte[buf.remaining()];
                buf.get(got);
                byte[] h = head == null ? got : concat(head, got);
                String s = new String(h, StandardCharsets.ISO_8859_1);
                int end = s.indexOf("\r\n\r\n");
                if (end < 0) {
                    head = h;
                    return;
                }
                head = null;
                headerDone = true;
                String status = s.length() >= 12 ? s.substring(9, 12) : "?";
                c.statuses.merge(status, 1L, Long::sum);
                if (!status.equals("200")) {
                    c.non200++;
                    fail(c, false);
                    return;
                }
                bytes += h.length - end - 4;
                c.bytes += h.length - end - 4;
            } catch (IOException e) {
                fail(c, true);
            }
        }

        /** Ends a failed session (already counted as such); hangUp then counts nothing more. */
        void fail(Counts c, boolean reset) {
            if (reset) c.resets++;
            failed = true;
            close();
        }

        /** The viewer leaves: counts a session that never got a byte, or fell behind. */
        void hangUp(Counts c, long rate, long now) {
            if (socket == null) return;
            if (!failed) {
                if (bytes == 0) {
                    c.withoutData++;
                    c.withoutDataDetails.add(
                            String.format(
                                    "(%d, %.1f, %.1f)",
                                    channel,
                                    (joinedAt - c.startNanos) / (double) SEC,
                                    (now - joinedAt) / (double) SEC));
                }
                double secs = (now - joinedAt) / (double) SEC;
                if (secs >= 10) {
                    c.longSessions++;
                    if (bytes * 8 / secs < 0.9 * rate) {
                        c.slow++;
                        c.slowByChannel[channel]++;
                    }
                }
            }
            close();
            socket = null;
        }

        void close() {
            try {
                if (socket != null) socket.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The admin: snapshot, open connections and /metrics, each once a second. */
    static final class Poller implements Runnable {
        final String base;
        final String authorization;
        final HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final List<Long> millis = new ArrayList<>();
        final Map<String, Long> failures = new TreeMap<>();
        volatile boolean stop;
        long requests;

        Poller(String base, String auth) {
            this.base = base;
            this.authorization =
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(auth.getBytes(StandardCharsets.UTF_8));
        }

        public void run() {
            String[] paths = {"/api/v1/live/snapshot", "/api/v1/connections?open=true", "/metrics"};
            long next = System.nanoTime();
            while (!stop) {
                for (String p : paths) {
                    long t0 = System.nanoTime();
                    requests++;
                    try {
                        var r =
                                client.send(
                                        HttpRequest.newBuilder(URI.create(base + p))
                                                .timeout(Duration.ofSeconds(10))
                                                .header("Authorization", authorization)
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            failures.merge(p + " " + r.statusCode(), 1L, Long::sum);
                        }
                    } catch (Exception e) {
                        failures.merge(p + " " + e.getClass().getSimpleName(), 1L, Long::sum);
                    }
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                }
                next += SEC;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        void report() {
            long[] t = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            long errors = failures.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(
                    "poller_requests=%d poller_errors=%d poller_ms_median=%d poller_ms_p99=%d"
                            + " poller_ms_max=%d poller_failures=%s%n",
                    requests,
                    errors,
                    t.length == 0 ? -1 : t[t.length / 2],
                    t.length == 0 ? -1 : t[(int) (t.length * 0.99)],
                    t.length == 0 ? -1 : t[t.length - 1],
                    failures);
        }
    }
}
