package io.panelx.delivery;

import io.panelx.channel.ChannelChanged;
import io.panelx.channel.ChannelInfo;
import io.panelx.channel.Channels;
import io.panelx.viewer.EndReason;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The running channels' life with the server's: the always-on channels (and push ingests) start
 * with it, a changed channel restarts with its new settings, and at shutdown every viewer ends and
 * every channel stops. An EJB singleton for what only the container gives: a start at deployment
 * and a stop ordered against the beans that must outlive the channels.
 */
@Singleton
@Startup
// The ledger outlives the channels (viewers ended at shutdown are still recorded); so does the
// FFmpeg supervisor, which ends what the runners started.
@DependsOn({"ConnectionLedger", "FfmpegSupervisor"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// What it reads (Channels) runs in its own transaction; this lets its AFTER_SUCCESS observer call
// Channels after the change's transaction ended.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChannelLifecycle {

    private static final Logger LOG = Logger.getLogger(ChannelLifecycle.class.getName());

    @Inject Channels channels;
    @Inject RunningChannels running;
    @Inject OpenViewers viewers;

    @PostConstruct
    void start() {
        for (var c : channels.list()) {
            if (c.isEnabled() && !c.isOnDemand()) {
                startQuietly(ChannelInfo.of(c));
            }
        }
    }

    @PreDestroy
    void shutdown() {
        running.shutdown();
    }

    /**
     * A changed channel restarts with its new settings; a deleted one stops. A runner that already
     * runs the channel as it is now stays (a change replayed from another cluster node can arrive
     * after this node started the channel with the new settings, e.g. a channel just created).
     */
    public void channelChanged(
            @Observes(during = TransactionPhase.AFTER_SUCCESS) ChannelChanged event) {
        // Read from the database, not the directory: its cache may not have dropped the entry yet.
        var entity = event.deleted() ? null : channels.find(event.channelId());
        ChannelInfo c = entity == null ? null : ChannelInfo.of(entity);
        ChannelRunner r = running.runner(event.channelId());
        if (r != null && !r.isStopped() && r.channel.equals(c)) {
            return;
        }
        if (r != null) {
            r.stop(); // viewers reconnect to the new configuration
            viewers.endViewersOf(event.channelId(), EndReason.CHANNEL_STOPPED);
        }
        if (c != null && c.enabled() && !c.onDemand()) {
            startQuietly(c); // always-on channels (and push ingests) run without viewers
        }
    }

    private void startQuietly(ChannelInfo c) {
        try {
            running.runnerFor(c);
        } catch (Refused e) {
            LOG.warning(() -> "Always-on channel " + c.id() + " not started: " + e.reason);
        }
    }
}
