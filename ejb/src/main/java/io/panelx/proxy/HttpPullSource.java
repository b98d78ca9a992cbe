package io.panelx.proxy;

import io.panelx.delivery.Feed;
import io.panelx.delivery.Source;
import io.panelx.viewer.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Direct proxy of an HTTP(S) MPEG-TS upstream: one connection per channel, read straight into the
 * Feed's chunks (no intermediate buffers). A silent upstream fails after the read timeout.
 */
public final class HttpPullSource implements Source {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /**
     * A flowing stream that sends nothing this long is hung (a frozen upstream keeps the TCP
     * connection open): the read fails and the channel fails over to its next source.
     */
    static final int READ_TIMEOUT_MILLIS = 4_000;

    private final URI uri;
    private final Origin origin;
    private final Map<String, String> headers;
    private volatile HttpURLConnection connection;
    private volatile boolean aborted;

    public HttpPullSource(URI uri) {
        this(uri, Origin.PROXY, Map.of());
    }

    /** A pull with extra request headers, reporting the origin of what it relays. */
    HttpPullSource(URI uri, Origin origin, Map<String, String> headers) {
        this.uri = uri;
        this.origin = origin;
        this.headers = headers;
    }

    @Override
    public Origin origin() {
        return origin;
    }

    @Override
    public void run(Feed feed) throws IOException {
        HttpURLConnection c = open(uri, headers);
        connection = c;
        if (aborted) {
            c.disconnect();
            return;
        }
        try (InputStream in = c.getInputStream()) {
            while (!aborted && feed.fill(in) >= 0) {
                // each fill publishes one chunk to the viewers
            }
        } finally {
            c.disconnect();
        }
        if (!aborted) {
            throw new IOException("upstream closed the stream");
        }
    }

    /** Opens a GET and checks the status; shared with the HLS pull. */
    static HttpURLConnection open(URI uri) throws IOException {
        return open(uri, Map.of());
    }

    private static HttpURLConnection open(URI uri, Map<String, String> headers) throws IOException {
        var c = (HttpURLConnection) uri.toURL().openConnection();
        headers.forEach(c::setRequestProperty);
        c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        c.setReadTimeout(READ_TIMEOUT_MILLIS);
        c.setInstanceFollowRedirects(true);
        c.setRequestProperty("User-Agent", "PanelX/1.0");
        int status = c.getResponseCode();
        if (status != 200) {
            c.disconnect();
            throw new IOException("upstream answered HTTP " + status);
        }
        return c;
    }

    @Override
    public void abort() {
        aborted = true;
        disconnect(connection);
    }

    /**
     * Closes a connection without waiting: a reader blocked in a chunked response holds the
     * stream's lock, and disconnect() would wait for it (the caller is the delivery tick).
     */
    static void disconnect(HttpURLConnection c) {
        if (c != null) {
            CompletableFuture.runAsync(c::disconnect);
        }
    }
}
