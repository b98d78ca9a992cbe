package io.panelx.channel;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * At start, gives every channel with a push source a port of the configured range (channels from
 * before ports were stored, or after the range changed). A channel it moves is announced with
 * ChannelChanged, so a running always-on channel restarts on its new port.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
// Channels runs the check in its own transaction; a failure is logged, never fails the start.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IngestPortCheck {

    private static final Logger LOG = Logger.getLogger(IngestPortCheck.class.getName());

    @Inject Channels channels;

    @PostConstruct
    void check() {
        try {
            int moved = channels.assignIngestPorts();
            if (moved > 0) {
                LOG.info(() -> moved + " channels got a new RTMP ingest port");
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "RTMP ingest ports not checked: " + e);
        }
    }
}
