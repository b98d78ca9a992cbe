package io.panelx.monitoring;

import io.panelx.delivery.ChannelHub;
import io.panelx.delivery.ChannelState;
import io.panelx.delivery.ChannelStateChanged;
import io.panelx.stats.LiveStats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Puts the panel MXBean into the platform MBeanServer for the life of the deployment, and one
 * channel MXBean per running channel, following the channels' state events. Bean-managed
 * concurrency and no transaction: the observer runs on the thread that changed the channel's state
 * and only (un)registers an MBean, so it must not queue behind a lock.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PanelMBeans {

    private static final Logger LOG = Logger.getLogger(PanelMBeans.class.getName());

    public static final String DOMAIN = "io.panelx";
    public static final ObjectName PANEL = name(DOMAIN + ":type=Panel");

    @Inject LiveStats stats;
    @EJB ChannelHub hub;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** The registered name of each running channel's MXBean; its name changes with a rename. */
    private final ConcurrentHashMap<Long, ObjectName> channels = new ConcurrentHashMap<>();

    /** False after undeploy began: late state events must not register beans nobody removes. */
    private volatile boolean open;

    @PostConstruct
    void register() {
        open = true;
        register(PANEL, new Panel(stats, hub));
        // Channels started before this bean (always-on channels) have already sent their events.
        for (LiveStats.ChannelLive c : stats.snapshot().channels()) {
            track(c.channelId(), c.name(), c.state());
        }
    }

    @PreDestroy
    void unregister() {
        open = false;
        channels.keySet().forEach(id -> channels.computeIfPresent(id, (k, n) -> remove(n)));
        remove(PANEL);
    }

    /** Public: an observer on a session bean must be a business method. */
    public void channelStateChanged(@Observes ChannelStateChanged e) {
        track(e.channelId(), e.channelName(), e.state());
    }

    /** The channel's ObjectName: {@code io.panelx:type=Channel,id=N,name="..."}. */
    public static ObjectName channelName(long channelId, String channelName) {
        return name(
                DOMAIN
                        + ":type=Channel,id="
                        + channelId
                        + ",name="
                        + ObjectName.quote(channelName == null ? "" : channelName));
    }

    private void track(long channelId, String channelName, ChannelState state) {
        // compute() serializes the events of one channel, which may come from different threads.
        channels.compute(
                channelId,
                (id, registered) -> {
                    if (!open || state == ChannelState.STOPPED) {
                        return registered == null ? null : remove(registered);
                    }
                    ObjectName wanted = channelName(id, channelName);
                    if (wanted.equals(registered)) {
                        return registered;
                    }
                    if (registered != null) {
                        remove(registered);
                    }
                    return register(wanted, new RunningChannel(id, channelName, stats, hub))
                            ? wanted
                            : null;
                });
    }

    private boolean register(ObjectName name, Object mbean) {
        try {
            try {
                server.registerMBean(mbean, name);
            } catch (InstanceAlreadyExistsException e) {
                // left behind by a deployment that did not end cleanly: ours replaces it
                server.unregisterMBean(name);
                server.registerMBean(mbean, name);
            }
            return true;
        } catch (JMException e) {
            LOG.log(Level.WARNING, e, () -> "MBean " + name + " not registered");
            return false;
        }
    }

    /** Unregisters; always returns null so that it can end a compute(). */
    private ObjectName remove(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // already gone: nothing to undo
        } catch (JMException e) {
            LOG.log(Level.WARNING, e, () -> "MBean " + name + " not unregistered");
        }
        return null;
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
