package io.panelx.ondemand;

import io.panelx.delivery.PlayerSessions;
import io.panelx.delivery.Refused;
import io.panelx.delivery.Watched;
import io.panelx.http.FileBody;
import io.panelx.http.PlainAnswer;
import io.panelx.http.PublicAddress;
import io.panelx.line.Admission;
import io.panelx.line.LineAccount;
import io.panelx.line.LineDirectory;
import io.panelx.line.Refusal;
import io.panelx.live.ServletViewerOutput;
import io.panelx.viewer.Origin;
import io.panelx.vod.VodCatalog;
import io.panelx.vod.VodCatalog.EpisodeEntry;
import io.panelx.vod.VodCatalog.Media;
import io.panelx.vod.VodCatalog.MovieEntry;
import io.panelx.vod.VodCatalog.SeriesEntry;
import io.panelx.vod.VodSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /movie/USER/PASS/ID.EXT} and {@code /series/USER/PASS/EPISODE_ID.EXT}: the same admission
 * as live (credentials, status, expiry, addresses, players, the line's VOD bouquet, max
 * connections), then the file's bytes through a ViewerSession. A player's Range requests (seeks)
 * within {@code panelx.hls-session-seconds} are one connection (one PlayerSession keyed by line,
 * address, player, format and item); HEAD answers the headers and opens no session.
 */
@ApplicationScoped
public class VodRoute {

    private static final Logger LOG = Logger.getLogger(VodRoute.class.getName());

    static final Map<String, String> CONTENT_TYPES =
            Map.ofEntries(
                    Map.entry("mp4", "video/mp4"),
                    Map.entry("m4v", "video/mp4"),
                    Map.entry("mkv", "video/x-matroska"),
                    Map.entry("webm", "video/webm"),
                    Map.entry("avi", "video/x-msvideo"),
                    Map.entry("mov", "video/quicktime"),
                    Map.entry("ts", "video/mp2t"),
                    Map.entry("m2ts", "video/mp2t"),
                    Map.entry("mpg", "video/mpeg"),
                    Map.entry("mpeg", "video/mpeg"),
                    Map.entry("wmv", "video/x-ms-wmv"),
                    Map.entry("flv", "video/x-flv"),
                    Map.entry("3gp", "video/3gpp"),
                    Map.entry("ogv", "video/ogg"));

    /** What a request names: a movie, or an episode (with its series for the bouquet check). */
    enum Kind {
        MOVIE("movie"),
        EPISODE("episode");

        final String format;

        Kind(String format) {
            this.format = format;
        }
    }

    private record Item(long id, String title, Media media) {}

    @Inject LineDirectory lines;
    @Inject VodCatalog catalog;
    @Inject PlayerSessions sessions;
    @Inject HttpRelay relay;

    void serve(Kind kind, HttpServletRequest req, HttpServletResponse resp, boolean head)
            throws IOException {
        String ip = PublicAddress.of(req).clientIp();
        String userAgent = req.getHeader("User-Agent");
        VodRequest vr = VodRequest.parse(req.getPathInfo());
        if (vr == null) {
            refuse(resp, Refusal.MALFORMED_REQUEST.status(), Refusal.MALFORMED_REQUEST.message());
            return;
        }
        Admission admission = lines.authenticate(vr.username(), vr.password(), ip, userAgent);
        if (!admission.admitted()) {
            Refusal r = admission.refusal();
            if (r == Refusal.THROTTLED) resp.setHeader("Retry-After", "60");
            refuse(resp, r.status(), r.message());
            return;
        }
        LineAccount line = admission.line();
        Item item = find(kind, vr.id(), line, vr.username(), ip, resp);
        if (item == null) {
            return;
        }
        try {
            if (item.media().remote()) {
                relay.serve(
                        line,
                        kind.format,
                        new Watched(item.id(), item.title(), Origin.PROXY),
                        item.media(),
                        ip,
                        userAgent,
                        req,
                        resp,
                        head);
            } else {
                serveFile(line, kind, item, ip, userAgent, req, resp, head);
            }
        } catch (Refused e) {
            lines.refused(e.reason, vr.username(), ip);
            refuse(resp, e.reason.status(), e.reason.message());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, kind.format + " " + item.id() + " failed", e);
            if (!resp.isCommitted()) {
                refuse(resp, 503, "temporarily unavailable, try again");
            }
        }
    }

    private Item find(
            Kind kind,
            long id,
            LineAccount line,
            String username,
            String ip,
            HttpServletResponse resp)
            throws IOException {
        VodCatalog.Snapshot s = catalog.snapshot();
        Item item = null;
        boolean allowed = false;
        if (kind == Kind.MOVIE) {
            MovieEntry m = s.movieById().get(id);
            if (m != null) {
                item = new Item(m.id(), m.title(), m.media());
                allowed = line.mayWatchMovie(m.id());
            }
        } else {
            EpisodeEntry e = s.episodeById().get(id);
            SeriesEntry series = e == null ? null : s.seriesById().get(e.seriesId());
            if (e != null && series != null) {
                String title =
                        series.title() + String.format(" S%02dE%02d", e.season(), e.number());
                item = new Item(e.id(), title, e.media());
                allowed = line.mayWatchSeries(series.id());
            }
        }
        if (item == null) {
            lines.refused(Refusal.UNKNOWN_CHANNEL, username, ip);
            refuse(resp, 404, "no such " + kind.format);
            return null;
        }
        if (!allowed) {
            lines.refused(Refusal.NOT_IN_BOUQUET, username, ip);
            refuse(resp, 403, kind.format + " not in this line's bouquet");
            return null;
        }
        return item;
    }

    private void serveFile(
            LineAccount line,
            Kind kind,
            Item item,
            String ip,
            String userAgent,
            HttpServletRequest req,
            HttpServletResponse resp,
            boolean head)
            throws IOException, Refused {
        Path file = VodSource.file(item.media().source());
        if (file == null) {
            refuse(resp, 404, kind.format + " file missing");
            return;
        }
        long length = Files.size(file);
        ByteRange range = ByteRange.of(req.getHeader("Range"), length);
        resp.setHeader("Accept-Ranges", "bytes");
        if (!range.satisfiable()) {
            resp.setHeader("Content-Range", range.contentRange(length));
            refuse(resp, 416, "range not satisfiable: the file has " + length + " bytes");
            return;
        }
        if (length == 0) {
            refuse(resp, 404, kind.format + " file is empty");
            return;
        }
        resp.setStatus(range.partial() ? 206 : 200);
        resp.setContentType(
                CONTENT_TYPES.getOrDefault(item.media().container(), "application/octet-stream"));
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLengthLong(range.length());
        if (range.partial()) {
            resp.setHeader("Content-Range", range.contentRange(length));
        }
        if (head) {
            return; // HEAD: the headers a GET would get, no connection
        }
        var player =
                sessions.open(
                        line,
                        new Watched(item.id(), item.title(), Origin.FILE),
                        ip,
                        userAgent,
                        kind.format);
        var session = player.session();
        session.touched();
        resp.setHeader("X-PanelX-Connection", session.connectionId());
        // Opened once for this response; the body owns and closes it.
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        FileBody body = new FileBody(channel, range.start(), range.length());
        try {
            session.send(body, ServletViewerOutput.start(req, resp));
        } catch (IOException | RuntimeException e) {
            body.close();
            throw e;
        }
    }

    static void refuse(HttpServletResponse resp, int status, String message) throws IOException {
        PlainAnswer.send(resp, status, message);
    }
}
