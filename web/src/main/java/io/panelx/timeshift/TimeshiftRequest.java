package io.panelx.timeshift;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A parsed catch-up request. XC's forms: {@code /timeshift/U/P/MINUTES/START/ID.ts} (also {@code
 * .m3u8}), {@code /timeshifts/U/P/MINUTES/ID/START.ts} (seen in clients' fallbacks), and {@code
 * timeshift.php?username&password&stream&start&duration[&extension]}. START is {@code
 * YYYY-MM-DD:HH-MM} (optionally {@code -SS}), XC's older {@code YYYYMMDD-HH}, or Unix seconds; it
 * is read in the panel's time zone, the one player_api.php announces (UTC).
 */
record TimeshiftRequest(
        String username,
        String password,
        long channelId,
        long startMillis,
        int minutes,
        String format) {

    /** Longer than any archive (720 h): a bigger number is a malformed request. */
    static final int MAX_MINUTES = 720 * 60;

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd:HH-mm", Locale.ROOT);
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd:HH-mm-ss", Locale.ROOT);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("uuuuMMdd-HH", Locale.ROOT);

    long endMillis() {
        return startMillis + minutes * 60_000L;
    }

    /** {@code USER/PASS/MINUTES/START/ID.ext} after {@code /timeshift}; null when malformed. */
    static TimeshiftRequest parsePath(String path) {
        String[] p = parts(path);
        return p == null ? null : of(p[0], p[1], p[4], p[3], p[2], null, true);
    }

    /** {@code USER/PASS/MINUTES/ID/START.ext} after {@code /timeshifts}; null when malformed. */
    static TimeshiftRequest parseAlternatePath(String path) {
        String[] p = parts(path);
        if (p == null) {
            return null;
        }
        // the extension sits on START here: move it to the id
        String start = p[4];
        int dot = start.lastIndexOf('.');
        String ext = dot < 0 ? "" : start.substring(dot);
        return of(
                p[0],
                p[1],
                p[3] + ext,
                dot < 0 ? start : start.substring(0, dot),
                p[2],
                null,
                true);
    }

    private static String[] parts(String path) {
        if (path == null) {
            return null;
        }
        String[] p = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        return p.length == 5 ? p : null;
    }

    /** timeshift.php's parameters; null when malformed. */
    static TimeshiftRequest parseQuery(
            String username,
            String password,
            String stream,
            String start,
            String duration,
            String extension) {
        return of(username, password, stream, start, duration, extension, false);
    }

    private static TimeshiftRequest of(
            String username,
            String password,
            String stream,
            String start,
            String duration,
            String extension,
            boolean extensionOnStream) {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            return null;
        }
        if (stream == null || start == null || duration == null) {
            return null;
        }
        String format = "ts";
        String id = stream;
        int dot = id.lastIndexOf('.');
        if (dot >= 0) {
            format = id.substring(dot + 1);
            id = id.substring(0, dot);
        } else if (extensionOnStream) {
            return null; // the path forms always name the container
        }
        if (extension != null && !extension.isEmpty()) {
            format = extension;
        }
        if (!format.equals("ts") && !format.equals("m3u8")) {
            return null;
        }
        Long channel = digits(id);
        Long minutes = digits(duration);
        Long startMillis = startMillis(start);
        if (channel == null || minutes == null || startMillis == null) {
            return null;
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            return null;
        }
        return new TimeshiftRequest(
                username, password, channel, startMillis, minutes.intValue(), format);
    }

    /** START as epoch millis, or null. */
    static Long startMillis(String start) {
        Long seconds = digits(start);
        if (seconds != null) {
            return start.length() <= 11 ? seconds * 1000 : null;
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {MINUTE, SECOND, HOUR}) {
            try {
                String text = f == HOUR ? start + "-00" : start;
                DateTimeFormatter parser =
                        f == HOUR ? DateTimeFormatter.ofPattern("uuuuMMdd-HH-mm", Locale.ROOT) : f;
                return LocalDateTime.parse(text, parser).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    private static Long digits(String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(text);
    }
}
