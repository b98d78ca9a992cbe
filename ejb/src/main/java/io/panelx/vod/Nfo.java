package io.panelx.vod;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A Kodi-style .nfo sidecar ({@code <movie>}, {@code <tvshow>} or {@code <episodedetails>}): the
 * standard local metadata format. Parsed without DTDs or external entities, so a hostile file can
 * neither read other files nor reach the network; anything unreadable is simply no metadata. Its
 * {@code <fileinfo><streamdetails>} (written by Kodi and tinyMediaManager) says what ffprobe would:
 * a file whose .nfo gives its duration and video codec is not probed.
 */
public record Nfo(
        String title,
        String plot,
        String actors,
        String director,
        List<String> genres,
        String releaseDate,
        Double rating,
        String thumb,
        Integer season,
        Integer episode,
        StreamDetails streams) {

    /**
     * {@code <fileinfo><streamdetails>}: the first {@code <video>} (codec, width, height,
     * durationinseconds) and the first {@code <audio>} (codec); each field null when absent.
     */
    public record StreamDetails(
            Integer durationSeconds,
            String videoCodec,
            String audioCodec,
            Integer width,
            Integer height) {

        /** Enough to play and list the file: no ffprobe needed. */
        public boolean complete() {
            return durationSeconds != null && videoCodec != null;
        }

        /** What ffprobe would have found, as one (no bitrate: Kodi does not write one). */
        Probe asProbe() {
            return new Probe(durationSeconds, videoCodec, audioCodec, width, height, null);
        }
    }

    private static final Logger LOG = Logger.getLogger(Nfo.class.getName());

    /** Larger files are not metadata. */
    private static final long MAX_BYTES = 1 << 20;

    static Nfo read(Path file) {
        return new Reader().read(file);
    }

    /**
     * Reads .nfo files one after the other with one parser: a scan reads thousands, and a new
     * parser factory per file (a service lookup through the server's modules) costs more than the
     * parse. Not thread-safe: one per scan.
     */
    static final class Reader {
        private DocumentBuilder builder;

        Nfo read(Path file) {
            try {
                if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                    return null;
                }
                return of(parse(file));
            } catch (Exception e) {
                // Kodi also accepts .nfo files that hold only a URL: nothing to read there.
                LOG.log(Level.FINE, "no metadata in {0}: {1}", new Object[] {file, e.getMessage()});
                return null;
            }
        }

        private Element parse(Path file) throws Exception {
            if (builder == null) {
                builder = factory().newDocumentBuilder();
                builder.setErrorHandler(null);
            } else {
                builder.reset();
                builder.setErrorHandler(null);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return builder.parse(in).getDocumentElement();
            }
        }
    }

    private static DocumentBuilderFactory factory() throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    static Nfo of(Element root) {
        var actors = new ArrayList<String>();
        for (Element actor : children(root, "actor")) {
            String name = text(actor, "name");
            if (name != null) actors.add(name);
        }
        var genres = new ArrayList<String>();
        for (Element g : children(root, "genre")) {
            String t = clean(g.getTextContent());
            if (t != null) {
                for (String part : t.split("\\s*/\\s*")) {
                    if (!part.isBlank()) genres.add(part.trim());
                }
            }
        }
        var directors = new ArrayList<String>();
        for (Element d : children(root, "director")) {
            String t = clean(d.getTextContent());
            if (t != null) directors.add(t);
        }
        String date = firstOf(root, "premiered", "aired", "releasedate");
        if (date == null) {
            date = text(root, "year");
        }
        String plot = firstOf(root, "plot", "outline");
        return new Nfo(
                text(root, "title"),
                plot,
                actors.isEmpty() ? null : String.join(", ", actors),
                directors.isEmpty() ? null : String.join(", ", directors),
                List.copyOf(genres),
                date,
                rating(root),
                thumb(root),
                integer(text(root, "season")),
                integer(text(root, "episode")),
                streams(root));
    }

    /**
     * {@code <fileinfo><streamdetails><video>...</video><audio>...</audio></streamdetails>}: null
     * when the file says nothing about its streams.
     */
    private static StreamDetails streams(Element root) {
        for (Element info : children(root, "fileinfo")) {
            for (Element details : children(info, "streamdetails")) {
                Element video = first(details, "video");
                Element audio = first(details, "audio");
                Double seconds = video == null ? null : decimal(text(video, "durationinseconds"));
                var s =
                        new StreamDetails(
                                seconds == null || !(seconds >= 0.5) || seconds > 1e7
                                        ? null
                                        : (int) Math.round(seconds),
                                video == null ? null : codec(text(video, "codec")),
                                audio == null ? null : codec(text(audio, "codec")),
                                video == null ? null : positive(text(video, "width")),
                                video == null ? null : positive(text(video, "height")));
                if (s.durationSeconds() != null
                        || s.videoCodec() != null
                        || s.audioCodec() != null) {
                    return s;
                }
            }
        }
        return null;
    }

    /**
     * Kodi writes ffmpeg's codec names (h264, hevc, aac, ac3, dca for DTS); tinyMediaManager and
     * older scrapers some others. Players read these as ffprobe's {@code codec_name}: the usual
     * aliases become ffprobe's names.
     */
    private static String codec(String name) {
        if (name == null) return null;
        String c = name.strip().toLowerCase(java.util.Locale.ROOT);
        c =
                switch (c) {
                    case "avc", "avc1", "x264", "h.264" -> "h264";
                    case "h265", "x265", "h.265", "hvc1", "hev1" -> "hevc";
                    case "dca", "dts-hd", "dtshd_ma", "dtshd_hra" -> "dts";
                    case "xvid", "divx", "dx50" -> "mpeg4";
                    default -> c;
                };
        return c.isEmpty() || c.length() > 32 ? null : c;
    }

    private static Element first(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static Integer positive(String s) {
        Integer n = integer(s);
        return n == null || n <= 0 ? null : n;
    }

    /** {@code <rating>7.5</rating>}, or the default of {@code <ratings><rating><value>}. */
    private static Double rating(Element root) {
        Double plain = decimal(text(root, "rating"));
        if (plain != null) {
            return plain;
        }
        Double first = null;
        for (Element ratings : children(root, "ratings")) {
            for (Element r : children(ratings, "rating")) {
                Double v = decimal(text(r, "value"));
                if (v == null) continue;
                if ("true".equals(r.getAttribute("default"))) return v;
                if (first == null) first = v;
            }
        }
        return first;
    }

    /** A poster URL: {@code <thumb aspect="poster">} first, then any http(s) thumb. */
    private static String thumb(Element root) {
        String any = null;
        for (Element t : children(root, "thumb")) {
            String url = clean(t.getTextContent());
            if (url == null || !VodSource.isHttp(url)) continue;
            if ("poster".equals(t.getAttribute("aspect"))) return url;
            if (any == null) any = url;
        }
        return any;
    }

    private static String firstOf(Element root, String... names) {
        for (String n : names) {
            String t = text(root, n);
            if (t != null) return t;
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        var out = new ArrayList<Element>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    private static String text(Element parent, String name) {
        for (Element e : children(parent, name)) {
            String t = clean(e.getTextContent());
            if (t != null) return t;
        }
        return null;
    }

    private static String clean(String s) {
        if (s == null) return null;
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String s) {
        try {
            return s == null ? null : Double.valueOf(s.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
