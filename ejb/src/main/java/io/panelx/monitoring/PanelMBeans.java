package io.panelx.monitoring;

import io.panelx.delivery.OpenViewers;
import io.panelx.delivery.RunningChannels;
import io.panelx.stats.LiveStats;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Puts PanelX's MXBeans into the platform MBeanServer for the life of the deployment: {@code
 * io.panelx:type=Panel} from startup, and the channel MXBeans (see {@link ChannelMBeans}) of the
 * channels running by then; all are removed on undeploy, so no MBean outlives the classes it uses.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PanelMBeans {

    @Inject LiveStats stats;
    @Inject RunningChannels running;
    @Inject OpenViewers viewers;
    @Inject MBeanRegistration mbeans;
    @Inject ChannelMBeans channels;

    @PostConstruct
    void register() {
        mbeans.register(MBeanRegistration.PANEL, new Panel(stats, running, viewers));
        channels.catchUp();
    }

    @PreDestroy
    void unregister() {
        channels.close();
        mbeans.remove(MBeanRegistration.PANEL);
    }
}
