import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * N viewers of one stream on one NIO thread, all connecting at once (a connect storm: every
 * socket is opened and its non-blocking connect started before any byte is read), then reading
 * as fast as the server sends. Reports, over a measured window after the warm-up:
 *
 * <ul>
 *   <li>time to first byte per connection (from its connect to the first byte of the response,
 *       headers included, as curl's time_starttransfer): median and max;
 *   <li>throughput, per-viewer rate (min, median) and how many viewers fell behind real time: a
 *       viewer is behind when its average body rate over the window is below {@code -Dbehind}
 *       (default 0.95) of the channel rate {@code -Drate};
 *   <li>CPU seconds of the server processes {@code -Dpids=1,2} (utime + stime from /proc) and of
 *       this load tool itself over the window, so a saturated load tool shows;
 *   <li>the ledger's statements per second, from the counter {@code -Dcounter} (default
 *       panelx_ledger_statements_total, all label sets summed) at {@code -Dmetrics=URL} with
 *       {@code -Dauth=user:password}; "n/a" when the counter is absent.
 * </ul>
 *
 * The window starts 5 s after the storm, or 2 s after the last viewer's first byte if that is
 * later (at most 20 s after the storm), and lasts SECONDS.
 *
 * <p>For content served as fast as the player reads (catch-up, movies), {@code -Dpace=S} makes
 * each viewer read like a player with an S-second buffer: no further than {@code -Drate} allows
 * since its first byte, plus S seconds. {@code -Dplayers=distinct} sends a User-Agent per viewer
 * (ViewerLoad-N), so that viewers of one line and address are separate players, not one.
 *
 * <p>{@code java [-D...] ViewerLoad.java HOST PORT PATH VIEWERS SECONDS}
 */
public class ViewerLoad {
    static final long SEC = 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        int n = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        long rate = Long.getLong("rate", 0);
        double behindShare = Double.parseDouble(System.getProperty("behind", "0.95"));
        long hz = Long.getLong("hz", 100);
        long[] pids =
                Arrays.stream(System.getProperty("pids", "").split(","))
                        .filter(s -> !s.isBlank())
                        .mapToLong(s -> Long.parseLong(s.trim()))
                        .toArray();
        String metrics = System.getProperty("metrics", "");
        String counter = System.getProperty("counter", "panelx_ledger_statements_total");
        String auth = System.getProperty("auth", "");
        long checkpointSeconds = Long.getLong("checkpoint", 10);

        double pace = Double.parseDouble(System.getProperty("pace", "0"));
        boolean distinct = "distinct".equals(System.getProperty("players"));
        byte[][] requests = new byte[n][];
        for (int i = 0; i < n; i++) {
            requests[i] =
                    ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: ViewerLoad"
                                    + (distinct ? "-" + i : "")
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
        }
        SelectionKey[] keys = new SelectionKey[n];
        boolean[] paused = new boolean[n];
        Selector selector = Selector.open();
        SocketChannel[] channels = new SocketChannel[n];
        long[] bytes = new long[n];
        long[] connectNanos = new long[n];
        long[] firstByteNanos = new long[n];
        long[] requestNanos = new long[n]; // when the request was written (the connect completed)
        byte[][] head = new byte[n][]; // the response header while it is incomplete
        boolean[] headerDone = new boolean[n];
        int[] failed = new int[1]; // connect failures and resets
        int[] non200 = new int[1];
        int[] closedByServer = new int[1];
        InetSocketAddress address = new InetSocketAddress(host, port);

