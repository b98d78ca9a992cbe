package io.panelx.it.xtream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.zip.GZIPOutputStream;

/** Generated XMLTV guides for the tests. */
final class Guides {

    static final DateTimeFormatter XMLTV =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss Z").withZone(ZoneOffset.ofHours(2));

    private final StringBuilder xml =
            new StringBuilder(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            + "<!DOCTYPE tv SYSTEM \"xmltv.dtd\">\n<tv generator-info-name=\"it\">\n");

    Guides channel(String id, String name) {
        xml.append("<channel id=\"")
                .append(id)
                .append("\"><display-name>")
                .append(name)
                .append("</display-name></channel>\n");
        return this;
    }

    /** A programme of {@code minutes} starting {@code fromNowMinutes} from now (negative: past). */
    Guides programme(String channel, long fromNowMinutes, long minutes, String title, String desc) {
        Instant start = Instant.now().plusSeconds(fromNowMinutes * 60);
        Instant stop = start.plusSeconds(minutes * 60);
        xml.append("<programme start=\"")
                .append(XMLTV.format(start))
                .append("\" stop=\"")
                .append(XMLTV.format(stop))
                .append("\" channel=\"")
                .append(channel)
                .append("\">")
                .append("<title lang=\"en\">")
                .append(escape(title))
                .append("</title>");
        if (desc != null) {
            xml.append("<desc lang=\"en\">").append(escape(desc)).append("</desc>");
        }
        xml.append("<category>Test</category></programme>\n");
        return this;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    Guides raw(String text) {
        xml.append(text).append('\n');
        return this;
    }

    String xml() {
        return xml + "</tv>\n";
    }

    byte[] gzip() {
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write(xml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
