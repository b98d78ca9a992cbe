package io.panelx.ledger;

import io.panelx.viewer.EndReason;
import io.panelx.viewer.Viewer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The ledger's SQL: plain JDBC batches by primary key, one transaction per write, no entity loading
 * or dirty checking, so that the database work grows with connections opened and closed and with
 * open connections per checkpoint, never with traffic.
 */
final class LedgerStore {

    /** A connection to insert; {@code endedAt} is set when it also ended before it was written. */
    record Opened(Viewer viewer, Instant endedAt, EndReason endReason, long bytesSent) {}

    record Closed(String id, Instant endedAt, EndReason endReason, long bytesSent) {}

    record Checkpoint(String id, long bytesSent) {}

    private static final String INSERT =
            "INSERT INTO connection_record (id, line_id, line_username, channel_id, channel_name,"
                    + " origin, client_ip, user_agent, format, started_at, ended_at, bytes_sent,"
                    + " end_reason, checkpointed_at, node) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String CLOSE =
            "UPDATE connection_record SET ended_at = ?, end_reason = ?, bytes_sent = ?"
                    + " WHERE id = ? AND ended_at IS NULL";
    static final String CHECKPOINT =
            "UPDATE connection_record SET bytes_sent = ?, checkpointed_at = ?"
                    + " WHERE id = ? AND ended_at IS NULL";

    /** Closes open records at their last checkpoint (a crashed run's, a lost node's). */
    static final String CLOSE_OPEN =
            "UPDATE connection_record SET ended_at = COALESCE(checkpointed_at, started_at),"
                    + " end_reason = ? WHERE ended_at IS NULL";

    private final DataSource dataSource;
    private final String node;

    LedgerStore(DataSource dataSource, String node) {
        this.dataSource = dataSource;
        this.node = node;
    }

    /**
     * Writes one batch in one transaction; returns the statements executed. With {@code careful},
     * inserts skip records that exist already (the retry of a batch whose outcome is unknown).
     */
    int write(
            List<Opened> inserts,
            List<Closed> closes,
            List<Checkpoint> checkpoints,
            boolean careful)
            throws SQLException {
        Instant now = Instant.now();
        int statements = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                statements = write(c, inserts, closes, checkpoints, careful, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return statements;
    }

    private int write(
            Connection c,
            List<Opened> inserts,
            List<Closed> closes,
            List<Checkpoint> checkpoints,
            boolean careful,
            Instant now)
            throws SQLException {
        int statements = 0;
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT);
                    PreparedStatement exists =
                            c.prepareStatement("SELECT 1 FROM connection_record WHERE id = ?")) {
                for (Opened o : inserts) {
                    if (careful) {
                        exists.setString(1, o.viewer().connectionId());
                        statements++;
                        try (var rs = exists.executeQuery()) {
                            if (rs.next()) {
                                if (o.endedAt() != null) {
                                    closes =
                                            append(
                                                    closes,
                                                    new Closed(
                                                            o.viewer().connectionId(),
                                                            o.endedAt(),
                                                            o.endReason(),
                                                            o.bytesSent()));
                                }
                                continue;
                            }
                        }
                    }
                    bindInsert(ps, o, now);
                    ps.addBatch();
                    statements++;
                }
                ps.executeBatch();
            }
        }
        if (!closes.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(CLOSE)) {
                for (Closed cl : closes) {
                    ps.setTimestamp(1, Timestamp.from(cl.endedAt()));
                    ps.setString(2, cl.endReason().name());
                    ps.setLong(3, cl.bytesSent());
                    ps.setString(4, cl.id());
                    ps.addBatch();
                    statements++;
                }
                ps.executeBatch();
            }
        }
        if (!checkpoints.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(CHECKPOINT)) {
                Timestamp at = Timestamp.from(now);
                for (Checkpoint cp : checkpoints) {
                    ps.setLong(1, cp.bytesSent());
                    ps.setTimestamp(2, at);
                    ps.setString(3, cp.id());
                    ps.addBatch();
                    statements++;
                }
                ps.executeBatch();
            }
        }
        return statements;
    }

    private static List<Closed> append(List<Closed> closes, Closed closed) {
        var next = new java.util.ArrayList<>(closes);
        next.add(closed);
        return next;
    }

    private void bindInsert(PreparedStatement ps, Opened o, Instant now) throws SQLException {
        Viewer v = o.viewer();
        ps.setString(1, v.connectionId());
        ps.setLong(2, v.lineId());
        ps.setString(3, truncate(v.lineUsername(), 64));
        ps.setLong(4, v.channelId());
        ps.setString(5, truncate(v.channelName(), 200));
        ps.setString(6, v.origin().name());
        ps.setString(7, truncate(v.clientIp(), 64));
        ps.setString(8, v.userAgent() == null ? null : truncate(v.userAgent(), 512));
        ps.setString(9, truncate(v.format(), 16));
        ps.setTimestamp(10, Timestamp.from(v.startedAt()));
        if (o.endedAt() == null) {
            ps.setNull(11, Types.TIMESTAMP);
            ps.setNull(13, Types.VARCHAR);
        } else {
            ps.setTimestamp(11, Timestamp.from(o.endedAt()));
            ps.setString(13, o.endReason().name());
        }
        ps.setLong(12, o.bytesSent());
        ps.setTimestamp(14, Timestamp.from(now));
        ps.setString(15, node);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * Closes the records a crashed run left open, at their last checkpoint and with its bytes;
     * returns how many. A cluster node closes only its own: its neighbours' records are live.
     */
    int closeLeftOpen(boolean onlyOwn) throws SQLException {
        return closeOpen(EndReason.SERVER_RESTART, onlyOwn ? node : null);
    }

    /**
     * Closes the open records of a node that left the cluster without closing them, at their last
     * checkpoint. Idempotent: when two survivors both do it, the second changes nothing.
     */
    int closeLost(String lostNode) throws SQLException {
        return closeOpen(EndReason.NODE_LOST, lostNode);
    }

    private int closeOpen(EndReason reason, String ofNode) throws SQLException {
        String sql = ofNode == null ? CLOSE_OPEN : CLOSE_OPEN + " AND node = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, reason.name());
            if (ofNode != null) {
                ps.setString(2, ofNode);
            }
            return ps.executeUpdate();
        }
    }
}
