package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.createChannel;
import static io.panelx.it.PanelX.delete;
import static io.panelx.it.PanelX.get;
import static io.panelx.it.PanelX.object;
import static io.panelx.it.PanelX.post;
import static io.panelx.it.PanelX.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.panelx.it.PanelX;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Running channels from the dashboard's channel table, and the live API's answers. */
@ExtendWith(ArquillianExtension.class)
class ChannelControlIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void startAndStopAChannelFromTheDashboard() {
        long id =
                createChannel(
                        "{\"name\":\""
                                + unique("Control")
                                + "\",\"deliveryMode\":\"FFMPEG\",\"ffmpegProfile\":\"COPY\","
                                + "\"onDemand\":true,\"sources\":[\"lavfi:testsrc2\"]}");
        String row = "#channels tr[data-channel-id='" + id + "']";
        try (var browser = new Browser()) {
            browser.login();
            var wait = browser.waitUpTo(Duration.ofSeconds(40));
            // The channel list is loaded next to the live feed; stopped channels are listed too.
            wait.until(ExpectedConditions.textToBe(By.cssSelector(row + " .state"), "STOPPED"));
            browser.clickFresh(row + " button[data-action='start']");
            wait.until(ExpectedConditions.textToBe(By.cssSelector(row + " .state"), "RUNNING"));
            browser.clickFresh(row + " button[data-action='stop']");
            wait.until(ExpectedConditions.textToBe(By.cssSelector(row + " .state"), "STOPPED"));
        } finally {
            delete("/api/v1/channels/" + id);
        }
    }

    @Test
    void liveApiAnswersInJson() {
        var unknown = delete("/api/v1/live/connections/no-such-connection");
        assertEquals(404, unknown.statusCode());
        assertEquals(404, object(unknown.body()).getInt("status"));
        var snapshot = object(get("/api/v1/live/snapshot").body());
        assertEquals(
                snapshot.getJsonArray("connections").size(),
                snapshot.getJsonObject("totals").getInt("viewers"));
        var missing = post("/api/v1/live/channels/999999/start", "");
        assertEquals(404, missing.statusCode(), missing.body());
    }
}
