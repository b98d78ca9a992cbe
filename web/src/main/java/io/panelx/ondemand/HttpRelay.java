package io.panelx.ondemand;

import io.panelx.delivery.Refused;
import io.panelx.delivery.ViewerSession;
import io.panelx.delivery.Watched;
import io.panelx.http.PlainAnswer;
import io.panelx.line.LineAccount;
import io.panelx.line.LineDirectory;
import io.panelx.live.ServletViewerOutput;
import io.panelx.vod.VodCatalog.Media;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A movie or an episode whose source is an http(s) URL: relayed, the player's Range passed through
 * (so seeking works as on a file), the upstream's status, length and range handed back. Connect and
 * read times are bounded; an upstream that fails or answers something else is a short 502.
 *
 * <p>The upstream is opened and read on the server's {@code panelx-sources} executor, never on the
 * request's worker thread or the connection's XNIO I/O thread: a slow or silent origin holds one of
 * those threads, not the I/O thread other players' bytes go out on. The bytes still reach the
 * player through its ViewerSession, written on the connection's I/O thread ({@link RelayedBody}).
 */
@ApplicationScoped
public class HttpRelay {

    private static final Logger LOG = Logger.getLogger(HttpRelay.class.getName());

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 15_000;

    @Inject io.panelx.delivery.PlayerSessions sessions;
    @Inject LineDirectory lines;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/panelx-sources")
    ManagedExecutorService upstreamThreads;

    /** Puts the response into async mode and hands the upstream exchange to the executor. */
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
            throws IOException {
        String header = req.getHeader("Range");
        String range = header != null && header.length() <= 100 ? header : null;
        ServletViewerOutput output = ServletViewerOutput.start(req, resp);
        try {
            upstreamThreads.execute(
                    () -> {
                        try {
                            relay(
                                    line, format, watched, media, ip, userAgent, range, resp,
                                    output, head);
                        } catch (RuntimeException e) {
                            LOG.log(
                                    Level.WARNING,
                                    format + " " + watched.id() + " relay failed",
                                    e);
                            answer(resp, output, 503, "temporarily unavailable, try again");
                        }
                    });
        } catch (RejectedExecutionException e) {
            answer(resp, output, 503, "temporarily unavailable, try again");
        }
    }

    /** One player's request to its upstream, on the executor: open, answer, then read. */
    private void relay(
            LineAccount line,
            String format,
            Watched watched,
            Media media,
            String ip,
            String userAgent,
            String range,
            HttpServletResponse resp,
            ServletViewerOutput output,
            boolean head) {
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
            if (range != null) {
                upstream.setRequestProperty("Range", range);
            }
            status = upstream.getResponseCode();
        } catch (IOException | IllegalArgumentException e) {
            answer(resp, output, 502, format + " source unreachable");
            return;
        }
        if (status == 416) {
            copy(upstream, resp, "Content-Range");
            upstream.disconnect();
            answer(resp, output, 416, "range not satisfiable");
            return;
        }
        if (status != 200 && status != 206) {
            upstream.disconnect();
            answer(resp, output, 502, format + " source answered HTTP " + status);
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
            output.close();
            return;
        }
        ViewerSession session;
        try {
            session = sessions.open(line, watched, ip, userAgent, format).session();
        } catch (Refused e) {
            upstream.disconnect();
            lines.refused(e.reason, line.username(), ip);
            answer(resp, output, e.reason.status(), e.reason.message());
            return;
        }
        session.touched();
        resp.setHeader("X-PanelX-Connection", session.connectionId());
        var body = new RelayedBody(upstream, output);
        // The session starts writing on the connection's I/O thread, where its writes run.
        output.executor().execute(() -> session.send(body, body.output()));
        body.read(); // this executor thread reads the upstream until the end
    }

    private static void copy(HttpURLConnection from, HttpServletResponse to, String header) {
        String value = from.getHeaderField(header);
        if (value != null) {
            to.setHeader(header, value);
        }
    }

    /** A short plain answer on the async response, then its end. */
    private static void answer(
            HttpServletResponse resp, ServletViewerOutput output, int status, String message) {
        try {
            PlainAnswer.send(resp, status, message);
        } catch (IOException | IllegalStateException e) {
            // the player is gone
        } finally {
            output.close();
        }
    }
}
