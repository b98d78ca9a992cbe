package io.panelx.live;

/**
 * A parsed stream URL: {@code /live/USER/PASS/ID.ts}, {@code /live/USER/PASS/ID.m3u8} or the bare
 * {@code /USER/PASS/ID}. Anything else is malformed (a clear 400, never a lookup).
 */
record StreamRequest(String username, String password, long channelId, String format) {

    /** Parses the path after the route prefix ("USER/PASS/ID.ext"); null when malformed. */
    static StreamRequest parse(String path) {
        if (path == null) {
            return null;
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        String[] parts = p.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        String id = parts[2];
        String format = "ts";
        int dot = id.lastIndexOf('.');
        if (dot >= 0) {
            String ext = id.substring(dot + 1);
            id = id.substring(0, dot);
            switch (ext) {
                case "ts" -> format = "ts";
                case "m3u8" -> format = "m3u8";
                default -> {
                    return null;
                }
            }
        }
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return new StreamRequest(parts[0], parts[1], Long.parseLong(id), format);
    }
}
