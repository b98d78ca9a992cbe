import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live MPEG-TS upstream for benchmarks: loops a clip over HTTP, paced at a given bit rate, and
 * counts the connections it receives (printed on each new one).
 *   java Upstream.java CLIP.ts PORT BITS_PER_SECOND
 */
public class Upstream {
    public static void main(String[] args) throws Exception {
        byte[] ts = Files.readAllBytes(Path.of(args[0]));
        int port = Integer.parseInt(args[1]);
        long bps = Long.parseLong(args[2]);
        var connections = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1000);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/live.ts", ex -> {
            System.out.println("upstream connections: " + connections.incrementAndGet());
            ex.getResponseHeaders().add("Content-Type", "video/mp2t");
            ex.sendResponseHeaders(200, 0);
            int step = 188 * 40;
            long start = System.nanoTime();
            long sent = 0;
            try (OutputStream out = ex.getResponseBody()) {
                while (true) {
                    for (int off = 0; off < ts.length; off += step) {
                        int n = Math.min(step, ts.length - off);
                        out.write(ts, off, n);
                        out.flush();
                        sent += n;
                        long due = start + sent * 8L * 1_000_000_000L / bps;
                        long wait = due - System.nanoTime();
                        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (Exception e) {
                // client gone
            }
        });
        server.start();
        System.out.println("upstream ready on " + port);
    }
}
