package io.panelx.playlist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An extended M3U playlist as IPTV panels write it:
 *
 * <pre>
 * #EXTM3U
 * #EXTINF:-1 tvg-id="news.uk" tvg-logo="http://.../news.png" group-title="News",News 24
 * http://origin/news.ts
 * </pre>
 *
 * Lenient on purpose: playlists from other panels vary, so unknown directives are skipped and an
 * entry without #EXTINF takes its URL as its name.
 */
public final class M3uPlaylist {

    /** One channel of the playlist; attributes absent from the playlist are null. */
    public record Entry(String name, String url, String tvgId, String tvgLogo, String group) {}

    /** key="value" (or key=value) pairs in the #EXTINF line before the display name. */
    private static final Pattern ATTRIBUTE =
            Pattern.compile("([A-Za-z0-9_-]+)=(?:\"([^\"]*)\"|([^\\s,\"]+))");

    private M3uPlaylist() {}

    public static List<Entry> parse(String text) {
        var entries = new ArrayList<Entry>();
        Map<String, String> attributes = null;
        String name = null;
        for (String raw : text.split("\\r?\\n|\\r")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.regionMatches(true, 0, "#EXTINF:", 0, 8)) {
                int comma = nameComma(line);
                attributes = attributes(line.substring(8, comma < 0 ? line.length() : comma));
                name = comma < 0 ? null : line.substring(comma + 1).strip();
                continue;
            }
            if (line.startsWith("#")) {
                continue; // #EXTM3U, #EXTGRP, #EXTVLCOPT...: nothing a channel needs
            }
            var attrs = attributes == null ? Map.<String, String>of() : attributes;
            String title = name == null || name.isEmpty() ? attrs.get("tvg-name") : name;
            entries.add(
                    new Entry(
                            title == null || title.isEmpty() ? line : title,
                            line,
                            blankToNull(attrs.get("tvg-id")),
                            blankToNull(attrs.get("tvg-logo")),
                            blankToNull(attrs.get("group-title"))));
            attributes = null;
            name = null;
        }
        return entries;
    }

    /** The comma that starts the display name: the first one outside quoted attribute values. */
    private static int nameComma(String line) {
        boolean quoted = false;
        for (int i = 8; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> attributes(String head) {
        var map = new HashMap<String, String>();
        Matcher m = ATTRIBUTE.matcher(head);
        while (m.find()) {
            map.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return map;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
