package io.panelx.xcimport;

import io.panelx.channel.CategoryChanged;
import io.panelx.channel.ChannelChanged;
import io.panelx.line.LineChanged;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;

/**
 * Writes imported rows to the PanelX database with JDBC batches, one transaction per call
 * (REQUIRES_NEW): a failure rolls back only its batch, and the rows of committed batches are in
 * xc_import_map, so a rerun continues after them. Fires the change events the caches listen to.
 */
@Stateless
public class XcWriter {

    /** A channel to insert; {@code id} null when the XC id is taken and PanelX must choose. */
    record NewChannel(XcPlan.Channel plan, Long id, Long categoryId) {}

    /** A line to insert, its password already hashed. */
    record NewLine(XcPlan.Line plan, String hash, String salt, Set<Long> bouquetIds) {}

    @Resource(lookup = "java:jboss/datasources/PanelXDS")
    DataSource dataSource;

    @Inject Event<LineChanged> lineChanged;
    @Inject Event<ChannelChanged> channelChanged;
    @Inject Event<CategoryChanged> categoryChanged;

    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    private static volatile Boolean mysql;

    // --- reads (in the caller's transaction, or none)

    /** The PanelX ids of the XC rows of {@code kind} already imported, among {@code xcIds}. */
    public Map<Long, Long> mapped(XcKind kind, Collection<Long> xcIds) throws SQLException {
        var out = new HashMap<Long, Long>();
        if (xcIds.isEmpty()) return out;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT xc_id, panelx_id FROM xc_import_map WHERE kind = ? AND xc_id IN ("
                                        + marks(xcIds.size())
                                        + ")")) {
            ps.setString(1, kind.key);
            int i = 2;
            for (Long id : xcIds) ps.setLong(i++, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Every mapping of {@code kind}: used for the small kinds (categories, streams, bouquets). */
    public Map<Long, Long> mapping(XcKind kind) throws SQLException {
        var out = new HashMap<Long, Long>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT xc_id, panelx_id FROM xc_import_map WHERE kind = ?")) {
            ps.setString(1, kind.key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** Channel names by id, for the ids among {@code ids} that PanelX already uses. */
    public Map<Long, String> channelsWithIds(Collection<Long> ids) throws SQLException {
        var out = new HashMap<Long, String>();
        if (ids.isEmpty()) return out;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT id, name FROM channel WHERE id IN ("
                                        + marks(ids.size())
                                        + ")")) {
            int i = 1;
            for (Long id : ids) ps.setLong(i++, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    public Set<String> usernamesTaken(Collection<String> usernames) throws SQLException {
        var out = new HashSet<String>();
        if (usernames.isEmpty()) return out;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT username FROM line WHERE username IN ("
                                        + marks(usernames.size())
                                        + ")")) {
            int i = 1;
            for (String u : usernames) ps.setString(i++, u);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    public Map<String, Long> categoriesByName(Collection<String> names) throws SQLException {
        var out = new HashMap<String, Long>();
        if (names.isEmpty()) return out;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT name, id FROM category WHERE name IN ("
                                        + marks(names.size())
                                        + ")")) {
            int i = 1;
            for (String n : names) ps.setString(i++, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    // --- writes, one transaction each

    /**
     * Creates the categories that have no PanelX category of the same name and maps every one.
     *
     * @return how many were created (the others joined a category of the same name)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int categories(List<XcPlan.Category> batch, Map<Long, Long> ids) throws SQLException {
        int created = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert =
                        c.prepareStatement(
                                "INSERT INTO category (name, sort_order) VALUES (?, ?)",
                                new String[] {"id"});
                PreparedStatement map = mapInsert(c)) {
            Map<String, Long> existing =
                    categoriesByName(batch.stream().map(XcPlan.Category::name).toList());
            for (XcPlan.Category cat : batch) {
                Long id = existing.get(cat.name());
                if (id == null) {
                    insert.setString(1, cat.name());
                    insert.setInt(2, cat.sortOrder());
                    insert.executeUpdate();
                    id = generatedId(insert);
                    existing.put(cat.name(), id);
                    created++;
                    categoryChanged.fire(new CategoryChanged(id));
                }
                ids.put(cat.xcId(), id);
                addMapping(c, map, XcKind.CATEGORY, cat.xcId(), id);
            }
            map.executeBatch();
        }
        return created;
    }

    /** Inserts channels (with their XC id where it is free) and their sources. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Map<Long, Long> channels(List<NewChannel> batch) throws SQLException {
        var ids = new HashMap<Long, Long>();
        String columns =
                "name, category_id, logo, epg_id, delivery_mode, ffmpeg_profile, on_demand, enabled,"
                        + " sort_order, created_at";
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
                PreparedStatement explicit =
                        c.prepareStatement(
                                "INSERT INTO channel (id, "
                                        + columns
                                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, TRUE, ?, ?)");
                PreparedStatement generated =
                        c.prepareStatement(
                                "INSERT INTO channel ("
                                        + columns
                                        + ") VALUES (?, ?, ?, ?, ?, ?, TRUE, TRUE, ?, ?)",
                                new String[] {"id"});
                PreparedStatement source =
                        c.prepareStatement(
                                "INSERT INTO channel_source (channel_id, position, url) VALUES (?, ?, ?)");
                PreparedStatement map = mapInsert(c)) {
            boolean anyExplicit = false;
            for (NewChannel ch : batch) {
                if (ch.id() != null) {
                    explicit.setLong(1, ch.id());
                    channelColumns(explicit, 2, ch, now, c);
                    explicit.addBatch();
                    ids.put(ch.plan().xcId(), ch.id());
                    anyExplicit = true;
                }
            }
            if (anyExplicit) explicit.executeBatch();
            for (NewChannel ch : batch) {
                if (ch.id() == null) {
                    channelColumns(generated, 1, ch, now, c);
                    generated.executeUpdate();
                    ids.put(ch.plan().xcId(), generatedId(generated));
                }
            }
            for (NewChannel ch : batch) {
                long id = ids.get(ch.plan().xcId());
                List<String> urls = ch.plan().sources();
                for (int p = 0; p < urls.size(); p++) {
                    source.setLong(1, id);
                    source.setInt(2, p);
                    source.setString(3, urls.get(p));
                    source.addBatch();
                }
                addMapping(c, map, XcKind.STREAM, ch.plan().xcId(), id);
            }
            source.executeBatch();
            map.executeBatch();
        }
        ids.values().forEach(id -> channelChanged.fire(new ChannelChanged(id, false)));
        return ids;
    }

    /**
     * Moves the channel id sequence past channels inserted with explicit ids. MariaDB/MySQL move
     * AUTO_INCREMENT by themselves; H2 and PostgreSQL identity columns do not.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void moveChannelIdsPastMax() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (isMysql(c)) return;
            long next;
            try (Statement st = c.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM channel")) {
                rs.next();
                next = rs.getLong(1);
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE channel ALTER COLUMN id RESTART WITH " + next);
            }
        }
    }

    /** Creates bouquets with the PanelX ids of their imported channels. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Map<Long, Long> bouquets(List<XcPlan.Bouquet> batch, Map<Long, Long> channelIds)
            throws SQLException {
        var ids = new HashMap<Long, Long>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert =
                        c.prepareStatement(
                                "INSERT INTO bouquet (name, sort_order) VALUES (?, ?)",
                                new String[] {"id"});
                PreparedStatement member =
                        c.prepareStatement(
                                "INSERT INTO bouquet_channel (bouquet_id, channel_id) VALUES (?, ?)");
                PreparedStatement map = mapInsert(c)) {
            for (XcPlan.Bouquet b : batch) {
                insert.setString(1, b.name());
                insert.setInt(2, b.sortOrder());
                insert.executeUpdate();
                long id = generatedId(insert);
                ids.put(b.xcId(), id);
                var seen = new HashSet<Long>();
                for (Long stream : b.xcStreamIds()) {
                    Long channel = channelIds.get(stream);
                    if (channel != null && seen.add(channel)) {
                        member.setLong(1, id);
                        member.setLong(2, channel);
                        member.addBatch();
                    }
                }
                addMapping(c, map, XcKind.BOUQUET, b.xcId(), id);
            }
            member.executeBatch();
            map.executeBatch();
        }
        return ids;
    }

    /** Inserts lines (already hashed), their bouquets and their mappings. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int lines(List<NewLine> batch) throws SQLException {
        if (batch.isEmpty()) return 0;
        var byUsername = new HashMap<String, NewLine>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert =
                    c.prepareStatement(
                            "INSERT INTO line (username, password_hash, password_salt, enabled,"
                                    + " banned, expires_at, max_connections, allowed_ips,"
                                    + " allowed_user_agents, trial, created_at, all_channels)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)")) {
                for (NewLine l : batch) {
                    XcPlan.Line p = l.plan();
                    insert.setString(1, p.username());
                    insert.setString(2, l.hash());
                    insert.setString(3, l.salt());
                    insert.setBoolean(4, p.enabled());
                    insert.setBoolean(5, p.banned());
                    instant(c, insert, 6, p.expiresAt());
                    insert.setInt(7, p.maxConnections());
                    insert.setString(8, p.allowedIps());
                    insert.setString(9, p.allowedUserAgents());
                    insert.setBoolean(10, p.trial());
                    instant(c, insert, 11, p.createdAt());
                    insert.addBatch();
                    byUsername.put(p.username(), l);
                }
                insert.executeBatch();
            }
            var ids = new HashMap<String, Long>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT username, id FROM line WHERE username IN ("
                                    + marks(byUsername.size())
                                    + ")")) {
                int i = 1;
                for (String u : byUsername.keySet()) ps.setString(i++, u);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (PreparedStatement ref =
                            c.prepareStatement(
                                    "INSERT INTO line_bouquet_ref (line_id, bouquet_id) VALUES (?, ?)");
                    PreparedStatement map = mapInsert(c)) {
                boolean anyRef = false;
                for (NewLine l : batch) {
                    long id = ids.get(l.plan().username());
                    for (Long bouquet : l.bouquetIds()) {
                        ref.setLong(1, id);
                        ref.setLong(2, bouquet);
                        ref.addBatch();
                        anyRef = true;
                    }
                    addMapping(c, map, XcKind.LINE, l.plan().xcId(), id);
                    lineChanged.fire(new LineChanged(id, l.plan().username()));
                }
                if (anyRef) ref.executeBatch();
                map.executeBatch();
            }
        }
        return batch.size();
    }

    // --- JDBC details

    private void channelColumns(
            PreparedStatement ps, int i, NewChannel ch, Timestamp now, Connection c)
            throws SQLException {
        XcPlan.Channel p = ch.plan();
        ps.setString(i, p.name());
        if (ch.categoryId() == null) ps.setNull(i + 1, Types.BIGINT);
        else ps.setLong(i + 1, ch.categoryId());
        ps.setString(i + 2, p.logo());
        ps.setString(i + 3, p.epgId());
        ps.setString(i + 4, p.mode().name());
        ps.setString(i + 5, p.profile().name());
        ps.setInt(i + 6, p.sortOrder());
        instant(c, ps, i + 7, now.toInstant());
    }

    private static PreparedStatement mapInsert(Connection c) throws SQLException {
        return c.prepareStatement(
                "INSERT INTO xc_import_map (kind, xc_id, panelx_id, imported_at) VALUES (?, ?, ?, ?)");
    }

    private static void addMapping(
            Connection c, PreparedStatement map, XcKind kind, long xcId, long panelxId)
            throws SQLException {
        map.setString(1, kind.key);
        map.setLong(2, xcId);
        map.setLong(3, panelxId);
        instant(c, map, 4, Instant.now());
        map.addBatch();
    }

    /**
     * Binds an instant as Hibernate stores it: with its offset where the column has one (H2,
     * PostgreSQL), as UTC wall time in MariaDB/MySQL's DATETIME.
     */
    private static void instant(Connection c, PreparedStatement ps, int i, Instant value)
            throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.TIMESTAMP);
        } else if (isMysql(c)) {
            ps.setTimestamp(i, Timestamp.from(value), (Calendar) UTC.clone());
        } else {
            ps.setObject(i, value.atOffset(ZoneOffset.UTC));
        }
    }

    private static boolean isMysql(Connection c) throws SQLException {
        Boolean m = mysql;
        if (m == null) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            m = product.contains("mariadb") || product.contains("mysql");
            mysql = m;
        }
        return m;
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) throw new SQLException("no generated id returned");
            return keys.getLong(1);
        }
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
