package io.panelx.it;

import static io.panelx.it.MonitoringIT.invoke;
import static io.panelx.it.MonitoringIT.probe;
import static io.panelx.it.MonitoringIT.probeChannelOrNull;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import io.panelx.it.jmxprobe.PlatformMBeansProbe;
import io.panelx.monitoring.MBeanRegistration;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MXBeans live exactly as long as the deployment: registered when PanelX starts, a channel's
 * when it starts, and all of them gone from the platform MBeanServer after undeploy, so that no
 * MBean keeps an undeployed class loader alive.
 */
@ExtendWith(ArquillianExtension.class)
class MBeanLifecycleIT {

    @ArquillianResource Deployer deployer;

    @Deployment(name = "panelx", managed = false, testable = false)
    static EnterpriseArchive panelx() {
        return PanelX.ear();
    }

    @Deployment(name = "jmx-probe", testable = false)
    static WebArchive probeArchive() {
        return ShrinkWrap.create(WebArchive.class, "jmx-probe.war")
                .addClass(PlatformMBeansProbe.class);
    }

    @Test
    void mbeansAreRegisteredWithTheDeploymentAndGoneAfterUndeploy() {
        assertTrue(probe("io.panelx:*").isEmpty(), "nothing before deployment");
        deployer.deploy("panelx");
        boolean deployed = true;
        try {
            assertFalse(probe(MBeanRegistration.PANEL.getCanonicalName()).isEmpty(), "Panel");
            invoke(MBeanRegistration.PANEL.getCanonicalName(), "startChannel", "1", "long");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertNotNull(probeChannelOrNull(1), "channel 1 MXBean"));

            deployer.undeploy("panelx");
            deployed = false;
            assertEquals(0, probe("io.panelx:*").size(), "no MBean outlives the deployment");
        } finally {
            if (deployed) {
                deployer.undeploy("panelx");
            }
        }
    }
}
