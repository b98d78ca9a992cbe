package io.panelx.ondemand;

import io.panelx.delivery.Body;
import io.panelx.delivery.PlayerSessions;
import io.panelx.delivery.Refused;
import io.panelx.delivery.ViewerOutput;
import io.panelx.delivery.Watched;
import io.panelx.line.LineAccount;
import io.panelx.live.ServletViewerOutput;
import io.panelx.vod.VodCatalog.Media;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A movie or an episode whose source is an http(s) URL: relayed, the player's Range passed through
 * (so seeking works as on a file), the upstream's status, length and range handed back. Connect and
 * read times are bounded; an upstream that fails or answers something else is a short 502.
 */
@ApplicationScoped
public class HttpRelay {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 15_000;

    @Inject PlayerSessions sessions;

    void serve(
            LineAccount line,
            String format,
            Watched watched,
            Media media,
            String ip,
            String userAgent,
            HttpServletRequest req,
            HttpServletResponse resp,
            boolean head)
            throws IOException, Refused {
        HttpURLConnection upstream;
        int status;
        try {
            upstream = (HttpURLConnection) URI.create(media.source()).toURL().openConnection();
            upstream.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            upstream.setReadTimeout(READ_TIMEOUT_MILLIS);
            upstream.setInstanceFollowRedirects(true);
            upstream.setUseCaches(false);
            upstream.setRequestMethod(head ? "HEAD" : "GET");
            upstream.setRequestProperty("User-Agent", "PanelX");
            String range = req.getHeader("Range");
            if (range != null && range.length() <= 100) {
                upstream.setRequestProperty("Range", range);
            }
            status = upstream.getResponseCode();
        } catch (IOException | IllegalArgumentException e) {
            VodRoute.refuse(resp, 502, format + " source unreachable");
            return;
        }
        if (status == 416) {
            copy(upstream, resp, "Content-Range");
            upstream.disconnect();
            VodRoute.refuse(resp, 416, "range not satisfiable");
            return;
        }
        if (status != 200 && status != 206) {
            upstream.disconnect();
            VodRoute.refuse(resp, 502, format + " source answered HTTP " + status);
            return;
        }
        resp.setStatus(status);
        resp.setContentType(
                VodRoute.CONTENT_TYPES.getOrDefault(media.container(), "application/octet-stream"));
        resp.setHeader("Cache-Control", "no-store");
        String ranges = upstream.getHeaderField("Accept-Ranges");
        resp.setHeader("Accept-Ranges", ranges == null ? "none" : ranges);
        copy(upstream, resp, "Content-Range");
        long length = upstream.getContentLengthLong();
        if (length >= 0) {
            resp.setContentLengthLong(length);
        }
        if (head) {
            upstream.disconnect();
            return;
        }
        var session = sessions.open(line, watched, ip, userAgent, format).session();
        session.touched();
        resp.setHeader("X-PanelX-Connection", session.connectionId());
        var body = new UpstreamBody(upstream);
        try {
            session.send(body, ServletViewerOutput.start(req, resp));
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
    }

    private static void copy(HttpURLConnection from, HttpServletResponse to, String header) {
        String value = from.getHeaderField(header);
        if (value != null) {
            to.setHeader(header, value);
        }
    }

    /**
     * The upstream's body, 64 KiB at most per write. A read waits at most {@link
     * #READ_TIMEOUT_MILLIS} for the upstream (on the connection's I/O thread: a relayed file server
     * answers at once; a silent one ends the response).
     */
    static final class UpstreamBody implements Body {
        private final HttpURLConnection connection;
        private final byte[] buffer = new byte[64 * 1024];
        private InputStream in;

        UpstreamBody(HttpURLConnection connection) {
            this.connection = connection;
        }

        @Override
        public int writeTo(ViewerOutput out) throws IOException {
            if (in == null) {
                in = connection.getInputStream();
            }
            int n = in.read(buffer);
            if (n < 0) {
                return -1;
            }
            out.write(buffer, 0, n);
            return n;
        }

        @Override
        public void close() {
            connection.disconnect();
        }
    }
}
