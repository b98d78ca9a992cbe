package io.panelx.epg;

import java.io.InputStream;
import java.time.Instant;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the programmes of an XMLTV document one at a time (StAX), so memory does not grow with the
 * size of the guide. DTDs and external entities are off: a guide from the internet must not make
 * the server read local files or other URLs.
 */
final class XmltvReader {

    /** Receives each well-formed programme; malformed ones (no channel, bad times) are skipped. */
    interface Sink {
        void programme(
                String channel,
                Instant start,
                Instant stop,
                String title,
                String desc,
                String lang);
    }

    record Counts(int read, int malformed) {}

    private static final XMLInputFactory FACTORY = newFactory();

    private XmltvReader() {}

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    static Counts read(InputStream in, Sink sink) throws XMLStreamException {
        XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
        int read = 0;
        int malformed = 0;
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT
                        && "programme".equals(xml.getLocalName())) {
                    String channel = xml.getAttributeValue(null, "channel");
                    Instant start = XmltvTime.parse(xml.getAttributeValue(null, "start"));
                    Instant stop = XmltvTime.parse(xml.getAttributeValue(null, "stop"));
                    String[] texts = programmeTexts(xml);
                    if (channel == null
                            || channel.isBlank()
                            || start == null
                            || stop == null
                            || !stop.isAfter(start)) {
                        malformed++;
                        continue;
                    }
                    read++;
                    sink.programme(channel.trim(), start, stop, texts[0], texts[1], texts[2]);
                }
            }
        } finally {
            xml.close();
        }
        return new Counts(read, malformed);
    }

    /** Title, description and the title's language from inside a programme; the first of each. */
    private static String[] programmeTexts(XMLStreamReader xml) throws XMLStreamException {
        String title = null;
        String desc = null;
        String lang = null;
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (depth == 1 && "title".equals(xml.getLocalName()) && title == null) {
                    lang = xml.getAttributeValue(null, "lang");
                    title = xml.getElementText();
                } else if (depth == 1 && "desc".equals(xml.getLocalName()) && desc == null) {
                    desc = xml.getElementText();
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return new String[] {
            title == null ? "" : title.trim(), desc == null ? "" : desc.trim(), lang
        };
    }
}
