package io.panelx.epg;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Reads the guide for players. Plain JDBC over the (epg_channel_id, start_at) index: the export
 * streams rows to the caller as they come, so a full guide is never built in memory.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EpgGuide {

    /** The most rows one channel's listing may return, whatever a player asks. */
    public static final int MAX_LISTING = 1000;

    @Resource(lookup = "java:jboss/datasources/PanelXDS")
    DataSource dataSource;

    /** Programmes of one EPG channel that end after {@code from}, in order, at most limit. */
    public List<Programme> listing(String epgChannelId, Instant from, int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_LISTING));
        var result = new ArrayList<Programme>();
        try (Connection db = dataSource.getConnection();
                PreparedStatement ps =
                        db.prepareStatement(
                                "SELECT id, epg_channel_id, start_at, stop_at, title, description,"
                                        + " lang FROM epg_programme WHERE epg_channel_id = ?"
                                        + " AND stop_at > ? ORDER BY start_at")) {
            ps.setString(1, epgChannelId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setMaxRows(bounded);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && result.size() < bounded) {
                    result.add(programme(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("EPG read failed: " + e.getMessage(), e);
        }
        return result;
    }

    /**
     * Hands every programme ending after {@code from} whose channel passes the filter to the sink,
     * grouped by channel and in time order. The sink may throw to stop early (client gone).
     */
    public void export(Predicate<String> channelFilter, Instant from, Consumer<Programme> sink) {
        try (Connection db = dataSource.getConnection()) {
            boolean autoCommit = db.getAutoCommit();
            // PostgreSQL streams with a fetch size only inside a transaction.
            db.setAutoCommit(false);
            try (PreparedStatement ps =
                    db.prepareStatement(
                            "SELECT id, epg_channel_id, start_at, stop_at, title, description,"
                                    + " lang FROM epg_programme WHERE stop_at > ?"
                                    + " ORDER BY epg_channel_id, start_at")) {
                ps.setFetchSize(500);
                ps.setTimestamp(1, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (channelFilter.test(rs.getString(2))) {
                            sink.accept(programme(rs));
                        }
                    }
                }
            } finally {
                db.rollback();
                db.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("EPG read failed: " + e.getMessage(), e);
        }
    }

    private static Programme programme(ResultSet rs) throws SQLException {
        String desc = rs.getString(6);
        return new Programme(
                rs.getLong(1),
                rs.getString(2),
                rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(),
                rs.getString(5),
                desc == null ? "" : desc,
                rs.getString(7));
    }
}
