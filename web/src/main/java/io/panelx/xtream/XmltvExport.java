package io.panelx.xtream;

import io.panelx.channel.ChannelLineup.LiveChannel;
import io.panelx.channel.ChannelLineup.Snapshot;
import io.panelx.config.Settings;
import io.panelx.epg.EpgGuide;
import io.panelx.epg.XmltvTime;
import io.panelx.http.FaultLog;
import io.panelx.line.LineAccount;
import io.panelx.line.LineDirectory;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code /xmltv.php}: the guide of the line's channels as XMLTV, written while it is read from the
 * database. Channel ids are the channels' EPG ids, the tvg-id of the playlist.
 */
@WebServlet(urlPatterns = "/xmltv.php")
public class XmltvExport extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(XmltvExport.class.getName());
    private static final FaultLog FAULTS = new FaultLog(LOG, 10);
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    @Inject LineDirectory lines;
    @Inject LiveStreamEntries entries;
    @Inject EpgGuide guide;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            PlayerLogin login = PlayerLogin.of(request, lines);
            if (PlayerRefusals.refused(login, response)) {
                return;
            }
            response.setContentType("application/xml");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            try (OutputStream out = new BufferedOutputStream(response.getOutputStream(), 65536)) {
                write(out, login.admission().line());
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.FINE, "player went away: {0}", e.getMessage());
        } catch (XMLStreamException e) {
            LOG.log(Level.FINE, "XMLTV export ended early: {0}", e.getMessage());
        } catch (RuntimeException e) {
            if (causedByIo(e)) {
                LOG.log(Level.FINE, "player went away: {0}", e.getMessage());
                return;
            }
            FAULTS.severe("xmltv.php failed", e);
            if (!response.isCommitted()) {
                PlayerRefusals.plain(response, 503, "temporarily unavailable, try again");
            }
        }
    }

    /** The guide is read in an EJB, which wraps what the writing callback throws. */
    private static boolean causedByIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException || c instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /** XML 1.0 cannot carry most control characters; an admin-typed name might hold one. */
    static String text(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r'
                    || ch == 0xFFFE
                    || ch == 0xFFFF) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                b.append(' ');
            } else if (b != null) {
                b.append(ch);
            }
        }
        return b == null ? s : b.toString();
    }

    private void write(OutputStream out, LineAccount line) throws XMLStreamException {
        Snapshot snapshot = entries.current().snapshot();
        // One <channel> per EPG id: several channels (SD, HD) may share a guide.
        Map<String, LiveChannel> byEpgId = new LinkedHashMap<>();
        for (LiveChannel c : snapshot.channels()) {
            if (c.epgId() != null && line.mayWatch(c.id())) {
                byEpgId.putIfAbsent(c.epgId(), c);
            }
        }
        XMLStreamWriter xml = XML.createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("tv");
        xml.writeAttribute("generator-info-name", "PanelX");
        xml.writeCharacters("\n");
        for (var e : byEpgId.entrySet()) {
            xml.writeStartElement("channel");
            xml.writeAttribute("id", text(e.getKey()));
            xml.writeStartElement("display-name");
            xml.writeCharacters(text(e.getValue().name()));
            xml.writeEndElement();
            if (!e.getValue().logo().isEmpty()) {
                xml.writeEmptyElement("icon");
                xml.writeAttribute("src", text(e.getValue().logo()));
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        Instant from = Instant.now().minus(Settings.epgKeep());
        guide.export(
                byEpgId::containsKey,
                from,
                p -> {
                    try {
                        xml.writeStartElement("programme");
                        xml.writeAttribute("start", XmltvTime.format(p.start()));
                        xml.writeAttribute("stop", XmltvTime.format(p.stop()));
                        xml.writeAttribute("channel", text(p.epgChannelId()));
                        xml.writeStartElement("title");
                        if (p.lang() != null) {
                            xml.writeAttribute("lang", p.lang());
                        }
                        xml.writeCharacters(text(p.title()));
                        xml.writeEndElement();
                        if (!p.description().isEmpty()) {
                            xml.writeStartElement("desc");
                            if (p.lang() != null) {
                                xml.writeAttribute("lang", p.lang());
                            }
                            xml.writeCharacters(text(p.description()));
                            xml.writeEndElement();
                        }
                        xml.writeEndElement();
                        xml.writeCharacters("\n");
                    } catch (XMLStreamException ex) {
                        throw new UncheckedIOException(new IOException(ex.getMessage(), ex));
                    }
                });
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }
}
