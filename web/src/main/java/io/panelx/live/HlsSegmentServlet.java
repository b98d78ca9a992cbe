package io.panelx.live;

import io.panelx.delivery.ChannelHub;
import io.panelx.delivery.HlsLadder;
import io.panelx.http.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code /hls/TOKEN/SEQ.ts}: a segment of PanelX's own HLS, and {@code /hls/TOKEN/vN.m3u8}, {@code
 * /hls/TOKEN/vN_SEQ.ts}: a rung's playlist and segments of a ladder channel, for the viewer the
 * token names. The token is per session (line, address, player, channel) and only valid from that
 * address; every byte sent is counted on that viewer's session.
 */
@WebServlet(urlPatterns = "/hls/*")
public class HlsSegmentServlet extends HttpServlet {

    @Inject ChannelHub hub;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] parts = req.getPathInfo() == null ? new String[0] : req.getPathInfo().split("/");
        boolean ladderFile = parts.length == 3 && HlsLadder.isFileName(parts[2]);
        if (parts.length != 3 || !(ladderFile || parts[2].matches("[0-9]{1,18}\\.ts"))) {
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
        if (ladderFile) {
            serveLadderFile(viewer, parts[2], resp);
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

    private void serveLadderFile(ChannelHub.HlsViewer viewer, String name, HttpServletResponse resp)
            throws IOException {
        Path file = hub.hlsLadderFile(viewer, name);
        if (file == null) {
            plain(resp, 404, "this channel has no adaptive ladder");
            return;
        }
        boolean playlist = name.endsWith(".m3u8");
        // Opened before the size is read: FFmpeg may delete the file, the open channel stays valid.
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            resp.setStatus(200);
            resp.setContentType(playlist ? "application/vnd.apple.mpegurl" : "video/mp2t");
            resp.setHeader(
                    "Cache-Control", playlist ? "no-cache, no-store" : "private, max-age=60");
            resp.setContentLengthLong(size);
            long sent = 0;
            try {
                var out = Channels.newChannel(resp.getOutputStream());
                while (sent < size) {
                    long n = in.transferTo(sent, size - sent, out);
                    if (n <= 0) {
                        break;
                    }
                    sent += n;
                }
                resp.flushBuffer();
            } finally {
                hub.hlsServed(viewer, sent);
            }
        } catch (NoSuchFileException e) {
            plain(resp, 404, playlist ? "playlist not written yet" : "segment no longer available");
        }
    }

    private static void plain(HttpServletResponse resp, int status, String message)
            throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println(message);
    }
}
