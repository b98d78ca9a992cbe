package io.panelx.epg;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class XmltvReaderTest {

    private static final String GUIDE =
            "<?xml version=\"1.0\"?><!DOCTYPE tv SYSTEM \"xmltv.dtd\"><tv>"
                    + "<channel id=\"a\"><display-name>A</display-name></channel>"
                    + "<programme start=\"20260101120000 +0200\" stop=\"20260101130000 +0200\" channel=\"a\">"
                    + "<title lang=\"de\">Erste</title><sub-title>x</sub-title><desc>Eins &amp; zwei</desc>"
                    + "<credits><actor>Someone</actor></credits><title>Second title ignored</title></programme>"
                    + "<programme start=\"202601011300\" stop=\"202601011400\" channel=\"a\"><title>Short times</title></programme>"
                    + "<programme start=\"bad\" stop=\"20260101140000\" channel=\"a\"><title>Bad</title></programme>"
                    + "<programme start=\"20260101140000\" stop=\"20260101150000\"><title>No channel</title></programme>"
                    + "</tv>";

    record Seen(
            String channel, Instant start, Instant stop, String title, String desc, String lang) {}

    private static List<Seen> read(InputStream in, int[] malformed) throws Exception {
        var seen = new ArrayList<Seen>();
        var counts =
                XmltvReader.read(
                        EpgImport.ungzipped(in),
                        (c, s, e, t, d, l) -> seen.add(new Seen(c, s, e, t, d, l)));
        malformed[0] = counts.malformed();
        assertEquals(seen.size(), counts.read());
        return seen;
    }

    @Test
    void readsProgrammesAndSkipsMalformedOnes() throws Exception {
        int[] malformed = new int[1];
        var seen =
                read(new ByteArrayInputStream(GUIDE.getBytes(StandardCharsets.UTF_8)), malformed);
        assertEquals(2, seen.size());
        assertEquals(2, malformed[0]);
        var first = seen.get(0);
        assertEquals("a", first.channel());
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), first.start());
        assertEquals(Instant.parse("2026-01-01T11:00:00Z"), first.stop());
        assertEquals("Erste", first.title());
        assertEquals("Eins & zwei", first.desc());
        assertEquals("de", first.lang());
        assertEquals(Instant.parse("2026-01-01T13:00:00Z"), seen.get(1).start());
        assertEquals("", seen.get(1).desc());
    }

    @Test
    void gzipIsRecognisedByContent() throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(bytes)) {
            gz.write(GUIDE.getBytes(StandardCharsets.UTF_8));
        }
        int[] malformed = new int[1];
        assertEquals(2, read(new ByteArrayInputStream(bytes.toByteArray()), malformed).size());
    }

    @Test
    void xmltvTimes() {
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), XmltvTime.parse("20260101120000"));
        assertEquals(
                Instant.parse("2026-01-01T12:00:00Z"), XmltvTime.parse("20260101103000 -0130"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), XmltvTime.parse("20260101"));
        assertNull(XmltvTime.parse("2026-01-01"));
        assertNull(XmltvTime.parse("20261301000000"));
        assertNull(XmltvTime.parse("20260101120000 CET"));
        assertNull(XmltvTime.parse(null));
        assertEquals(
                "20260101120000 +0000", XmltvTime.format(Instant.parse("2026-01-01T12:00:00Z")));
    }
}
