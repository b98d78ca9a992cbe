import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * N concurrent viewers of one stream on a single NIO thread: each sends a GET and counts body
 * bytes (headers excluded). Reports aggregate throughput and the slowest and median viewer rates
 * over the measured window (after a 5 s warm-up); the time to first byte of a joining viewer is
 * measured separately by run.sh with curl.
 *   java ViewerLoad.java HOST PORT PATH VIEWERS SECONDS
 */
public class ViewerLoad {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        int n = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        Selector selector = Selector.open();
        long[] bytes = new long[n];
        long[] firstByteNanos = new long[n];
        long[] openedNanos = new long[n];
        boolean[] headerDone = new boolean[n];
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: ViewerLoad\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(true);
            ch.connect(new InetSocketAddress(host, port));
            ch.write(ByteBuffer.wrap(request));
            ch.configureBlocking(false);
            openedNanos[i] = System.nanoTime();
            ch.register(selector, SelectionKey.OP_READ, i);
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 16);
        long warmup = System.nanoTime() + 5_000_000_000L;
        long end = warmup + seconds * 1_000_000_000L;
        long[] atWarmup = null;
        int closed = 0;
        while (System.nanoTime() < end) {
            if (atWarmup == null && System.nanoTime() >= warmup) atWarmup = bytes.clone();
            selector.select(100);
            for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove();
                int i = (Integer) key.attachment();
                SocketChannel ch = (SocketChannel) key.channel();
                buf.clear();
                int r = ch.read(buf);
                if (r < 0) { key.cancel(); ch.close(); closed++; continue; }
                if (r > 0 && firstByteNanos[i] == 0) firstByteNanos[i] = System.nanoTime();
                if (!headerDone[i]) {
                    // count only the body: skip up to the end of the header block
                    buf.flip();
                    byte[] b = new byte[buf.remaining()];
                    buf.get(b);
                    String s = new String(b, StandardCharsets.ISO_8859_1);
                    int h = s.indexOf("\r\n\r\n");
                    if (h >= 0) { headerDone[i] = true; bytes[i] += b.length - h - 4; }
                } else {
                    bytes[i] += r;
                }
            }
        }
        double[] rates = new double[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            long d = bytes[i] - (atWarmup == null ? 0 : atWarmup[i]);
            total += d;
            rates[i] = d * 8.0 / seconds;
        }
        Arrays.sort(rates);
        int silent = 0;
        for (int i = 0; i < n; i++) if (firstByteNanos[i] == 0) silent++;
        System.out.printf("viewers=%d seconds=%d closed=%d%n", n, seconds, closed);
        System.out.printf("aggregate_mbps=%.1f%n", total * 8.0 / seconds / 1e6);
        System.out.printf("slowest_viewer_mbps=%.3f median_viewer_mbps=%.3f%n", rates[0] / 1e6, rates[n / 2] / 1e6);
        System.out.printf("viewers_without_data=%d%n", silent);
    }
}