        // The storm: every connect is started before anything is read.
        long storm = System.nanoTime();
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            channels[i] = ch;
            connectNanos[i] = System.nanoTime();
            try {
                if (ch.connect(address)) {
                    ch.write(ByteBuffer.wrap(requests[i]));
                    requestNanos[i] = System.nanoTime();
                    keys[i] = ch.register(selector, SelectionKey.OP_READ, i);
                } else {
                    keys[i] = ch.register(selector, SelectionKey.OP_CONNECT, i);
                }
            } catch (IOException e) {
                failed[0]++;
                ch.close();
            }
        }
        long stormMillis = (System.nanoTime() - storm) / 1_000_000;

        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
        long windowStart = 0;
        long windowEnd = Long.MAX_VALUE;
        long[] atStart = null;
        long[] cpuStart = null;
        // read off the selector thread: a slow /metrics answer must not pause the viewers
        java.util.concurrent.CompletableFuture<double[]> counterStart = null;
        List<Double> samples = null;
        int[] answered = new int[1];
        long[] lastFirst = new long[1];
        while (true) {
            long now = System.nanoTime();
            if (atStart == null) {
                boolean settled =
                        answered[0] + failed[0] >= n && now - lastFirst[0] >= 2 * SEC;
                if ((now - storm >= 5 * SEC && settled) || now - storm >= 20 * SEC) {
                    counterStart = reading(metrics, counter, auth);
                    samples = sampling(metrics, counter, auth);
                    cpuStart = cpu(pids);
                    windowStart = System.nanoTime();
                    atStart = bytes.clone();
                    windowEnd = windowStart + seconds * SEC;
                }
            } else if (now >= windowEnd) {
                break;
            }
            if (pace > 0) {
                // A player's buffer: read again once the allowance has caught up.
                for (int i = 0; i < n; i++) {
                    if (paused[i] && bytes[i] < allowance(rate, pace, firstByteNanos[i], now)) {
                        paused[i] = false;
                        if (keys[i].isValid()) keys[i].interestOps(SelectionKey.OP_READ);
                    }
                }
            }
            selector.select(
                    key -> {
                        int i = (Integer) key.attachment();
                        SocketChannel ch = (SocketChannel) key.channel();
                        try {
                            if (key.isConnectable()) {
                                ch.finishConnect();
                                ch.write(ByteBuffer.wrap(requests[i]));
                                requestNanos[i] = System.nanoTime();
                                key.interestOps(SelectionKey.OP_READ);
                                return;
                            }
                            buf.clear();
                            int r = ch.read(buf);
                            if (r < 0) {
                                closedByServer[0]++;
                                key.cancel();
                                ch.close();
                                return;
                            }
                            if (r == 0) return;
                            if (firstByteNanos[i] == 0) {
                                firstByteNanos[i] = System.nanoTime();
                                lastFirst[0] = firstByteNanos[i];
                                answered[0]++;
                            }
                            if (headerDone[i]) {
                                bytes[i] += r;
                                if (pace > 0
                                        && bytes[i]
                                                >= allowance(
                                                        rate,
                                                        pace,
                                                        firstByteNanos[i],
                                                        System.nanoTime())) {
                                    paused[i] = true;
                                    key.interestOps(0);
                                }
                                return;
                            }
                            // Count only the body: keep the header until its blank line.
                            buf.flip();
                            byte[] got = new byte[buf.remaining()];
                            buf.get(got);
                            byte[] h = head[i] == null ? got : concat(head[i], got);
                            String s = new String(h, StandardCharsets.ISO_8859_1);
                            int end = s.indexOf("\r\n\r\n");
                            if (end < 0) {
                                head[i] = h;
                                return;
                            }
                            head[i] = null;
                            headerDone[i] = true;
                            if (!s.startsWith("HTTP/1.1 200") && !s.startsWith("HTTP/1.0 200")) {
                                non200[0]++;
                            }
                            bytes[i] += h.length - end - 4;
                        } catch (IOException e) {
                            failed[0]++;
                            key.cancel();
                            try {
                                ch.close();
                            } catch (IOException ignored) {
                                // closing a broken socket
                            }
                        }
                    },
                    pace > 0 ? 10 : 100);
        }
        long[] bytesEnd = bytes.clone();
        long[] cpuEnd = cpu(pids);
        long windowNanos = System.nanoTime() - windowStart;
        double[] first = counterStart.get();
        double[] last = reading(metrics, counter, auth).get();
        String perCheckpoint;
        synchronized (samples) {
            perCheckpoint = overCheckpoints(samples, n, checkpointSeconds);
        }
        for (SocketChannel ch : channels) {
            ch.close();
        }

        double window = windowNanos / (double) SEC;
        double[] rates = new double[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            long d = bytesEnd[i] - atStart[i];
            total += d;
            rates[i] = d * 8.0 / window;
        }
        Arrays.sort(rates);
        int behind = 0;
        for (double r : rates) if (r < behindShare * rate) behind++;
        long[] ttfb = millis(connectNanos, firstByteNanos, firstByteNanos);
        // The first byte's wait split at the request: the connect (the load tool's own loop and
        // the handshake), then the server's answer.
        long[] connected = millis(connectNanos, requestNanos, firstByteNanos);
        long[] toFirst = millis(requestNanos, firstByteNanos, firstByteNanos);
        double serverCpu = 0;
        for (int k = 0; k < pids.length; k++) serverCpu += (cpuEnd[k] - cpuStart[k]) / (double) hz;
        double loadCpu = (cpuEnd[pids.length] - cpuStart[pids.length]) / 1e9;
        String statements =
                Double.isNaN(first[0]) || Double.isNaN(last[0])
                        ? "n/a"
                        : String.format(
                                "%.1f", (last[0] - first[0]) / ((last[1] - first[1]) / SEC));

        System.out.printf(
                "viewers=%d window_s=%.1f warmup_s=%.1f storm_ms=%d%n",
                n, window, (windowStart - storm) / (double) SEC, stormMillis);
        System.out.printf(
                "errors=%d non200=%d closed_by_server=%d without_data=%d%n",
                failed[0], non200[0], closedByServer[0], n - ttfb.length);
        System.out.printf("throughput_mbps=%.1f%n", total * 8.0 / window / 1e6);
        System.out.printf(
                "viewer_mbps_min=%.3f viewer_mbps_median=%.3f behind=%d behind_below_mbps=%.3f%n",
                rates[0] / 1e6, rates[n / 2] / 1e6, behind, behindShare * rate / 1e6);
        System.out.printf(
                "ttfb_ms_median=%d ttfb_ms_max=%d%n",
                ttfb.length == 0 ? -1 : ttfb[ttfb.length / 2],
                ttfb.length == 0 ? -1 : ttfb[ttfb.length - 1]);
        System.out.printf(
                "connect_ms_median=%d request_to_first_byte_ms_median=%d%n",
                connected.length == 0 ? -1 : connected[connected.length / 2],
                toFirst.length == 0 ? -1 : toFirst[toFirst.length / 2]);
        System.out.printf("server_cpu_s=%.2f load_cpu_s=%.2f%n", serverCpu, loadCpu);
        System.out.printf(
                "ledger_statements_per_s=%s ledger_statements_per_s_window=%s%n",
                perCheckpoint, statements);
        System.exit(0);
    }

    /** The body bytes a paced player has read by {@code now}: its rate since the first byte. */
    static long allowance(long rate, double pace, long firstByte, long now) {
        double seconds = (now - firstByte) / (double) SEC + pace;
        return (long) (rate / 8.0 * seconds);
    }

    /** Sorted, in ms: to[i] - from[i] of every viewer that got a first byte and has both. */
    static long[] millis(long[] from, long[] to, long[] firstByte) {
        return Arrays.stream(indices(from.length))
                .filter(i -> firstByte[i] != 0 && from[i] != 0 && to[i] != 0)
                .mapToLong(i -> (to[i] - from[i]) / 1_000_000)
                .sorted()
                .toArray();
    }

    static int[] indices(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** utime + stime (clock ticks) of each pid, then this JVM's CPU time (ns) last. */
    static long[] cpu(long[] pids) throws IOException {
        long[] t = new long[pids.length + 1];
        for (int k = 0; k < pids.length; k++) {
            String stat = Files.readString(Path.of("/proc/" + pids[k] + "/stat"));
            // fields after the command name (which may hold spaces): state is field 3
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            t[k] = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime (14), stime (15)
        }
        t[pids.length] =
                ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime();
        return t;
    }

    /** The counter's value and the time it was answered (nanoTime), on another thread. */
    static java.util.concurrent.CompletableFuture<double[]> reading(
            String url, String name, String auth) {
        return java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new double[] {counter(url, name, auth), System.nanoTime()});
    }

    /**
     * The counter read every 2 s from now on, off the selector thread; guarded by the list.
     */
    static List<Double> sampling(String url, String name, String auth) {
        List<Double> samples = new ArrayList<>();
        if (url.isEmpty()) return samples;
        var timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "ledger-counter");
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleAtFixedRate(
                () -> {
                    double s = counter(url, name, auth);
                    synchronized (samples) {
                        samples.add(s);
                    }
                },
                0,
                2,
                java.util.concurrent.TimeUnit.SECONDS);
        return samples;
    }

    /**
     * Statements per second over whole checkpoint intervals: a window's own figure depends on how
     * many checkpoints (one statement per open record each) fall inside it. A checkpoint shows as a
     * step of at least half the viewers between two samples; the statements from the sample before
     * the first step to the sample before the last one span exactly (steps - 1) intervals of
     * {@code -Dcheckpoint} seconds (the server's panelx.ledger-checkpoint-seconds). "n/a" with
     * fewer than two steps.
     */
    static String overCheckpoints(List<Double> samples, int viewers, long checkpointSeconds) {
        int first = -1, last = -1, steps = 0;
        for (int i = 0; i + 1 < samples.size(); i++) {
            double step = samples.get(i + 1) - samples.get(i);
            if (step >= viewers / 2.0) {
                if (first < 0) first = i;
                last = i;
                steps++;
            }
        }
        if (steps < 2 || Double.isNaN(samples.get(first))) return "n/a";
        double statements = samples.get(last) - samples.get(first);
        return String.format("%.1f", statements / ((steps - 1) * (double) checkpointSeconds));
    }

    /** The counter's value (all label sets summed), or NaN when absent or unreadable. */
    static double counter(String url, String name, String auth) {
        if (url.isEmpty()) return Double.NaN;
        try {
            var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (!auth.isEmpty()) {
                b.header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
            }
            var r =
                    HttpClient.newHttpClient()
                            .send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return Double.NaN;
            double sum = 0;
            boolean found = false;
            for (String line : r.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    // "name{labels} value [timestamp]": the value follows the labels
                    String rest = line.substring(Math.max(line.lastIndexOf('}') + 1, name.length()));
                    String value = rest.trim().split("\\s+")[0];
                    sum += Double.parseDouble(value);
                    found = true;
                }
            }
            return found ? sum : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
