package io.panelx.vod;

import io.panelx.admin.InvalidInput;
import io.panelx.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Where a movie or an episode plays from: a file under {@code panelx.vod-root} (stored relative to
 * it) or an http(s) URL. Nothing outside the root is ever opened: paths are normalised and checked
 * against the root, symbolic links included.
 */
public final class VodSource {

    /** Extensions the library scan takes for video files, and that stream URLs may carry. */
    public static final Set<String> VIDEO_EXTENSIONS =
            Set.of(
                    "mp4", "mkv", "avi", "mov", "m4v", "ts", "m2ts", "webm", "mpg", "mpeg", "wmv",
                    "flv", "3gp", "ogv");

    private VodSource() {}

    public static boolean isHttp(String source) {
        if (source == null) {
            return false;
        }
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /**
     * Checks a source given by an admin or a playlist: an http(s) URL, or a path under the root
     * (absolute or relative to it). Returns it as stored: the URL, or the path relative to the
     * root.
     */
    public static String validate(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidInput(
                    "source is required: a file under the VOD root or an http(s) URL");
        }
        String s = source.trim();
        if (s.length() > 2000 || s.chars().anyMatch(c -> c < 0x20)) {
            throw new InvalidInput("source must be at most 2000 printable characters");
        }
        if (isHttp(s)) {
            try {
                URI uri = new URI(s);
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw new InvalidInput("source URL has no host: " + s);
                }
            } catch (URISyntaxException e) {
                throw new InvalidInput("source is not a valid URL: " + e.getReason());
            }
            return s;
        }
        if (s.contains("://")) {
            throw new InvalidInput("source must be an http(s) URL or a file under the VOD root");
        }
        Path root = Settings.vodRoot();
        Path file;
        try {
            file = root.resolve(s).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInput("source is not a valid path: " + e.getReason());
        }
        if (!file.startsWith(root) || file.equals(root)) {
            throw new InvalidInput("source file must lie under the VOD root " + root);
        }
        return relative(root, file);
    }

    /** The stored relative form of a file under the root ('/' separated). */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * The file of a stored source, or null when it is not a regular file under the VOD root
     * (vanished, or a link that leads outside). A finished scheduled recording's movie is stored as
     * an absolute path under {@code panelx.recordings-root}, the one other folder served.
     */
    public static Path file(String source) {
        if (source == null || isHttp(source)) {
            return null;
        }
        try {
            Path file = Settings.vodRoot().resolve(source).normalize();
            Path recordings = Settings.recordingsRoot();
            Path root = file.startsWith(recordings) ? recordings : Settings.vodRoot();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                return null;
            }
            Path real = file.toRealPath();
            Path realRoot = root.toRealPath();
            return real.startsWith(realRoot) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                    ? real
                    : null;
        } catch (InvalidPathException | IOException e) {
            return null;
        }
    }

    /**
     * Whether a playlist entry's URL is a movie or an episode rather than a live channel: XC-style
     * {@code /movie/} and {@code /series/} paths, or a video file extension ({@code .ts} is live).
     */
    public static boolean isVodUrl(String url) {
        String path = urlPath(url);
        if (path.contains("/movie/") || path.contains("/series/")) {
            return true;
        }
        String ext = extension(path);
        return ext != null && !ext.equals("ts") && VIDEO_EXTENSIONS.contains(ext);
    }

    /** Whether a playlist entry's URL is an episode (an XC-style {@code /series/} path). */
    public static boolean isSeriesUrl(String url) {
        return urlPath(url).contains("/series/");
    }

    private static String urlPath(String url) {
        try {
            String p = URI.create(url.strip()).getPath();
            return p == null ? "" : p.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The container extension of a path or URL ("mp4" when it names none PanelX knows). */
    public static String container(String source) {
        String path = source;
        if (isHttp(source)) {
            try {
                path = URI.create(source).getPath();
            } catch (IllegalArgumentException e) {
                path = source;
            }
            if (path == null) {
                path = "";
            }
        }
        String ext = extension(path);
        return ext != null && VIDEO_EXTENSIONS.contains(ext) ? ext : "mp4";
    }

    /** The lower-case extension of a file name, or null. */
    static String extension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1 || dot == name.length() - 1) {
            return null;
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
