package io.panelx.live;

import io.panelx.delivery.ChannelHub;
import io.panelx.xtream.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /hls/TOKEN/SEQ.ts}: a segment of PanelX's own HLS, for the viewer the token names. The
 * token is per session (line, address, player, channel) and only valid from that address.
 */
@WebServlet(urlPatterns = "/hls/*")
public class HlsSegmentServlet extends HttpServlet {

    @Inject ChannelHub hub;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] parts = req.getPathInfo() == null ? new String[0] : req.getPathInfo().split("/");
        if (parts.length != 3 || !parts[2].matches("[0-9]{1,18}\\.ts")) {
            plain(resp, 400, "malformed segment URL");
            return;
        }
        var viewer = hub.hlsViewer(parts[1]);
        if (viewer == null || viewer.session().isEnded()) {
            plain(resp, 404, "unknown or expired HLS session: reload the playlist");
            return;
        }
        if (!viewer.session().viewer().clientIp().equals(PublicAddress.of(req).clientIp())) {
            plain(resp, 403, "this HLS session belongs to another address");
            return;
        }
        long sequence = Long.parseLong(parts[2].substring(0, parts[2].length() - 3));
        var segment = hub.hlsSegment(viewer, sequence);
        if (segment == null) {
            plain(resp, 404, "segment no longer available");
            return;
        }
        resp.setStatus(200);
        resp.setContentType("video/mp2t");
        resp.setContentLength(segment.length());
        resp.getOutputStream().write(segment.data(), 0, segment.length());
        resp.flushBuffer();
        hub.hlsServed(viewer, segment.length());
    }

    private static void plain(HttpServletResponse resp, int status, String message)
            throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println(message);
    }
}
