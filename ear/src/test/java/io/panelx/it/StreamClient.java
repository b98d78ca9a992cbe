package io.panelx.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A player that counts bytes: a raw HTTP/1.1 GET over a socket (optionally from another loopback
 * address), reading the chunked body until the server ends it. Byte counts are of the body only, as
 * the ledger records them.
 */
public final class StreamClient implements AutoCloseable {

    private final Socket socket;
    private final AtomicLong bytes = new AtomicLong();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<Long> ended = new CompletableFuture<>();
    private volatile String connectionId;
    private volatile java.util.concurrent.CountDownLatch paused;
    private final java.util.Map<String, String> headers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The body offset of the first 188-byte packet that does not start with 0x47; -1: none. */
    private volatile long misalignedAt = -1;

    private StreamClient(Socket socket) {
        this.socket = socket;
    }

    public static StreamClient open(String path) throws IOException {
        return open(path, "127.0.0.1", "PanelX-IT/1.0");
    }

    public static StreamClient open(String path, String fromAddress, String userAgent)
            throws IOException {
        return open(path, fromAddress, userAgent, 0);
    }

    /**
     * A player with a small receive window ({@code receiveBuffer} bytes, 0: the system's), so that
     * a pause in reading shows at the server within seconds.
     */
    public static StreamClient open(
            String path, String fromAddress, String userAgent, int receiveBuffer)
            throws IOException {
        return open(8080 + PanelX.PORT_OFFSET, path, fromAddress, userAgent, receiveBuffer);
    }

    /** A player of another server on this machine (a cluster's node or balancer). */
    public static StreamClient open(int port, String path) throws IOException {
        return open(port, path, "127.0.0.1", "PanelX-IT/1.0", 0);
    }

    /**
     * A player that asks to keep the connection (HTTP/1.1's default, as ExoPlayer and OkHttp based
     * players do): no {@code Connection: close}.
     */
    public static StreamClient openKeepAlive(String path) throws IOException {
        return open(8080 + PanelX.PORT_OFFSET, path, "127.0.0.1", "PanelX-IT/1.0", 0, false);
    }

    private static StreamClient open(
            int port, String path, String fromAddress, String userAgent, int receiveBuffer)
            throws IOException {
        return open(port, path, fromAddress, userAgent, receiveBuffer, true);
    }

    private static StreamClient open(
            int port,
            String path,
            String fromAddress,
            String userAgent,
            int receiveBuffer,
            boolean close)
            throws IOException {
        var socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        var client = new StreamClient(socket);
        String request =
                "GET "
                        + path
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: "
                        + userAgent
                        + (close ? "\r\nConnection: close" : "")
                        + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        Thread reader = new Thread(client::read, "stream-client");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    private void read() {
        try (InputStream in = new java.io.BufferedInputStream(socket.getInputStream())) {
            String statusLine = line(in);
            int code = Integer.parseInt(statusLine.split(" ")[1]);
            boolean chunked = false;
            String h;
            while (!(h = line(in)).isEmpty()) {
                String lower = h.toLowerCase();
                int colon = lower.indexOf(':');
                if (colon > 0)
                    headers.put(lower.substring(0, colon), h.substring(colon + 1).trim());
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked"))
                    chunked = true;
                if (lower.startsWith("x-panelx-connection:")) connectionId = h.substring(20).trim();
            }
            status.complete(code);
            byte[] buf = new byte[65536];
            if (chunked) {
                while (true) {
                    String sizeLine = line(in);
                    int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                    if (size == 0) break;
                    int left = size;
                    while (left > 0) {
                        waitWhilePaused();
                        int n = in.read(buf, 0, Math.min(4096, left));
                        if (n < 0) throw new IOException("eof in chunk");
                        left -= n;
                        checkPackets(buf, n);
                        bytes.addAndGet(n);
                    }
                    line(in);
                }
            } else {
                int n;
                while (true) {
                    waitWhilePaused();
                    if ((n = in.read(buf, 0, 4096)) < 0) break;
                    checkPackets(buf, n);
                    bytes.addAndGet(n);
                }
            }
        } catch (Exception e) {
            status.complete(-1);
        } finally {
            ended.complete(bytes.get());
        }
    }

    /** Notes the first body byte that should start an MPEG-TS packet and does not. */
    private void checkPackets(byte[] buf, int n) {
        long at = bytes.get();
        if (misalignedAt >= 0) {
            return;
        }
        for (int i = (int) ((188 - at % 188) % 188); i < n; i += 188) {
            if (buf[i] != 0x47) {
                misalignedAt = at + i;
                return;
            }
        }
    }

    /** Where the body stopped being whole 188-byte MPEG-TS packets, or -1. */
    public long misalignedAt() {
        return misalignedAt;
    }

    private void waitWhilePaused() throws InterruptedException {
        var p = paused;
        if (p != null) {
            p.await();
        }
    }

    /** Stops reading (a stalled player): the server's writes back up. */
    public void pause() {
        paused = new java.util.concurrent.CountDownLatch(1);
    }

    public void resume() {
        var p = paused;
        paused = null;
        if (p != null) {
            p.countDown();
        }
    }

    /** The client's local port (to find its connection in the system's socket table). */
    public int localPort() {
        return socket.getLocalPort();
    }

    private static String line(InputStream in) throws IOException {
        var sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') sb.append((char) c);
        }
        if (c < 0 && sb.length() == 0) throw new IOException("connection closed");
        return sb.toString();
    }

    public int status() throws Exception {
        return status.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    public long bytes() {
        return bytes.get();
    }

    /** A response header (name in lower case), or null; set once {@link #status()} returned. */
    public String header(String name) {
        return headers.get(name);
    }

    public String connectionId() {
        return connectionId;
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    /** Waits until the server ends the response; returns the body bytes received. */
    public long awaitEnd(long seconds) throws Exception {
        return ended.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
