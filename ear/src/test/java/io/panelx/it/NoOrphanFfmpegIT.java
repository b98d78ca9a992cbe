package io.panelx.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Undeploying PanelX ends every FFmpeg process it started. */
@ExtendWith(ArquillianExtension.class)
class NoOrphanFfmpegIT {

    @ArquillianResource Deployer deployer;

    @Deployment(name = "panelx", managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void undeployEndsEveryFfmpegProcess() throws Exception {
        deployer.deploy("panelx");
        try (var c = StreamClient.open("/live/demo/demo/1.ts")) {
            assertEquals(200, c.status());
            await().atMost(Duration.ofSeconds(20)).until(() -> c.bytes() > 50_000);
            assertFalse(Players.serverFfmpegProcesses().isEmpty());
            deployer.undeploy("panelx");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> Players.serverFfmpegProcesses().isEmpty());
            c.awaitEnd(15);
        }
    }
}
