package io.panelx.channel;

import io.panelx.admin.InvalidInput;
import io.panelx.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a channel source before it is stored or handed to FFmpeg. A source is always passed to
 * FFmpeg as one argument after {@code -i}, never through a shell; these checks stop what could
 * still be abused: option injection, local files outside the media folder, FFmpeg's own
 * file-reading pseudo-protocols (concat, subfile, movie filters).
 */
public final class SourceUrl {

    /** Test patterns a {@code lavfi:} source may name; anything else could read files. */
    public static final Set<String> TEST_PATTERNS = Set.of("testsrc", "testsrc2", "smptebars");

    private static final Set<String> DIRECT_SCHEMES = Set.of("http", "https");
    private static final Set<String> FFMPEG_SCHEMES =
            Set.of(
                    "http", "https", "rtmp", "rtmps", "rtsp", "rtsps", "udp", "rtp", "srt", "file",
                    "lavfi", "push");

    private SourceUrl() {}

    /** Whether {@code url} is an RTMP push ingest ({@code push:KEY}). */
    public static boolean isPush(String url) {
        return url != null && url.regionMatches(true, 0, "push:", 0, 5);
    }

    /** Returns the trimmed URL or throws InvalidInput with the reason. */
    public static String validate(String raw, DeliveryMode mode) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput("a source URL is empty");
        }
        String url = raw.trim();
        if (url.length() > 2000) {
            throw new InvalidInput("a source URL is longer than 2000 characters");
        }
        if (url.startsWith("-")) {
            throw new InvalidInput("a source URL may not start with '-': " + url);
        }
        for (char c : url.toCharArray()) {
            if (c <= ' ' || c == 127 || "`$;|<>\\\"'{}".indexOf(c) >= 0) {
                throw new InvalidInput("a source URL contains a forbidden character: " + url);
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInput("not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Set<String> allowed = mode == DeliveryMode.DIRECT ? DIRECT_SCHEMES : FFMPEG_SCHEMES;
        if (!allowed.contains(scheme)) {
            throw new InvalidInput(
                    "scheme '"
                            + scheme
                            + "' is not allowed for "
                            + mode
                            + " channels (allowed: "
                            + String.join(", ", allowed.stream().sorted().toList())
                            + ")");
        }
        switch (scheme) {
            case "file" -> checkFile(uri, url);
            case "lavfi" -> {
                if (!TEST_PATTERNS.contains(uri.getSchemeSpecificPart())) {
                    throw new InvalidInput(
                            "lavfi sources are limited to the test patterns " + TEST_PATTERNS);
                }
            }
            case "push" -> {
                if (!uri.getSchemeSpecificPart().matches("[A-Za-z0-9_-]{1,64}")) {
                    throw new InvalidInput(
                            "a push source is push:STREAMKEY (letters, digits, _ -)");
                }
            }
            default -> {
                if (uri.getHost() == null) {
                    throw new InvalidInput("a " + scheme + " URL needs a host: " + url);
                }
            }
        }
        return url;
    }

    private static void checkFile(URI uri, String url) {
        Path root = Path.of(Settings.allowedFileRoot()).toAbsolutePath().normalize();
        Path file;
        try {
            file = Path.of(uri).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw new InvalidInput("not a valid file URL: " + url);
        }
        if (!file.startsWith(root)) {
            throw new InvalidInput("file sources must lie under " + root);
        }
    }
}
