package io.panelx.it;

import static io.panelx.it.PanelX.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No orphan FFmpeg after a crash: the server is killed with SIGKILL while an always-on channel's
 * FFmpeg runs, the FFmpeg outlives it, and the next start of the same server ends it, restarts the
 * channel in a new process and closes the connection records the dead run left open.
 *
 * <p>Kills its server, so it runs in its own failsafe execution (it-h2-kill, descriptor
 * arquillian-kill.xml with a manual-mode container) and nowhere else.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "panelx.it.kill", matches = "true")
class KillRecoveryIT {

    private static final Logger LOG = Logger.getLogger(KillRecoveryIT.class.getName());
    private static final String CONTAINER = "kill-recovery";
    private static final String DEPLOYMENT = "panelx";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    @ArquillianResource ContainerController controller;
    @ArquillianResource Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return PanelX.ear();
    }

    @Test
    void nextStartEndsTheFfmpegAKilledServerLeft() throws Exception {
        String marker = null;
        Long pushChannel = null;
        try {
            controller.start(CONTAINER);
            deployer.deploy(DEPLOYMENT);
            ProcessHandle server = wildfly();

            // An always-on push ingest: FFmpeg listens for its publisher and writes nothing, so
            // nothing breaks its pipes when its parent dies.
            String key = unique("kill").replace('-', '_');
            pushChannel =
                    createChannel(
                            "{\"name\":\""
                                    + unique("kill-push")
                                    + "\",\"deliveryMode\":\"FFMPEG\",\"onDemand\":false,"
                                    + "\"sources\":[\"push:"
                                    + key
                                    + "\"]}");
            ProcessHandle orphan =
                    await("the always-on channel's FFmpeg")
                            .atMost(Duration.ofSeconds(20))
                            .until(() -> ffmpegOf(server, key), Optional::isPresent)
                            .orElseThrow();
            marker = marker(orphan);

            // A viewer of an FFmpeg channel: its connection record is open when the server dies.
            String user = unique("kill");
            createLine("{\"username\":\"" + user + "\",\"password\":\"pw\",\"maxConnections\":1}");
            long viewed =
                    createChannel(
                            "{\"name\":\""
                                    + unique("kill-view")
                                    + "\",\"deliveryMode\":\"FFMPEG\",\"onDemand\":true,"
                                    + "\"sources\":[\"lavfi:testsrc\"]}");
            String connectionId;
            long checkpointed;
            try (var viewer = StreamClient.open("/live/" + user + "/pw/" + viewed + ".ts")) {
                assertEquals(200, viewer.status());
                await().atMost(Duration.ofSeconds(20)).until(() -> viewer.bytes() > 50_000);
                connectionId = viewer.connectionId();
                assertNotNull(connectionId, "X-PanelX-Connection header");
                await("the ledger writes connection " + connectionId)
                        .atMost(Duration.ofSeconds(10))
                        .until(
                                () ->
                                        get("/api/v1/connections/" + connectionId).statusCode()
                                                == 200);
                assertFalse(
                        record(connectionId).containsKey("endedAt"),
                        "the ledger holds the connection as open before the crash");
                // The test server checkpoints every 2 s (arquillian-kill.xml).
                await("a checkpoint of connection " + connectionId)
                        .atMost(Duration.ofSeconds(15))
                        .until(
                                () ->
                                        record(connectionId).getJsonNumber("bytesSent").longValue()
                                                > 0);
                checkpointed = record(connectionId).getJsonNumber("bytesSent").longValue();
                // No waiting for the database file: what the API shows as committed must
                // survive a kill -9 (the H2 datasource runs with WRITE_DELAY=0).
                assertTrue(server.destroyForcibly(), "SIGKILL sent to WildFly " + server.pid());
                server.onExit().get(30, TimeUnit.SECONDS);
            }
            assertTrue(
                    orphan.isAlive(),
                    "FFmpeg "
                            + orphan.pid()
                            + " outlives the killed server (else nothing to prove)");

            // The process is gone: stop only resets Arquillian's view of the container.
            controller.stop(CONTAINER);
            assertTrue(orphan.isAlive(), "nothing but the next start ends FFmpeg " + orphan.pid());

            // The server boots with the deployment it had (as after a real crash).
            controller.start(CONTAINER);
            ProcessHandle restarted = wildfly();
            assertNotEquals(server.pid(), restarted.pid());
            await("the restarted panel answers")
                    .atMost(STARTUP)
                    .ignoreExceptions()
                    .until(() -> get("/api/v1/channels/" + viewed).statusCode() == 200);

            await("the restart ends FFmpeg " + orphan.pid() + " left by the killed server")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !orphan.isAlive());
            String logLine =
                    "Ending FFmpeg process "
                            + orphan.pid()
                            + " left by a previous run of this server";
            await("panelx.log: " + logLine)
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> panelxLog().contains(logLine));

            ProcessHandle successor =
                    await("the always-on channel runs again in a new FFmpeg")
                            .atMost(Duration.ofSeconds(30))
                            .until(
                                    () ->
                                            ffmpegOf(restarted, key)
                                                    .filter(p -> p.pid() != orphan.pid()),
                                    Optional::isPresent)
                            .orElseThrow();
            assertEquals(marker, marker(successor), "the same server, the same instance marker");
            assertFalse(orphan.isAlive());

            JsonObject record = record(connectionId);
            assertEquals("SERVER_RESTART", record.getString("endReason"), record.toString());
            assertTrue(record.containsKey("endedAt"), record.toString());
            assertTrue(
                    record.getJsonNumber("bytesSent").longValue() >= checkpointed,
                    "closed with the last checkpoint's bytes: " + record);
        } finally {
            cleanUp(pushChannel, marker);
        }
    }

    /** Leaves no server, deployment, channel or FFmpeg behind, whatever failed. */
    private void cleanUp(Long pushChannel, String marker) {
        boolean up = Players.server().isPresent();
        if (up && pushChannel != null) {
            try {
                delete("/api/v1/channels/" + pushChannel);
            } catch (AssertionError | RuntimeException e) {
                LOG.log(Level.WARNING, "channel " + pushChannel + " not deleted", e);
            }
        }
        if (up) {
            try {
                deployer.undeploy(DEPLOYMENT);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "undeploy failed", e);
            }
        }
        try {
            controller.stop(CONTAINER);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stop failed", e);
        }
        Players.server().ifPresent(ProcessHandle::destroyForcibly);
        if (marker != null) {
            Players.ffmpegProcesses("panelx_instance=" + marker)
                    .forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static ProcessHandle wildfly() {
        return Players.server().orElseThrow(() -> new AssertionError("no WildFly process"));
    }

    /** The FFmpeg of the push ingest {@code key} started by {@code server}. */
    private static Optional<ProcessHandle> ffmpegOf(ProcessHandle server, String key) {
        return server.descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").contains("ffmpeg"))
                .filter(p -> args(p).stream().anyMatch(a -> a.endsWith("/live/" + key)))
                .findFirst();
    }

    private static List<String> args(ProcessHandle p) {
        return p.info().arguments().map(List::of).orElse(List.of());
    }

    /** The server's instance marker on an FFmpeg command line. */
    private static String marker(ProcessHandle ffmpeg) {
        return args(ffmpeg).stream()
                .filter(a -> a.startsWith("panelx_instance="))
                .findFirst()
                .map(a -> a.substring("panelx_instance=".length()))
                .orElseThrow(() -> new AssertionError("no instance marker: " + args(ffmpeg)));
    }

    private static JsonObject record(String connectionId) {
        var r = get("/api/v1/connections/" + connectionId);
        assertEquals(200, r.statusCode(), r.body());
        return object(r.body());
    }

    private static String panelxLog() throws Exception {
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "panelx.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
