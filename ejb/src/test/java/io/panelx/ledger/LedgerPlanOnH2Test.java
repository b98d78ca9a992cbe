package io.panelx.ledger;

import static org.junit.jupiter.api.Assertions.*;

import io.panelx.schema.SchemaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger's close and checkpoint find their record by its key on H2 (the embedded default), on
 * the migrated schema. H2's planner reads "ended_at IS NULL" as selective when most records are
 * closed (a panel's history), and with the index on ended_at alone every UPDATE then scanned all
 * open records: a checkpoint of N open viewers read N squared rows.
 */
class LedgerPlanOnH2Test {

    static JdbcDataSource db;

    @BeforeAll
    static void schemaWithRecords() throws SQLException {
        db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:ledger-plan;DB_CLOSE_DELAY=-1");
        db.setUser("sa");
        SchemaMigration.migrate(db);
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "INSERT INTO connection_record (id, line_id, line_username,"
                                        + " channel_id, channel_name, origin, client_ip, format,"
                                        + " started_at, ended_at) VALUES"
                                        + " (?, 1, 'u', 1, 'c', 'proxy', '127.0.0.1', 'ts', ?, ?)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < 5_000; i++) {
                ps.setString(1, String.format("%036d", i));
                Timestamp at = Timestamp.from(now.toInstant().plusMillis(i));
                ps.setTimestamp(2, at);
                ps.setTimestamp(3, i < 4_990 ? at : null); // a history, and a few open records
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Test
    void aCloseFindsItsRecordByKey() throws SQLException {
        assertLooksUpById(LedgerStore.CLOSE, "ended_at = ?, end_reason = ?, bytes_sent = ?");
    }

    @Test
    void aCheckpointFindsItsRecordByKey() throws SQLException {
        assertLooksUpById(LedgerStore.CHECKPOINT, "bytes_sent = ?, checkpointed_at = ?");
    }

    /**
     * A node's open records are found through the index of open records (the one on node and
     * ended_at is gone, V48: every insert and close kept it up to date for this rare statement).
     */
    @Test
    void aNodesOpenRecordsAreFoundAmongTheOpenOnes() throws SQLException {
        String literal =
                LedgerStore.CLOSE_OPEN.replace("end_reason = ?", "end_reason = 'NODE_LOST'")
                        + " AND node = 'n1'";
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN " + literal)) {
            assertTrue(rs.next());
            String plan = rs.getString(1);
            assertTrue(
                    plan.contains("CONNECTION_RECORD_OPEN"), "an index scan of the open: " + plan);
            assertTrue(plan.contains("ENDED_AT IS NULL"), plan);
        }
        try (Connection c = db.getConnection();
                ResultSet rs =
                        c.getMetaData()
                                .getIndexInfo(null, null, "CONNECTION_RECORD", false, false)) {
            while (rs.next()) {
                assertNotEquals(
                        "CONNECTION_RECORD_NODE_OPEN", rs.getString("INDEX_NAME").toUpperCase());
            }
        }
    }

    /**
     * H2 names the index it reads and the conditions it looks up there in a comment of the plan.
     */
    private static void assertLooksUpById(String sql, String set) throws SQLException {
        assertTrue(sql.contains(set), sql);
        String literal =
                sql.replace(set, "bytes_sent = 1")
                        .replace("id = ?", "id = '" + String.format("%036d", 4_995) + "'");
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN " + literal)) {
            assertTrue(rs.next());
            String plan = rs.getString(1);
            String index = plan.substring(plan.indexOf("/*"), plan.indexOf("*/"));
            assertTrue(index.contains("ID = '"), "the record is looked up by its id: " + plan);
        }
    }
}
