package io.panelx.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * PanelX's names in the platform MBeanServer, which WildFly's JMX subsystem serves to local and
 * remote (remote+http) clients alike.
 */
@ApplicationScoped
public class MBeanRegistration {

    private static final Logger LOG = Logger.getLogger(MBeanRegistration.class.getName());

    public static final String DOMAIN = "io.panelx";
    public static final ObjectName PANEL = name(DOMAIN + ":type=Panel");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    /** A channel's ObjectName: {@code io.panelx:type=Channel,id=N,name="..."}. */
    public static ObjectName channelName(long channelId, String channelName) {
        return name(
                DOMAIN
                        + ":type=Channel,id="
                        + channelId
                        + ",name="
                        + ObjectName.quote(channelName == null ? "" : channelName));
    }

    boolean register(ObjectName name, Object mbean) {
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
    ObjectName remove(ObjectName name) {
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
