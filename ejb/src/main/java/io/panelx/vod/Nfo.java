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
 * neither read other files nor reach the network; anything unreadable is simply no metadata.
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
        Integer episode) {

    private static final Logger LOG = Logger.getLogger(Nfo.class.getName());

    /** Larger files are not metadata. */
    private static final long MAX_BYTES = 1 << 20;

    static Nfo read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return null;
            }
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root;
            try (InputStream in = Files.newInputStream(file)) {
                root = builder.parse(in).getDocumentElement();
            }
            return of(root);
        } catch (Exception e) {
            // Kodi also accepts .nfo files that hold only a URL: nothing to read there.
            LOG.log(Level.FINE, "no metadata in {0}: {1}", new Object[] {file, e.getMessage()});
            return null;
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
                integer(text(root, "episode")));
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
