package io.panelx.live;

import io.panelx.channel.ChannelDirectory;
import io.panelx.channel.ChannelInfo;
import io.panelx.config.Settings;
import io.panelx.delivery.Body;
import io.panelx.delivery.ChannelHls;
import io.panelx.delivery.Refused;
import io.panelx.delivery.RunningChannels;
import io.panelx.delivery.ViewerAdmission;
import io.panelx.http.PlainAnswer;
import io.panelx.http.PublicAddress;
import io.panelx.line.Admission;
import io.panelx.line.LineDirectory;
import io.panelx.line.Refusal;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stream route shared by {@code /live/...} and the bare {@code /USER/PASS/ID}: authenticate,
 * admit, then hand the response to the delivery core. Every refusal is decided before any byte of
 * video and answered with its own status and a one-line body.
 */
@ApplicationScoped
public class LiveRoute {

    private static final Logger LOG = Logger.getLogger(LiveRoute.class.getName());

    /** The viewer's connection id, for support and the admin's kill button. */
    private static final HttpString CONNECTION_ID = new HttpString("X-PanelX-Connection");

    @Inject LineDirectory lines;
    @Inject ChannelDirectory channels;
    @Inject RunningChannels running;
    @Inject ViewerAdmission viewerAdmission;
    @Inject ChannelHls hls;

    /** Who may watch what, decided the same way for both doors: the refusal, or the permit. */
    private record Permit(Admission admission, ChannelInfo channel, Refusal refusal) {
        static Permit refused(Refusal refusal) {
            return new Permit(null, null, refusal);
        }
    }

    private Permit permit(StreamRequest sr, String ip, String userAgent) {
        if (sr == null) {
            return Permit.refused(Refusal.MALFORMED_REQUEST);
        }
        Admission admission = lines.authenticate(sr.username(), sr.password(), ip, userAgent);
        if (!admission.admitted()) {
            return Permit.refused(admission.refusal());
        }
        ChannelInfo channel = channels.find(sr.channelId());
        if (channel == null || !channel.enabled()) {
            lines.refused(Refusal.UNKNOWN_CHANNEL, sr.username(), ip);
            return Permit.refused(Refusal.UNKNOWN_CHANNEL);
        }
        if (!admission.line().mayWatch(channel.id())) {
            lines.refused(Refusal.NOT_IN_BOUQUET, sr.username(), ip);
            return Permit.refused(Refusal.NOT_IN_BOUQUET);
        }
        return new Permit(admission, channel, null);
    }

    void serve(String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // Behind a trusted reverse proxy the player's own address (X-Forwarded-For) is the one
        // that IP rules, the login throttle and the ledger must see.
        String ip = PublicAddress.of(req).clientIp();
        String userAgent = req.getHeader("User-Agent");
        StreamRequest sr = StreamRequest.parse(path);
        Permit permit = permit(sr, ip, userAgent);
        if (permit.refusal() != null) {
            refuse(resp, permit.refusal());
            return;
        }
        Admission admission = permit.admission();
        ChannelInfo channel = permit.channel();
        if ("HEAD".equals(req.getMethod())) {
            // The headers a GET would get, and nothing else: no session, no channel start.
            resp.setStatus(200);
            resp.setContentType(
                    sr.format().equals("m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
            resp.setHeader("Cache-Control", "no-cache, no-store");
            return;
        }
        try {
            if (sr.format().equals("m3u8")) {
                servePlaylist(admission, channel, ip, userAgent, req, resp);
            } else {
                serveStream(admission, channel, ip, userAgent, req, resp);
            }
        } catch (Refused e) {
            lines.refused(e.reason, sr.username(), ip);
            refuse(resp, e.reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Stream request for channel " + channel.id() + " failed", e);
            if (!resp.isCommitted()) {
                refuse(resp, Refusal.UNAVAILABLE);
            }
        }
    }

    /**
     * A GET of a TS stream that {@link StreamDoor} took past the servlet chain: the same checks,
     * refusals and session as {@link #serve(String, HttpServletRequest, HttpServletResponse)}.
     */
    void serveStream(String path, HttpServerExchange exchange) {
        String ip = PublicAddress.of(exchange).clientIp();
        String userAgent = exchange.getRequestHeaders().getFirst(Headers.USER_AGENT);
        StreamRequest sr = StreamRequest.parse(path);
        Permit permit = permit(sr, ip, userAgent);
        if (permit.refusal() != null) {
            PlainAnswer.refusal(exchange, permit.refusal());
            return;
        }
        try {
            var watched = running.watch(permit.channel());
            var session =
                    viewerAdmission.admit(permit.admission().line(), watched, ip, userAgent, "ts");
            exchange.setStatusCode(200);
            var headers = exchange.getResponseHeaders();
            headers.put(Headers.CONTENT_TYPE, "video/mp2t");
            headers.put(Headers.CACHE_CONTROL, "no-cache, no-store");
            headers.put(CONNECTION_ID, session.connectionId());
            running.attach(session, ExchangeViewerOutput.stream(exchange));
        } catch (Refused e) {
            lines.refused(e.reason, sr.username(), ip);
            PlainAnswer.refusal(exchange, e.reason);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Stream request for channel " + permit.channel().id() + " failed",
                    e);
            if (!exchange.isResponseStarted()) {
                PlainAnswer.refusal(exchange, Refusal.UNAVAILABLE);
            }
        }
    }

    private void serveStream(
            Admission admission,
            ChannelInfo channel,
            String ip,
            String userAgent,
            HttpServletRequest req,
            HttpServletResponse resp)
            throws Refused, IOException {
        var watched = running.watch(channel);
        var session = viewerAdmission.admit(admission.line(), watched, ip, userAgent, "ts");
        resp.setStatus(200);
        resp.setContentType("video/mp2t");
        resp.setHeader("Cache-Control", "no-cache, no-store");
        resp.setHeader(CONNECTION_ID.toString(), session.connectionId());
        running.attach(session, ServletViewerOutput.stream(req, resp));
    }

    private void servePlaylist(
            Admission admission,
            ChannelInfo channel,
            String ip,
            String userAgent,
            HttpServletRequest req,
            HttpServletResponse resp)
            throws Refused, IOException {
        var player = hls.open(admission.line(), channel, ip, userAgent);
        if (Settings.clustered() && req.getSession(false) == null) {
            // Behind the cluster's balancer, a player's reloads and segments must come back to the
            // node that holds its HLS session: the session cookie carries this node's route
            // (mod_cluster's sticky sessions), and players send cookies back within a stream.
            req.getSession(true)
                    .setMaxInactiveInterval(
                            (int) Math.max(60, 2 * Settings.hlsSessionTimeout().toSeconds()));
        }
        String playlist = hls.playlist(player, "/hls/" + player.token() + "/");
        if (playlist == null) {
            refuse(resp, Refusal.UNAVAILABLE);
            return;
        }
        resp.setStatus(200);
        resp.setContentType("application/vnd.apple.mpegurl");
        resp.setHeader("Cache-Control", "no-cache, no-store");
        byte[] body = playlist.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(body.length);
        // Counted on the viewer's session like its segments.
        player.session().send(Body.of(body, 0, body.length), ServletViewerOutput.start(req, resp));
    }

    static void refuse(HttpServletResponse resp, Refusal refusal) throws IOException {
        PlainAnswer.refusal(resp, refusal);
    }
}
