package io.panelx.timeshift;

import io.panelx.archive.ArchiveBody;
import io.panelx.archive.ArchiveWindow;
import io.panelx.archive.Archives;
import io.panelx.archive.ChannelArchive;
import io.panelx.archive.Segment;
import io.panelx.channel.ChannelDirectory;
import io.panelx.channel.ChannelInfo;
import io.panelx.delivery.Body;
import io.panelx.delivery.PlayerSession;
import io.panelx.delivery.PlayerSessions;
import io.panelx.delivery.Refused;
import io.panelx.delivery.ViewerSession;
import io.panelx.delivery.Watched;
import io.panelx.http.PlainAnswer;
import io.panelx.http.PublicAddress;
import io.panelx.line.Admission;
import io.panelx.line.LineDirectory;
import io.panelx.line.Refusal;
import io.panelx.live.ServletViewerOutput;
import io.panelx.viewer.Origin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Catch-up playback: authenticate and admit exactly like live viewing (status, expiry, addresses,
 * players, bouquet, max connections), then send the archive's bytes through the viewer's session,
 * format "timeshift" and origin FILE, so the ledger and the dashboard show catch-up viewing. An
 * MPEG-TS request is one connection; an HLS player's playlist and segment requests share one player
 * session.
 */
@ApplicationScoped
public class TimeshiftRoute {

    private static final Logger LOG = Logger.getLogger(TimeshiftRoute.class.getName());

    static final String FORMAT = "timeshift";
    static final String SEGMENTS = "/timeshift-hls/";

    @Inject LineDirectory lines;
    @Inject ChannelDirectory channels;
    @Inject Archives archives;
    @Inject PlayerSessions playerSessions;

