import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N HLS players of one channel, each a thread that behaves like a player at the live edge: it
 * fetches the master playlist (its own session: a user agent per player), picks a rung (round
 * robin over the rungs), reloads that rung's playlist every second and fetches each new segment
 * once. Reports bytes, segments, failures and segment fetch times over the measured window.
 *   java HlsLoad.java BASE_URL STREAM_PATH VIEWERS SECONDS
 */
public class HlsLoad {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String path = args[1];
        int n = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        var client =
                HttpClient.newBuilder()
                        .executor(Executors.newFixedThreadPool(8))
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
        var bytes = new AtomicLong();
        var segments = new AtomicLong();
        var failures = new AtomicLong();
        var players = new AtomicLong();
        List<Long> fetchMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        for (int i = 0; i < n; i++) {
            int player = i;
            pool.execute(
                    () -> {
                        String ua = "HlsLoad-" + player;
                        try {
                            String master = text(client, base + path, ua);
                            List<String> rungs =
                                    master.lines().filter(l -> l.startsWith("/hls/")).toList();
                            String rung = rungs.get(player % rungs.size());
                            String prefix = rung.substring(0, rung.lastIndexOf('/') + 1);
                            players.incrementAndGet();
                            Set<String> seen = new HashSet<>();
                            boolean first = true;
                            while (System.nanoTime() < end) {
                                List<String> names =
                                        text(client, base + rung, ua)
                                                .lines()
                                                .filter(l -> l.endsWith(".ts"))
                                                .toList();
                                // Start like a player: the newest two, then every new one.
                                List<String> fresh =
                                        first
                                                ? names.subList(
                                                        Math.max(0, names.size() - 2), names.size())
                                                : names;
                                first = false;
                                for (String name : fresh) {
                                    if (!seen.add(name)) continue;
                                    long t0 = System.nanoTime();
                                    var r =
                                            client.send(
                                                    request(base + prefix + name, ua),
                                                    HttpResponse.BodyHandlers.ofByteArray());
                                    if (r.statusCode() != 200) {
                                        failures.incrementAndGet();
                                        continue;
                                    }
                                    fetchMillis.add((System.nanoTime() - t0) / 1_000_000);
                                    bytes.addAndGet(r.body().length);
                                    segments.incrementAndGet();
                                }
                                Thread.sleep(1000);
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            System.err.println("player " + player + ": " + e);
                        }
                    });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        long[] times = fetchMillis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(times);
        System.out.printf(
                "players=%d started=%d segments=%d failures=%d aggregate_mbps=%.1f"
                        + " segment_fetch_ms_p50=%d p99=%d max=%d%n",
                n,
                players.get(),
                segments.get(),
                failures.get(),
                bytes.get() * 8.0 / seconds / 1e6,
                times.length == 0 ? -1 : times[times.length / 2],
                times.length == 0 ? -1 : times[(int) (times.length * 0.99)],
                times.length == 0 ? -1 : times[times.length - 1]);
        System.exit(0);
    }

    static HttpRequest request(String url, String ua) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("User-Agent", ua)
                .build();
    }

    static String text(HttpClient client, String url, String ua) throws Exception {
        var r = client.send(request(url, ua), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return r.body();
    }
}
