package io.panelx.xtream;

import io.panelx.archive.Archives;
import io.panelx.archive.ChannelArchive;
import io.panelx.channel.ChannelLineup.LiveCategory;
import io.panelx.channel.ChannelLineup.LiveChannel;
import io.panelx.channel.ChannelLineup.Snapshot;
import io.panelx.delivery.OpenViewers;
import io.panelx.epg.EpgGuide;
import io.panelx.epg.Programme;
import io.panelx.http.ClientAbort;
import io.panelx.http.FaultLog;
import io.panelx.http.PublicAddress;
import io.panelx.line.LineAccount;
import io.panelx.line.LineDirectory;
import io.panelx.line.LineStatus;
import io.panelx.line.Refusal;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /player_api.php}: the Xtream Codes player API. Field types follow what players expect (see
 * XTREAM_API.md): many numbers are strings on purpose. Players throw on anything but 2xx, so wrong
 * credentials are a 200 with {@code auth: 0}, and requests for things that do not exist get empty
 * results rather than errors.
 */
@WebServlet(urlPatterns = "/player_api.php")
public class PlayerApi extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(PlayerApi.class.getName());
    private static final FaultLog FAULTS = new FaultLog(LOG, 10);

    /** What get_short_epg returns when the player names no limit. */
    static final int DEFAULT_SHORT_EPG = 4;

    /** Catch-up menus show the recent past: how far back get_simple_data_table reaches. */
    private static final long DATA_TABLE_PAST_SECONDS = 24 * 3600;

    @Inject LineDirectory lines;
    @Inject OpenViewers viewers;
    @Inject LiveStreamEntries entries;
    @Inject EpgGuide guide;
    @Inject VodActions vod;
    @Inject Archives archives;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        try {
            answer(request, response);
        } catch (IOException e) {
            LOG.log(Level.FINE, "player went away: {0}", e.getMessage());
        } catch (RuntimeException e) {
            if (ClientAbort.caused(e)) {
                LOG.log(Level.FINE, "player went away: {0}", e.getMessage());
                return;
            }
            FAULTS.severe("player_api.php failed", e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.getWriter().write("{\"error\":\"temporarily unavailable, try again\"}");
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        doGet(request, response); // apps send the same parameters as a form
    }

    private void answer(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        PlayerLogin login = PlayerLogin.of(request, lines);
        Writer out = response.getWriter();
        if (login.credentialsMissing()) {
            out.write("{\"user_info\":{\"auth\":0}}");
            return;
        }
        Refusal refusal = login.admission().refusal();
        LineAccount line = login.admission().line();
        Instant now = Instant.now();
        if (refusal == Refusal.THROTTLED) {
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            out.write("{\"user_info\":{\"auth\":0},\"error\":\"" + refusal.message() + "\"}");
            return;
        }
        boolean statusRefusal =
                refusal == Refusal.BANNED
                        || refusal == Refusal.DISABLED
                        || refusal == Refusal.EXPIRED;
        if (line == null || (refusal != null && !statusRefusal)) {
            out.write("{\"user_info\":{\"auth\":0}}");
            return;
        }
        String action = request.getParameter("action");
        if (action == null) {
            action = "";
        }
        boolean active = refusal == null;
        switch (action) {
            case "get_live_categories" -> {
                if (active) liveCategories(out, line);
                else out.write("[]");
            }
            case "get_live_streams" -> {
                if (active) liveStreams(out, line, request.getParameter("category_id"));
                else out.write("[]");
            }
            case "get_vod_categories" -> {
                if (active) vod.movieCategories(out, line);
                else out.write("[]");
            }
            case "get_vod_streams" -> {
                if (active) vod.movies(out, line, request.getParameter("category_id"), base(login));
                else out.write("[]");
            }
            case "get_vod_info" -> {
                if (active) vod.movieInfo(out, line, request.getParameter("vod_id"), base(login));
                else out.write("{\"info\":[],\"movie_data\":{}}");
            }
            case "get_series_categories" -> {
                if (active) vod.seriesCategories(out, line);
                else out.write("[]");
            }
            case "get_series" -> {
                if (active) vod.series(out, line, request.getParameter("category_id"), base(login));
                else out.write("[]");
            }
            case "get_series_info" -> {
                if (active) {
                    vod.seriesInfo(out, line, request.getParameter("series_id"), base(login));
                } else {
                    out.write("{\"seasons\":[],\"info\":{\"name\":null},\"episodes\":{}}");
                }
            }
            case "get_short_epg" -> {
                if (active) {
                    shortEpg(
                            out,
                            line,
                            request.getParameter("stream_id"),
                            request.getParameter("limit"),
                            now);
                } else {
                    out.write("{\"epg_listings\":[]}");
                }
            }
            case "get_simple_data_table" -> {
                if (active) dataTable(out, line, request.getParameter("stream_id"), now);
                else out.write("{\"epg_listings\":[]}");
            }
            default -> accountInfo(out, login, line, now);
        }
    }

    private static String base(PlayerLogin login) {
        return login.address().baseUrl();
    }

    /** {user_info, server_info}: the answer to a login, and to any action PanelX does not know. */
    private void accountInfo(Writer out, PlayerLogin login, LineAccount line, Instant now) {
        LineStatus status = line.status(now);
        PublicAddress address = login.address();
        try (JsonGenerator g = XtreamJson.generator(out)) {
            g.writeStartObject().writeStartObject("user_info");
            g.write("username", line.username())
                    .write("password", login.password())
                    .write("message", "")
                    .write("auth", 1)
                    .write("status", status.label());
            if (line.expiresAt() == null) {
                g.writeNull("exp_date");
            } else {
                g.write("exp_date", XtreamJson.seconds(line.expiresAt()));
            }
            g.write("is_trial", line.trial() ? "1" : "0")
                    .write("active_cons", Integer.toString(viewers.activeConnections(line.id())))
                    .write(
                            "created_at",
                            XtreamJson.seconds(
                                    line.createdAt() == null ? Instant.EPOCH : line.createdAt()))
                    .write("max_connections", Integer.toString(line.maxConnections()))
                    .writeStartArray("allowed_output_formats")
                    .write("m3u8")
                    .write("ts")
                    .writeEnd()
                    .writeEnd();
            boolean https = "https".equals(address.scheme());
            g.writeStartObject("server_info")
                    .write("url", address.host())
                    .write("port", Integer.toString(https ? 80 : address.port()))
                    .write("https_port", Integer.toString(https ? address.port() : 443))
                    .write("server_protocol", address.scheme())
                    .write("rtmp_port", "0")
                    .write("timezone", "UTC")
                    .write("timestamp_now", now.getEpochSecond())
                    .write("time_now", XtreamJson.DATE_TIME.format(now))
                    .writeEnd()
                    .writeEnd();
        }
    }

    private void liveCategories(Writer out, LineAccount line) {
        Snapshot snapshot = entries.current().snapshot();
        Set<Long> used = new LinkedHashSet<>();
        for (LiveChannel c : snapshot.channels()) {
            if (line.mayWatch(c.id())) {
                used.add(c.categoryId() == null ? LiveStreamEntries.UNCATEGORISED : c.categoryId());
            }
        }
        try (JsonGenerator g = XtreamJson.generator(out)) {
            g.writeStartArray();
            for (LiveCategory c : snapshot.categories()) {
                if (used.contains(c.id())) {
                    category(g, c.id(), c.name());
                }
            }
            if (used.contains(LiveStreamEntries.UNCATEGORISED)) {
                category(g, LiveStreamEntries.UNCATEGORISED, LiveStreamEntries.UNCATEGORISED_NAME);
            }
            g.writeEnd();
        }
    }

    private static void category(JsonGenerator g, long id, String name) {
        g.writeStartObject()
                .write("category_id", Long.toString(id))
                .write("category_name", name)
                .write("parent_id", 0)
                .writeEnd();
    }

    private void liveStreams(Writer out, LineAccount line, String categoryParam)
            throws IOException {
        Long category = null;
        if (categoryParam != null && !categoryParam.isBlank()) {
            category = number(categoryParam);
            if (category == null) {
                out.write("[]"); // a category that cannot exist has no channels
                return;
            }
        }
        LiveStreamEntries.Entries current = entries.current();
        var text = new StringBuilder(current.snapshot().channels().size() * 340 + 2).append('[');
        int num = 0;
        for (LiveChannel c : current.snapshot().channels()) {
            if (!line.mayWatch(c.id())) {
                continue;
            }
            long channelCategory =
                    c.categoryId() == null ? LiveStreamEntries.UNCATEGORISED : c.categoryId();
            if (category != null && category != channelCategory) {
                continue;
            }
            if (num > 0) {
                text.append(',');
            }
            text.append("{\"num\":").append(++num).append(',').append(current.tails().get(c.id()));
        }
        out.append(text.append(']'));
    }

    private void shortEpg(
            Writer out, LineAccount line, String streamParam, String limitParam, Instant now) {
        Long limit = number(limitParam);
        int bounded =
                limit == null || limit < 1
                        ? DEFAULT_SHORT_EPG
                        : (int) Math.min(limit, EpgGuide.MAX_LISTING);
        LiveChannel channel = visibleChannel(line, streamParam);
        List<Programme> programmes =
                channel == null || channel.epgId() == null
                        ? List.of()
                        : guide.listing(channel.epgId(), now, bounded);
        listings(out, channel, programmes, now, archiveOf(channel));
    }

    /** The channel's catch-up archive, or null when it keeps none. */
    private ChannelArchive archiveOf(LiveChannel channel) {
        return channel == null || channel.archiveHours() == 0 ? null : archives.find(channel.id());
    }

    private void dataTable(Writer out, LineAccount line, String streamParam, Instant now) {
        LiveChannel channel = visibleChannel(line, streamParam);
        List<Programme> programmes =
                channel == null || channel.epgId() == null
                        ? List.of()
                        : guide.listing(
                                channel.epgId(),
                                now.minusSeconds(DATA_TABLE_PAST_SECONDS),
                                EpgGuide.MAX_LISTING);
        listings(out, channel, programmes, now, archiveOf(channel));
    }

    private LiveChannel visibleChannel(LineAccount line, String streamParam) {
        Long id = number(streamParam);
        if (id == null || !line.mayWatch(id)) {
            return null;
        }
        return entries.current().snapshot().channel(id);
    }

    private static void listings(
            Writer out,
            LiveChannel channel,
            List<Programme> programmes,
            Instant now,
            ChannelArchive archive) {
        Base64.Encoder b64 = Base64.getEncoder();
        try (JsonGenerator g = XtreamJson.generator(out)) {
            g.writeStartObject().writeStartArray("epg_listings");
            for (Programme p : programmes) {
                g.writeStartObject()
                        .write("id", Long.toString(p.id()))
                        .write("epg_id", Long.toString(channel.id()))
                        .write(
                                "title",
                                b64.encodeToString(p.title().getBytes(StandardCharsets.UTF_8)))
                        .write("lang", p.lang() == null ? "" : p.lang())
                        .write("start", XtreamJson.DATE_TIME.format(p.start()))
                        .write("end", XtreamJson.DATE_TIME.format(p.stop()))
                        .write(
                                "description",
                                b64.encodeToString(
                                        p.description().getBytes(StandardCharsets.UTF_8)))
                        .write("channel_id", p.epgChannelId())
                        .write("start_timestamp", XtreamJson.seconds(p.start()))
                        .write("stop_timestamp", XtreamJson.seconds(p.stop()))
                        .write("now_playing", p.airsAt(now) ? 1 : 0)
                        .write("has_archive", hasArchive(p, now, archive) ? 1 : 0)
                        .writeEnd();
            }
            g.writeEnd().writeEnd();
        }
    }

    /** A programme that ended and that the archive holds (part of): catch-up apps offer it. */
    static boolean hasArchive(Programme p, Instant now, ChannelArchive archive) {
        return archive != null
                && !p.stop().isAfter(now)
                && archive.covers(p.start().toEpochMilli(), p.stop().toEpochMilli());
    }

    /** A positive id from a parameter, or null for anything else (players send junk too). */
    static Long number(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i)) || text.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(text);
    }
}
