package io.panelx.live;

import io.panelx.delivery.Body;
import io.panelx.delivery.ChannelHls;
import io.panelx.delivery.PlayerSession;
import io.panelx.delivery.PlayerSessions;
import io.panelx.ffmpeg.HlsLadder;
import io.panelx.http.FileBody;
import io.panelx.http.PlainAnswer;
import io.panelx.http.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * {@code /hls/TOKEN/SEQ.ts}: a segment of PanelX's own HLS, and {@code /hls/TOKEN/vN.m3u8}, {@code
 * /hls/TOKEN/vN_SEQ.ts}: a rung's playlist and segments of a channel with adaptive renditions, for
 * the viewer the token names. The token is per session (line, address, player, channel) and only
 * valid from that address; every byte is sent through that viewer's session, asynchronously.
 */
@WebServlet(urlPatterns = "/hls/*", asyncSupported = true)
public class HlsSegmentServlet extends HttpServlet {

    private static final Pattern SEGMENT = Pattern.compile("[0-9]{1,18}\\.ts");

    @Inject PlayerSessions players;
    @Inject ChannelHls hls;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] parts = req.getPathInfo() == null ? new String[0] : req.getPathInfo().split("/");
        if (parts.length != 3
                || !(SEGMENT.matcher(parts[2]).matches() || HlsLadder.isFileName(parts[2]))) {
            plain(resp, 400, "malformed segment URL");
            return;
        }
        PlayerSession player = players.byToken(parts[1]);
        if (player == null) {
            plain(resp, 404, "unknown or expired HLS session: reload the playlist");
            return;
        }
        if (!player.session().viewer().clientIp().equals(PublicAddress.of(req).clientIp())) {
            plain(resp, 403, "this HLS session belongs to another address");
            return;
        }
        String name = parts[2];
        if (SEGMENT.matcher(name).matches()) {
            var segment = hls.segment(player, Long.parseLong(name.substring(0, name.length() - 3)));
            if (segment != null) {
                resp.setStatus(200);
                resp.setContentType("video/mp2t");
                resp.setContentLength(segment.length());
                send(player, Body.of(segment.data(), 0, segment.length()), req, resp);
                return;
            }
        }
        Path file = HlsLadder.isFileName(name) ? hls.renditionFile(player, name) : null;
        if (file == null) {
            plain(
                    resp,
                    404,
                    HlsLadder.isFileName(name)
                            ? "this channel has no adaptive ladder"
                            : "segment no longer available");
            return;
        }
        serveFile(player, file, name.endsWith(".m3u8"), req, resp);
    }

    private void serveFile(
            PlayerSession player,
            Path file,
            boolean playlist,
            HttpServletRequest req,
            HttpServletResponse resp)
            throws IOException {
        FileChannel in;
        try {
            // Opened before the size is read: FFmpeg may delete the file, the open channel stays.
            in = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            plain(resp, 404, playlist ? "playlist not written yet" : "segment no longer available");
            return;
        }
        long size = in.size();
        resp.setStatus(200);
        resp.setContentType(playlist ? "application/vnd.apple.mpegurl" : "video/mp2t");
        resp.setHeader("Cache-Control", playlist ? "no-cache, no-store" : "private, max-age=60");
        resp.setContentLengthLong(size);
        send(player, new FileBody(in, 0, size), req, resp);
    }

    private static void send(
            PlayerSession player, Body body, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        player.session().send(body, ServletViewerOutput.start(req, resp));
    }

    private static void plain(HttpServletResponse resp, int status, String message)
            throws IOException {
        PlainAnswer.send(resp, status, message);
    }
}
