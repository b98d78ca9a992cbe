package io.panelx.ledger;

import io.panelx.viewer.EndReason;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the ledger's pending changes to connection_record every second, in one transaction, off
 * the byte path. At startup it closes the records a crashed server left open.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LedgerWriter {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());

    @PersistenceContext EntityManager em;
    @Inject ConnectionLedger ledger;

    @PostConstruct
    void closeRecordsLeftOpen() {
        int closed =
                em.createQuery(
                                "update ConnectionRecord r set r.endedAt = :now, r.endReason = :reason"
                                        + " where r.endedAt is null")
                        .setParameter("now", Instant.now())
                        .setParameter("reason", EndReason.SERVER_RESTART)
                        .executeUpdate();
        if (closed > 0) {
            LOG.info(() -> closed + " connection records left open by the last run closed");
        }
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    public void flush() {
        Map<String, ConnectionLedger.Pending> changes = ledger.drain();
        if (changes.isEmpty()) {
            return;
        }
        try {
            write(changes);
            em.flush();
        } catch (RuntimeException e) {
            ledger.restore(changes);
            LOG.log(Level.WARNING, "Connection records not written, retrying next second", e);
            throw e;
        }
    }

    private void write(Map<String, ConnectionLedger.Pending> changes) {
        for (var p : changes.values()) {
            ConnectionRecord record =
                    p.inserted ? em.find(ConnectionRecord.class, p.viewer.connectionId()) : null;
            if (record == null) {
                record = new ConnectionRecord(p.viewer);
                em.persist(record);
            }
            record.bytesSent = Math.max(record.bytesSent, p.bytesSent);
            if (p.endedAt != null && record.endedAt == null) {
                record.endedAt = p.endedAt;
                record.endReason = p.endReason;
            }
        }
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