    void serve(TimeshiftRequest tr, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        String ip = PublicAddress.of(req).clientIp();
        String userAgent = req.getHeader("User-Agent");
        if (tr == null) {
            refuse(resp, Refusal.MALFORMED_REQUEST.status(), "malformed timeshift URL");
            return;
        }
        Admission login = lines.authenticate(tr.username(), tr.password(), ip, userAgent);
        if (!login.admitted()) {
            refuse(resp, login.refusal());
            return;
        }
        ChannelInfo channel = channels.find(tr.channelId());
        if (channel == null || !channel.enabled()) {
            lines.refused(Refusal.UNKNOWN_CHANNEL, tr.username(), ip);
            refuse(resp, Refusal.UNKNOWN_CHANNEL);
            return;
        }
        if (!login.line().mayWatch(channel.id())) {
            lines.refused(Refusal.NOT_IN_BOUQUET, tr.username(), ip);
            refuse(resp, Refusal.NOT_IN_BOUQUET);
            return;
        }
        ChannelArchive archive = archives.find(channel.id());
        ArchiveWindow window =
                archive == null
                        ? null
                        : ArchiveWindow.of(archive, tr.startMillis(), tr.endMillis());
        if (window == null || window.isEmpty()) {
            refuse(resp, 404, "nothing in the archive for this time");
            return;
        }
        var watched = new Watched(channel.id(), channel.name(), Origin.FILE);
        // Where playback really begins: the keyframe at or before the requested time.
        resp.setHeader(
                "X-PanelX-Archive-Start",
                java.time.Instant.ofEpochMilli(window.startsAtMillis()).toString());
        if ("HEAD".equals(req.getMethod())) {
            // The headers a GET would get, and nothing else: no session, no connection.
            resp.setStatus(200);
            resp.setContentType(
                    tr.format().equals("m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
            resp.setHeader("Cache-Control", "no-cache, no-store");
            if (tr.format().equals("ts")) {
                resp.setHeader("Accept-Ranges", "bytes");
                resp.setContentLengthLong(window.bytes());
            }
            return;
        }
        try {
            if (tr.format().equals("m3u8")) {
                PlayerSession ps =
                        playerSessions.open(login.line(), watched, ip, userAgent, FORMAT);
                ps.session().touched();
                boolean ended = tr.endMillis() <= System.currentTimeMillis();
                String prefix = SEGMENTS + ps.token() + "/" + channel.id() + "/";
                byte[] body =
                        ArchivePlaylist.of(window, prefix, ended).getBytes(StandardCharsets.UTF_8);
                resp.setStatus(200);
                resp.setContentType("application/vnd.apple.mpegurl");
                resp.setHeader("Cache-Control", "no-cache, no-store");
                resp.setContentLength(body.length);
                ps.session()
                        .send(Body.of(body, 0, body.length), ServletViewerOutput.start(req, resp));
            } else {
                // One connection per player, whatever its requests (Range seeks, a new START).
                PlayerSession ps =
                        playerSessions.open(login.line(), watched, ip, userAgent, FORMAT);
                sendTs(ps.session(), window.ranges(), req, resp);
            }
        } catch (Refused e) {
            lines.refused(e.reason, tr.username(), ip);
            refuse(resp, e.reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Timeshift request for channel " + channel.id() + " failed", e);
            if (!resp.isCommitted()) {
                refuse(resp, Refusal.UNAVAILABLE);
            }
        }
    }

    /** {@code TOKEN/ID/START[-OFFSET].ts}: one archive segment of an HLS player's session. */
    void serveSegment(String path, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        String[] p = path == null ? new String[0] : path.replaceFirst("^/", "").split("/", -1);
        long[] name = p.length == 3 ? ArchivePlaylist.segmentName(p[2]) : null;
        Long channelId = p.length == 3 ? digits(p[1]) : null;
        if (name == null || channelId == null || p[0].isEmpty() || p[0].length() > 64) {
            refuse(resp, 400, "malformed segment URL");
            return;
        }
        PlayerSession ps = playerSessions.byToken(p[0]);
        if (ps == null || ps.session().isEnded()) {
            refuse(resp, 404, "no such session (it ended): reload the playlist");
            return;
        }
        ChannelArchive archive = archives.find(channelId);
        Segment segment = null;
        if (archive != null) {
            for (Segment s : archive.between(name[0], name[0] + 1)) {
                if (s.startMillis() == name[0]) {
                    segment = s;
                }
            }
        }
        if (segment == null || name[1] < 0 || name[1] >= segment.bytes()) {
            refuse(resp, 404, "segment no longer in the archive");
            return;
        }
        ps.session().touched();
        var ranges = new ArrayList<ArchiveWindow.Range>(2);
        var file = archive.fileOf(segment);
        if (name[1] > 0 && segment.psiBytes() > 0) {
            ranges.add(new ArchiveWindow.Range(file, 0, segment.psiBytes()));
        }
        ranges.add(new ArchiveWindow.Range(file, name[1], segment.bytes()));
        try {
            sendTs(ps.session(), ranges, req, resp);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Timeshift segment of channel " + channelId + " failed", e);
            if (!resp.isCommitted()) {
                refuse(resp, Refusal.UNAVAILABLE);
            }
        }
    }

    /**
     * Sends the ranges as MPEG-TS with their length; a {@code Range: bytes=A-B} request (players
     * seeking, ffprobe reading the end for the duration) gets that part with 206.
     */
    private static void sendTs(
            ViewerSession session,
            List<ArchiveWindow.Range> ranges,
            HttpServletRequest req,
            HttpServletResponse resp)
            throws IOException {
        long total = ranges.stream().mapToLong(ArchiveWindow.Range::length).sum();
        long[] part = byteRange(req.getHeader("Range"), total);
        resp.setHeader("Accept-Ranges", "bytes");
        if (part == null) {
            resp.setHeader("Content-Range", "bytes */" + total);
            refuse(resp, 416, "range not satisfiable");
            return;
        }
        List<ArchiveWindow.Range> body = ranges;
        if (part.length == 2) {
            body = ArchiveWindow.slice(ranges, part[0], part[1] + 1);
            resp.setStatus(206);
            resp.setHeader("Content-Range", "bytes " + part[0] + "-" + part[1] + "/" + total);
            resp.setContentLengthLong(part[1] + 1 - part[0]);
        } else {
            resp.setStatus(200);
            resp.setContentLengthLong(total);
        }
        resp.setContentType("video/mp2t");
        resp.setHeader("Cache-Control", "no-cache, no-store");
        session.send(new ArchiveBody(body), ServletViewerOutput.start(req, resp));
    }

    /**
     * A single {@code bytes=} range: {first, last} (inclusive), {} for the whole body (no header,
     * or one this route does not split: several ranges), null when it cannot be satisfied.
     */
    static long[] byteRange(String header, long total) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return new long[0];
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new long[0];
        }
        try {
            String a = spec.substring(0, dash).trim(), b = spec.substring(dash + 1).trim();
            long first, last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    return null;
                }
                first = Math.max(0, total - suffix);
                last = total - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? total - 1 : Math.min(Long.parseLong(b), total - 1);
            }
            return first < 0 || first >= total || last < first ? null : new long[] {first, last};
        } catch (NumberFormatException e) {
            return new long[0];
        }
    }

    private static Long digits(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(text);
    }

    static void refuse(HttpServletResponse resp, Refusal refusal) throws IOException {
        if (refusal == Refusal.THROTTLED) {
            resp.setHeader("Retry-After", "60");
        }
        refuse(resp, refusal.status(), refusal.message());
    }

    static void refuse(HttpServletResponse resp, int status, String message) throws IOException {
        PlainAnswer.send(resp, status, message);
    }
}
