package io.panelx.channel;

import io.panelx.admin.Conflict;
import io.panelx.config.PortRange;
import io.panelx.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * RTMP push ingest ports. Each channel with a {@code push:} source holds one port of {@code
 * panelx.rtmp-ingest-ports}, stored in {@code channel.ingest_port}: the lowest free one when it
 * gets its first push source, kept while it has one (also across restarts), released when it has
 * none left or is deleted. Primary and backup push sources share it: only one FFmpeg of a channel
 * runs at a time.
 *
 * <p>Ports are chosen under a database lock (the one row of {@code ingest_port_lock}, held until
 * the transaction ends), so concurrent saves choose one after the other and see each other's ports;
 * the UNIQUE constraint on the column is the safety net.
 */
@ApplicationScoped
public class IngestPorts {

    @PersistenceContext EntityManager em;

    /** Whether the channel needs an ingest port: an FFmpeg channel with a push source. */
    public static boolean needsPort(Channel c) {
        return c.deliveryMode == DeliveryMode.FFMPEG
                && c.sources.stream().anyMatch(SourceUrl::isPush);
    }

    /**
     * Gives the channel a port if it needs one and holds none in the range, or releases its port if
     * it needs none. Runs in the caller's transaction.
     *
     * @throws Conflict when every port of the range is taken (or the range setting is invalid)
     */
    public void assign(Channel c) {
        if (!needsPort(c)) {
            c.ingestPort = null;
            return;
        }
        PortRange range = range();
        if (c.ingestPort != null && range.contains(c.ingestPort)) {
            return;
        }
        Integer port = lowestFree(range, c.id);
        if (port == null) {
            throw new Conflict(
                    "no free RTMP ingest port: all "
                            + range.size()
                            + " ports of panelx.rtmp-ingest-ports ("
                            + range
                            + ") are taken by other channels with a push source;"
                            + " widen the range or remove a push source");
        }
        c.ingestPort = port;
    }

    private Integer lowestFree(PortRange range, Long ownId) {
        // Taken until this transaction ends: a concurrent save waits here for this one's commit.
        em.createNativeQuery("SELECT id FROM ingest_port_lock WHERE id = 1 FOR UPDATE")
                .getResultList();
        List<Integer> taken =
                em.createQuery(
                                "select c.ingestPort from Channel c"
                                        + " where c.ingestPort is not null and c.id <> :id",
                                Integer.class)
                        .setParameter("id", ownId == null ? -1L : ownId)
                        .getResultList();
        return range.lowestFree(taken);
    }

    private static PortRange range() {
        try {
            return Settings.rtmpIngestPorts();
        } catch (IllegalArgumentException e) {
            throw new Conflict(e.getMessage());
        }
    }
}
