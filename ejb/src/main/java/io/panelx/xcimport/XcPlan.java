package io.panelx.xcimport;

import io.panelx.admin.InvalidInput;
import io.panelx.channel.DeliveryMode;
import io.panelx.channel.FfmpegProfile;
import io.panelx.channel.SourceUrl;
import io.panelx.line.CidrList;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each XC row becomes in PanelX, or why it cannot be imported. Pure mapping, no database: XC's
 * conventions (JSON text columns, Unix times, 0/1 flags) are known only here.
 */
final class XcPlan {

    /** XC's stream types (streams_types): only live streams are channels. */
    static final int LIVE = 1, MOVIE = 2, CREATED_LIVE = 3, RADIO = 4, SERIES = 5;

    /** PanelX's limit for max connections; XC's 0 ("unlimited") becomes it. */
    static final int UNLIMITED_CONNECTIONS = 100_000;

    private XcPlan() {}

    /** A row that is skipped on purpose (not malformed): reported by reason with a count. */
    static final class Unsupported extends Exception {
        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    record Category(long xcId, String name, int sortOrder) {}

    record Channel(
            long xcId,
            String name,
            List<Long> xcCategoryIds,
            String logo,
            String epgId,
            DeliveryMode mode,
            FfmpegProfile profile,
            int sortOrder,
            List<String> sources) {}

    record Bouquet(long xcId, String name, int sortOrder, List<Long> xcStreamIds) {}

    /** A line as XC has it; the password is plain text there and lives only until it is hashed. */
    record Line(
            long xcId,
            String username,
            String password,
            boolean enabled,
            boolean banned,
            Instant expiresAt,
            int maxConnections,
            String allowedIps,
            String allowedUserAgents,
            boolean trial,
            Instant createdAt,
            List<Long> xcBouquetIds) {
        @Override
        public String toString() {
            return "Line[xcId=" + xcId + ", username=" + username + "]";
        }
    }

    /** A live category, or null when the row is a VOD/series/radio category. */
    static Category category(XcRow row) throws SQLException, Malformed {
        String type = row.text("category_type");
        if (type != null && !type.trim().equalsIgnoreCase("live")) {
            return null;
        }
        String name = trimmed(row.text("category_name"));
        if (name == null) {
            throw new Malformed("category has no name");
        }
        if (name.length() > 200) {
            throw new Malformed("category name is longer than 200 characters");
        }
        return new Category(row.id(), name, (int) row.number("cat_order", 0));
    }

    static Channel channel(XcRow row) throws SQLException, Malformed, Unsupported {
        Long type = row.number("type");
        if (type == null) {
            throw new Malformed("stream has no type");
        }
        switch (type.intValue()) {
            case LIVE -> {}
            case MOVIE, SERIES -> throw new Unsupported("movies and series are not imported (VOD)");
            case CREATED_LIVE ->
                    throw new Unsupported("created channels (VOD playlists) are not supported");
            case RADIO -> throw new Unsupported("radio stations are not supported");
            default -> throw new Malformed("unknown stream type " + type);
        }
        String name = trimmed(row.text("stream_display_name"));
        if (name == null) {
            throw new Malformed("stream has no name");
        }
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        List<String> raw = XcJson.strings("stream_source", row.text("stream_source"));
        raw = raw.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (raw.isEmpty()) {
            throw new Malformed("stream has no source URL");
        }
        if (raw.size() > 20) {
            raw = raw.subList(0, 20);
        }
        // XC's direct source / direct proxy: the panel relays the upstream as it is, no FFmpeg.
        boolean direct = row.number("direct_source", 0) == 1 || row.number("direct_proxy", 0) == 1;
        boolean allHttp =
                raw.stream()
                        .allMatch(
                                s ->
                                        s.toLowerCase(Locale.ROOT).startsWith("http://")
                                                || s.toLowerCase(Locale.ROOT)
                                                        .startsWith("https://"));
        DeliveryMode mode = direct && allHttp ? DeliveryMode.DIRECT : DeliveryMode.FFMPEG;
        FfmpegProfile profile =
                mode == DeliveryMode.FFMPEG && row.number("enable_transcode", 0) == 1
                        ? FfmpegProfile.H264_720P
                        : FfmpegProfile.COPY;
        var sources = new ArrayList<String>();
        String firstProblem = null;
        for (String s : raw) {
            try {
                sources.add(SourceUrl.validate(s, mode));
            } catch (InvalidInput e) {
                if (firstProblem == null) firstProblem = e.getMessage();
            }
        }
        if (sources.isEmpty()) {
            throw new Malformed("no usable source URL (" + firstProblem + ")");
        }
        List<Long> categories = XcJson.idOrIds("category_id", row.text("category_id"));
        return new Channel(
                row.id(),
                name,
                categories,
                limit(trimmed(row.text("stream_icon")), 2000),
                limit(trimmed(row.text("channel_id")), 200),
                mode,
                profile,
                (int) row.number("order", 0),
                List.copyOf(sources));
    }

