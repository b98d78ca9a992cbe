package io.panelx.epg;

import io.panelx.config.Settings;
import io.panelx.download.HttpDownload;
import jakarta.annotation.Resource;
import jakarta.ejb.AccessTimeout;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import javax.xml.stream.XMLStreamException;

/**
 * Imports an XMLTV guide. A singleton so that imports never overlap; each runs in one database
 * transaction of its own (plain JDBC, batched), so players see the old guide until the new one is
 * complete, and a guide that fails halfway changes nothing.
 */
@Singleton
@AccessTimeout(value = 30, unit = TimeUnit.MINUTES)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EpgImport {

    private static final Logger LOG = Logger.getLogger(EpgImport.class.getName());
    private static final int BATCH = 500;

    @Resource(lookup = "java:jboss/datasources/PanelXDS")
    DataSource dataSource;

    /** Imports from an http(s) URL or a file path (plain or gzip). */
    public EpgImportResult importSource(String source) {
        try (InputStream in = open(source)) {
            return importStream(source, in);
        } catch (IOException e) {
            throw new EpgSourceFailed(
                    "cannot read EPG source "
                            + EpgSourceFailed.redacted(source)
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** Imports a guide read from the stream (plain or gzip); the caller closes the stream. */
    public EpgImportResult importStream(String label, InputStream raw) {
        long began = System.nanoTime();
        Instant keepAfter = Instant.now().minus(Settings.epgKeep());
        try (Connection db = dataSource.getConnection()) {
            boolean autoCommit = db.getAutoCommit();
            db.setAutoCommit(false);
            try (var writer = new GuideWriter(db, channelEpgIds(db), keepAfter)) {
                XmltvReader.Counts counts = XmltvReader.read(ungzipped(raw), writer);
                writer.flush();
                int pruned = prune(db, keepAfter);
                db.commit();
                var result =
                        new EpgImportResult(
                                label,
                                writer.stored,
                                writer.replaced.size(),
                                writer.unknownChannel,
                                writer.tooOld,
                                counts.malformed(),
                                pruned,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
                LOG.log(
                        Level.INFO,
                        "EPG imported from {0}: {1} programmes for {2} channels, {3} pruned, {4} ms",
                        new Object[] {
                            EpgSourceFailed.redacted(label),
                            result.programmes(),
                            result.channels(),
                            pruned,
                            result.millis()
                        });
                return result;
            } catch (XMLStreamException | IOException | SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(autoCommit);
            }
        } catch (XMLStreamException e) {
            throw new EpgSourceFailed(
                    "not a valid XMLTV document ("
                            + EpgSourceFailed.redacted(label)
                            + "): "
                            + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new EpgSourceFailed(
                    "cannot read EPG source "
                            + EpgSourceFailed.redacted(label)
                            + ": "
                            + e.getMessage(),
                    e);
        } catch (SQLException e) {
            throw new EpgSourceFailed("EPG import failed in the database: " + e.getMessage(), e);
        }
    }

    /** Deletes programmes that ended before the keep window; returns how many. */
    public int prune() {
        try (Connection db = dataSource.getConnection()) {
            return prune(db, Instant.now().minus(Settings.epgKeep()));
        } catch (SQLException e) {
            throw new EpgSourceFailed("EPG prune failed: " + e.getMessage(), e);
        }
    }

    private static int prune(Connection db, Instant keepAfter) throws SQLException {
        try (PreparedStatement ps =
                db.prepareStatement("DELETE FROM epg_programme WHERE stop_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(keepAfter));
            return ps.executeUpdate();
        }
    }

    private static Set<String> channelEpgIds(Connection db) throws SQLException {
        var ids = new HashSet<String>();
        try (PreparedStatement ps =
                        db.prepareStatement(
                                "SELECT DISTINCT epg_id FROM channel WHERE epg_id IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1).trim();
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static InputStream open(String source) throws IOException {
        if (HttpDownload.isHttp(source)) {
            return HttpDownload.open(source, Duration.ofSeconds(60), "PanelX EPG import");
        }
        Path file = Path.of(source.startsWith("file:") ? URI.create(source).getPath() : source);
        return Files.newInputStream(file);
    }

    /** Gzip is recognised by its magic number, whatever the file name or Content-Type says. */
    static InputStream ungzipped(InputStream raw) throws IOException {
        var in = new BufferedInputStream(raw, 65536);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b
                ? new BufferedInputStream(new GZIPInputStream(in, 65536))
                : in;
    }

    /**
     * Stores programmes of the channels PanelX carries. The first time the guide mentions a
     * channel, that channel's previous programmes are deleted: the new guide replaces the old one
     * per channel, and channels the guide does not mention keep theirs.
     */
    private static final class GuideWriter implements XmltvReader.Sink, AutoCloseable {
        private final Set<String> wanted;
        private final Instant keepAfter;
        private final Set<String> replaced = new HashSet<>();
        private final PreparedStatement insert;
        private final PreparedStatement clear;
        private int pending;
        int stored;
        int unknownChannel;
        int tooOld;

        GuideWriter(Connection db, Set<String> wanted, Instant keepAfter) throws SQLException {
            this.wanted = wanted;
            this.keepAfter = keepAfter;
            this.insert =
                    db.prepareStatement(
                            "INSERT INTO epg_programme (epg_channel_id, start_at, stop_at, title,"
                                    + " description, lang) VALUES (?, ?, ?, ?, ?, ?)");
            this.clear = db.prepareStatement("DELETE FROM epg_programme WHERE epg_channel_id = ?");
        }

        @Override
        public void programme(
                String channel,
                Instant start,
                Instant stop,
                String title,
                String desc,
                String lang) {
            if (!wanted.contains(channel)) {
                unknownChannel++;
                return;
            }
            if (stop.isBefore(keepAfter)) {
                tooOld++;
                return;
            }
            try {
                if (replaced.add(channel)) {
                    clear.setString(1, channel);
                    clear.executeUpdate();
                }
                insert.setString(1, channel);
                insert.setTimestamp(2, Timestamp.from(start));
                insert.setTimestamp(3, Timestamp.from(stop));
                insert.setString(4, clip(title.isEmpty() ? "(no title)" : title, 1000));
                insert.setString(5, desc.isEmpty() ? null : clip(desc, 4000));
                insert.setString(6, lang == null || lang.isBlank() ? null : clip(lang.trim(), 16));
                insert.addBatch();
                stored++;
                if (++pending == BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw new EpgSourceFailed(
                        "EPG import failed in the database: " + e.getMessage(), e);
            }
        }

        void flush() throws SQLException {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            insert.close();
            clear.close();
        }

        private static String clip(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max);
        }
    }
}
