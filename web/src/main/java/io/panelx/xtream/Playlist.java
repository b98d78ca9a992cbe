package io.panelx.xtream;

import io.panelx.channel.ChannelLineup.LiveChannel;
import io.panelx.channel.ChannelLineup.Snapshot;
import io.panelx.http.ClientAbort;
import io.panelx.http.FaultLog;
import io.panelx.line.LineAccount;
import io.panelx.line.LineDirectory;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /get.php}: the line's channels as an M3U playlist. {@code type=m3u} is the bare list,
 * {@code m3u_plus} adds the tvg-* attributes and group-title players use for logos, guide and
 * folders, and the catch-up attributes of archived channels; {@code output} picks MPEG-TS ({@code
 * ts}) or HLS ({@code m3u8}, {@code hls}) URLs.
 */
@WebServlet(urlPatterns = "/get.php")
public class Playlist extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(Playlist.class.getName());
    private static final FaultLog FAULTS = new FaultLog(LOG, 10);

    @Inject LineDirectory lines;
    @Inject LiveStreamEntries entries;
    @Inject VodPlaylistEntries vodEntries;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String type = orDefault(request.getParameter("type"), "m3u_plus");
        String output = orDefault(request.getParameter("output"), "ts");
        if (!type.equals("m3u") && !type.equals("m3u_plus")) {
            PlayerRefusals.plain(response, 400, "unknown type: use type=m3u or type=m3u_plus");
            return;
        }
        String extension =
                switch (output) {
                    case "ts", "mpegts" -> "ts";
                    case "m3u8", "hls" -> "m3u8";
                    default -> null;
                };
        if (extension == null) {
            PlayerRefusals.plain(
                    response, 400, "unknown output: use output=ts, output=m3u8 or output=hls");
            return;
        }
        try {
            PlayerLogin login = PlayerLogin.of(request, lines);
            if (PlayerRefusals.refused(login, response)) {
                return;
            }
            write(response, login, type.equals("m3u_plus"), extension);
        } catch (IOException e) {
            LOG.log(Level.FINE, "player went away: {0}", e.getMessage());
        } catch (RuntimeException e) {
            if (ClientAbort.caused(e)) {
                LOG.log(Level.FINE, "player went away: {0}", e.getMessage());
                return;
            }
            FAULTS.severe("get.php failed", e);
            if (!response.isCommitted()) {
                PlayerRefusals.plain(response, 503, "temporarily unavailable, try again");
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        doGet(request, response);
    }

    private void write(HttpServletResponse response, PlayerLogin login, boolean plus, String ext)
            throws IOException {
        LineAccount line = login.admission().line();
        Snapshot snapshot = entries.current().snapshot();
        String base = login.address().baseUrl();
        String user = segment(login.username());
        String pass = segment(login.password());
        String guide =
                base
                        + "/xmltv.php?username="
                        + query(login.username())
                        + "&password="
                        + query(login.password());
        var m3u = new StringBuilder(snapshot.channels().size() * 220 + 100);
        m3u.append("#EXTM3U url-tvg=\"").append(attribute(guide)).append("\"\n");
        for (LiveChannel c : snapshot.channels()) {
            if (!line.mayWatch(c.id())) {
                continue;
            }
            String name = c.name().replace('\r', ' ').replace('\n', ' ');
            m3u.append("#EXTINF:-1");
            if (plus) {
                String group = snapshot.categoryName(c.categoryId());
                m3u.append(" tvg-id=\"")
                        .append(attribute(c.epgId() == null ? "" : c.epgId()))
                        .append("\" tvg-name=\"")
                        .append(attribute(name))
                        .append("\" tvg-logo=\"")
                        .append(attribute(c.logo()))
                        .append("\" group-title=\"")
                        .append(
                                attribute(
                                        group == null
                                                ? LiveStreamEntries.UNCATEGORISED_NAME
                                                : group))
                        .append('"')
                        .append(catchup(c.archiveHours()));
            }
            m3u.append(',').append(name).append('\n');
            m3u.append(base)
                    .append("/live/")
                    .append(user)
                    .append('/')
                    .append(pass)
                    .append('/')
                    .append(c.id())
                    .append('.')
                    .append(ext)
                    .append('\n');
        }
        vodEntries.append(m3u, line, plus, base, user, pass);
        response.setContentType("audio/x-mpegurl");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "inline; filename=\"playlist.m3u\"");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().append(m3u);
    }

    /**
     * The catch-up attributes of an archived channel's entry ("" for others): {@code catchup="xc"}
     * and {@code catchup-days} for TiviMate, OTT Navigator and Kodi (they build XC's {@code
     * /timeshift/} URL from the live URL, so no {@code catchup-source}), and {@code timeshift}, the
     * days XC_VM's own m3u_plus states. Days as {@code tv_archive_duration} counts them.
     */
    static String catchup(int archiveHours) {
        if (archiveHours <= 0) {
            return "";
        }
        int days = LiveStreamEntries.archiveDays(archiveHours);
        return " catchup=\"xc\" catchup-days=\"" + days + "\" timeshift=\"" + days + "\"";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Attribute values sit in double quotes: a quote or line break inside would end them. */
    static String attribute(String value) {
        return value.replace('"', '\'').replace('\r', ' ').replace('\n', ' ');
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