    static Bouquet bouquet(XcRow row) throws SQLException, Malformed {
        String name = trimmed(row.text("bouquet_name"));
        if (name == null) {
            throw new Malformed("bouquet has no name");
        }
        List<Long> streams = XcJson.ids("bouquet_channels", row.text("bouquet_channels"));
        return new Bouquet(
                row.id(),
                limit(name, 200),
                (int) row.number("bouquet_order", 0),
                List.copyOf(streams));
    }

    static Line line(XcRow row) throws SQLException, Malformed, Unsupported {
        if (row.number("is_mag", 0) == 1 || row.number("is_e2", 0) == 1) {
            throw new Unsupported(
                    "MAG and Enigma2 device lines are not supported (they log in by MAC address)");
        }
        String username = row.text("username");
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new Malformed(
                    "username is not 1-64 letters, digits, '.', '_', '@', '-'"
                            + (username == null ? " (none)" : ": '" + printable(username) + "'"));
        }
        String password = row.text("password");
        if (password == null || password.isEmpty()) {
            throw new Malformed("line " + username + " has no password");
        }
        if (password.length() > 128 || password.contains("/")) {
            throw new Malformed("line " + username + ": password is longer than 128 or has a '/'");
        }
        long exp = row.number("exp_date", 0);
        long max = row.number("max_connections", 1);
        if (max < 0) {
            throw new Malformed("line " + username + ": max_connections is negative");
        }
        String ips = String.join(",", XcJson.strings("allowed_ips", row.text("allowed_ips")));
        try {
            CidrList.parse(ips);
        } catch (InvalidInput e) {
            throw new Malformed("line " + username + ": allowed_ips: " + e.getMessage());
        }
        List<String> agents = XcJson.strings("allowed_ua", row.text("allowed_ua"));
        if (agents.stream().anyMatch(a -> a.contains(","))) {
            throw new Malformed("line " + username + ": an allowed user agent contains ','");
        }
        String uas = String.join(",", agents.stream().map(String::trim).toList());
        if (ips.length() > 2000 || uas.length() > 2000) {
            throw new Malformed("line " + username + ": allowed IPs or user agents too long");
        }
        long created = row.number("created_at", 0);
        return new Line(
                row.id(),
                username,
                password,
                row.number("enabled", 1) != 0,
                row.number("admin_enabled", 1) == 0,
                exp > 0 ? Instant.ofEpochSecond(exp) : null,
                max == 0 ? UNLIMITED_CONNECTIONS : (int) Math.min(max, UNLIMITED_CONNECTIONS),
                ips.isEmpty() ? null : ips,
                uas.isEmpty() ? null : uas,
                row.number("is_trial", 0) == 1,
                created > 0 ? Instant.ofEpochSecond(created) : Instant.now(),
                XcJson.ids("bouquet", row.text("bouquet")));
    }

    private static String trimmed(String s) {
        if (s == null) return null;
        s = s.trim();
        return s.isEmpty() ? null : s;
    }

    private static String limit(String s, int max) {
        return s == null || s.length() <= max ? s : null;
    }

    /** For a report: a bad username shown without control characters, and short. */
    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 40 ? p.substring(0, 40) + "..." : p;
    }
}
